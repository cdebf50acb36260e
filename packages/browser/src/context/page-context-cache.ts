/**
 * The page part of every event's context (page, campaign, screen, locale), cached between
 * events: masking and parsing the URL for every event costs more than the rest of `track`
 * together.
 */
import type { EventContext } from '@touchpoint/core'
import { parseCampaign } from './campaign'
import type { ContextWindow } from './context-types'
import { currentTimezone, readPageContext } from './page-context'

/** Reads the page context; `referrer` is the previous in-app URL after an SPA navigation. */
export type PageContextReader = (referrer: string | undefined) => Partial<EventContext>

/**
 * A reader of `win`'s page context that rebuilds it only when the URL, title or referrer changed,
 * or after a second (screen and locale change rarely, but they do). Each call returns a copy.
 */
export function createPageContextCache(win: ContextWindow, now: () => number, mask: (url: string) => string): PageContextReader {
  let page: Partial<EventContext> = {}
  let pageUrl: string | undefined
  let pageTitle: string | undefined
  let pageReferrer: string | undefined
  let pageAt = -Infinity
  /** Read once per tracker: the zone of a page does not change while it is open. */
  let zone: string | undefined | null = null
  return (referrer) => {
    const at = now()
    // `document.URL` follows pushState like `location.href`, at a tenth of the cost.
    const href = win.document.URL ?? win.location.href
    const { title } = win.document
    const from = referrer ?? win.document.referrer
    if (href !== pageUrl || title !== pageTitle || from !== pageReferrer || at - pageAt >= 1000 || at < pageAt) {
      if (zone === null) zone = currentTimezone()
      page = readPageContext(win, mask, referrer, zone)
      const campaign = parseCampaign(win.location.search)
      if (campaign) page.campaign = campaign
      pageUrl = href
      pageTitle = title
      pageReferrer = from
      pageAt = at
    }
    return { ...page }
  }
}
