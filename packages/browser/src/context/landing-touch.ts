/**
 * The automatic landing touchpoint: how the visitor arrived (see `classifyArrival` for the
 * channel and the touchpoint id), remembered as first / last touch and tracked as a
 * `touchpoint` event when a session starts.
 *
 * First touch: the first landing touch ever recorded for this browser, never overwritten (until
 * `reset()` or consent denied). Last touch: the latest landing touch that was not `direct` /
 * `internal` ("last non-direct click": typing the address after clicking an ad should not erase
 * the ad); a direct visit is the last touch only while there is no other.
 */
import type { EventContext, JsonObject, TouchSummary } from '@touchpoint/core'
import { classifyArrival } from './channel'
import type { ClientCalls } from './context-types'
import type { VisitorRecord, VisitorStore } from './visitor-store'

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
 * @param internalDomain a domain counted as this site besides the page's own host (`cookieDomain`)
 */
export function recordLandingTouch(context: Partial<EventContext>, at: number, internalDomain: string | undefined, store: VisitorStore, client: Pick<ClientCalls, 'track'>): void {
  const { page, campaign } = context
  const { url = '', referrer: from } = page!
  const { channel, source, touchpoint } = classifyArrival(from, url, campaign, internalDomain)
  // URLs are capped so journey tokens stay small enough for a header.
  const landingPage = url.slice(0, 500)
  const referrer = from?.slice(0, 500)
  const touch: TouchSummary = { touchpoint, channel, timestamp: new Date(at).toISOString(), landingPage, referrer, campaign }
  rememberTouch(store.get_(), touch)
  store.save_(true)
  // `undefined` values are left out of the event, as JSON leaves them out.
  const properties = { landingPage, source, referrer } as JsonObject
  client.track('touchpoint', { touchpoint, channel, campaign, properties })
}
