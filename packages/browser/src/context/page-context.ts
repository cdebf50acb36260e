/**
 * The page part of every event's context: page, locale, user agent, screen, timezone. Every URL
 * goes through the masker first.
 */
import type { EventContext } from '@touchpoint/core'

/** The platform objects read, injected so tests pass plain objects. */
export interface PagePlatform {
  location: { href: string; pathname: string; search: string }
  document?: { title?: string; referrer?: string }
  navigator?: { language?: string; userAgent?: string }
  screen?: { width: number; height: number }
  devicePixelRatio?: number
  /** Time zone name. @default read from `Intl` once per page */
  timezone?: string
}

/** Context fields a browser page knows. */
export type PageContext = Pick<EventContext, 'page' | 'locale' | 'userAgent' | 'screen' | 'timezone'>

/**
 * The IANA time zone, or `undefined` where `Intl` cannot say. Building an `Intl.DateTimeFormat`
 * costs tens of µs: callers read it once and keep it (see `createPageContextCache`).
 */
export function currentTimezone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined
  } catch {
    return undefined
  }
}

/**
 * Reads the page context now.
 * @param mask URL masker (see `createUrlMasker`)
 * @param referrer overrides `document.referrer`: after an SPA navigation the referrer is the
 *   previous in-app URL, while `document.referrer` still names the page before the app loaded
 */
export function readPageContext(
  platform: PagePlatform,
  mask: (url: string) => string,
  referrer?: string,
  /** The time zone already read. @default read now with `currentTimezone()` */
  timezone?: string,
): PageContext {
  const { location, document, navigator, screen } = platform
  const page: NonNullable<EventContext['page']> = { url: mask(location.href), path: location.pathname }
  const search = location.search && mask(location.search)
  if (search) page.search = search
  if (document?.title) page.title = document.title
  const ref = referrer ?? document?.referrer
  if (ref) page.referrer = mask(ref)
  const context: PageContext = { page }
  if (navigator?.language) context.locale = navigator.language
  if (navigator?.userAgent) context.userAgent = navigator.userAgent
  if (screen) context.screen = { width: screen.width, height: screen.height, ...(platform.devicePixelRatio ? { density: platform.devicePixelRatio } : {}) }
  const zone = platform.timezone ?? timezone ?? currentTimezone()
  if (zone) context.timezone = zone
  return context
}
