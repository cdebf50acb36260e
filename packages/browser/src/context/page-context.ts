/**
 * The page part of every event's context: page, campaign, locale, user agent, screen, timezone.
 * Every URL goes through the masker first. Cached between events: masking and parsing the URL
 * for every event costs more than the rest of `track` together.
 */
import type { EventContext } from '@touchpoint/core'
import { attempt } from '../attempt'
import { parseCampaign } from './campaign'
import type { ContextWindow } from './context-types'

/** Reads the page context; `referrer` overrides `document.referrer` (the previous in-app URL after an SPA navigation). */
export type PageContextReader = (referrer?: string) => Partial<EventContext>

/**
 * A reader of `win`'s page context that rebuilds it only when the URL, title or referrer changed,
 * or once a second (screen and locale change rarely, but they do). The time zone is read once:
 * building an `Intl.DateTimeFormat` costs tens of µs. Callers copy the result before changing it.
 * @param mask URL masker (see `createUrlMasker`)
 */
export function createPageContext(win: Pick<ContextWindow, 'location' | 'document' | 'navigator' | 'screen' | 'devicePixelRatio'>, mask: (url: string) => string, now: () => number): PageContextReader {
  let context: Partial<EventContext> = {}
  let url: string | undefined
  let title: string | undefined
  let referrerSeen: string | undefined
  let second = Number.NaN
  let timezone: string | undefined
  return (referrer) => {
    const { document } = win
    const from = referrer ?? document.referrer
    const at = Math.floor(now() / 1000)
    // `document.URL` follows pushState like `location.href`, at a tenth of the cost. Compared one
    // by one: a key string built from them on every event cost more than the rest of the context.
    const href = document.URL ?? win.location.href
    if (href !== url || document.title !== title || from !== referrerSeen || at !== second) {
      url = href
      title = document.title
      referrerSeen = from
      second = at
      const { location, navigator, screen, devicePixelRatio } = win
      const { pathname, search } = location
      const page: EventContext['page'] = { url: mask(location.href), path: pathname }
      if (search) page.search = mask(search)
      if (title) page.title = title
      if (from) page.referrer = mask(from)
      timezone ||= attempt(() => Intl.DateTimeFormat().resolvedOptions().timeZone)
      context = {
        page,
        campaign: parseCampaign(search),
        locale: navigator.language,
        userAgent: navigator.userAgent,
        screen: screen && { width: screen.width, height: screen.height, density: devicePixelRatio },
        timezone,
      }
    }
    return context
  }
}
