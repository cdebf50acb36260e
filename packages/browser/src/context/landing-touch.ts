/**
 * The automatic landing touchpoint: the "how did they arrive" touch that starts a session, named
 * with the catalog's ids so the journey places it on a stage without configuration, remembered as
 * first / last touch and tracked as a `touchpoint` event.
 *
 * | arrival | touchpoint id |
 * |---|---|
 * | paid, source facebook / instagram / tiktok / linkedin (or `fb`, `ig`, `meta`) | `facebook-ad`, `instagram-ad`, `tiktok-ad`, `linkedin-ad` |
 * | paid, medium `display` / `cpm` / `banner` | `display-ad` |
 * | paid, medium `cpv` / `*video*` or source youtube | `video-ad` |
 * | paid, source a search engine (`gclid`, `msclkid`, `yclid`, `utm_source=google`) | `search-ad` |
 * | paid, anything else | `display-ad` |
 * | search from Google | `google-search` |
 * | search from any other engine | `organic-search` |
 * | social (organic, including `fbclid` alone) | `social-post` |
 * | email | `newsletter-email` |
 * | referral with `utm_medium=referral` (a tagged refer-a-friend link) | `referral` |
 * | referral from an untagged link on another site | `referring-site` |
 * | direct | `direct` |
 * | internal (a new session started from the site's own page) | `website` |
 *
 * First touch: the first landing touch ever recorded for this browser, never overwritten (until
 * `reset()` or consent denied). Last touch: the latest landing touch that was not `direct` /
 * `internal` ("last non-direct click": typing the address after clicking an ad should not erase
 * the ad); a direct visit is the last touch only while there is no other.
 */
import type { Campaign, EventContext, JsonObject, TouchSummary } from '@touchpoint/core'
import { classifyArrival, inTable, searchReferrers, type Arrival } from './channel'
import type { ClientCalls } from './context-types'
import type { VisitorRecord, VisitorStore } from './visitor-store'

/** Common short `utm_source` values. */
const aliases: Readonly<Record<string, string>> = { fb: 'facebook', ig: 'instagram', meta: 'facebook' }

/** Maps a classified arrival (and the campaign, for `utm_medium`) to a catalog touchpoint id. */
export function landingTouchpoint({ channel, source }: Arrival, campaign?: Campaign): string {
  const medium = campaign?.medium?.toLowerCase() ?? ''
  const from = (source && aliases[source]) || source || ''
  const network = /^(facebook|instagram|tiktok|linkedin)(-|$)/.exec(from)?.[1]
  return channel === 'paid'
    ? network
      ? `${network}-ad`
      : /display|cpm|banner/.test(medium)
        ? 'display-ad'
        : /cpv|video/.test(medium) || from === 'youtube'
          ? 'video-ad'
          : inTable(from.split('-')[0]!, searchReferrers)
            ? 'search-ad'
            : 'display-ad'
    : channel === 'search'
      ? from === 'google'
        ? 'google-search'
        : 'organic-search'
      : channel === 'social'
        ? 'social-post'
        : channel === 'email'
          ? 'newsletter-email'
          : channel === 'referral'
            ? medium === 'referral'
              ? 'referral'
              : 'referring-site'
            : channel === 'internal'
              ? 'website'
              : 'direct'
}

/** Whether a touch is weak for "last non-direct click". */
const weak = (touch: TouchSummary): boolean => /^(direct|internal)$/.test(touch.channel!)

/** Remembers a landing touch as first touch (when there is none) and last touch (unless it is weaker). */
export function rememberTouch(record: VisitorRecord, touch: TouchSummary): void {
  record.f ??= touch
  if (!weak(touch) || !record.l || weak(record.l)) record.l = touch
}

/**
 * Classifies the arrival on the page `context` describes (its masked URL, referrer and campaign),
 * records it as first / last touch in `store` and tracks it through `client`.
 * @param internalDomains domains counted as this site besides the page's own host
 */
export function recordLandingTouch(context: Partial<EventContext>, at: number, internalDomains: readonly string[], store: VisitorStore, client: Pick<ClientCalls, 'track'>): void {
  const { page, campaign } = context
  const { url = '', referrer: from } = page!
  const { channel, source } = classifyArrival(from, url, campaign, internalDomains)
  const touchpoint = landingTouchpoint({ channel, source }, campaign)
  // URLs are capped so journey tokens stay small enough for a header.
  const landingPage = url.slice(0, 500)
  const referrer = from?.slice(0, 500)
  const touch: TouchSummary = { touchpoint, channel, timestamp: new Date(at).toISOString(), landingPage, referrer, campaign }
  rememberTouch(store.get(), touch)
  store.save(true)
  // `undefined` values are left out of the event, as JSON leaves them out.
  const properties = { landingPage, source, referrer } as JsonObject
  client.track('touchpoint', { touchpoint, channel, campaign, properties })
}
