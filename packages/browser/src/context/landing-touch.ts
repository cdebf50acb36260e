/**
 * The automatic landing touchpoint: how the visitor arrived (referrer, URL, campaign), remembered
 * as the first/last touch and tracked as a `touchpoint` event.
 */
import type { JsonObject, TouchSummary } from '@touchpoint/core'
import { parseCampaign } from './campaign'
import { classifyArrival } from './channel'
import type { ClientCalls, ContextWindow } from './context-types'
import type { TouchMemory } from './first-last-touch'
import { landingTouchpoint } from './landing-touchpoint'

/** Longest URL kept in a touch summary, so journey tokens stay small enough for a header. */
const clip = (url: string): string => url.slice(0, 500)

/**
 * Classifies the arrival on `win`'s current URL, records it in `touches` and tracks it through
 * `client`. `referrer` is the previous in-app URL after an SPA navigation (else the document's).
 */
export function recordLandingTouch(
  win: ContextWindow,
  referrer: string | undefined,
  at: number,
  mask: (url: string) => string,
  internalDomains: string[],
  touches: TouchMemory,
  client: Pick<ClientCalls, 'track'>,
): void {
  const { href, search } = win.location
  const from = referrer ?? win.document.referrer ?? ''
  const campaign = parseCampaign(search)
  const landing = landingTouchpoint(classifyArrival({ referrer: from, url: href, campaign, internalDomains }), campaign)
  const summary: TouchSummary = {
    touchpoint: landing.touchpoint,
    channel: landing.channel,
    timestamp: new Date(at).toISOString(),
    landingPage: clip(mask(href)),
    ...(from ? { referrer: clip(mask(from)) } : {}),
    ...(campaign ? { campaign } : {}),
  }
  touches.record(summary)
  const properties: JsonObject = { landingPage: summary.landingPage! }
  if (landing.source) properties.source = landing.source
  if (summary.referrer) properties.referrer = summary.referrer
  client.track('touchpoint', { touchpoint: landing.touchpoint, channel: landing.channel, ...(campaign ? { campaign } : {}), properties })
}
