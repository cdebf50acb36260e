/**
 * A small fixed journey dataset with hand-computed expectations (see
 * test/core/analysis/analyze-journeys.test.ts), shared by the analysis tests, the collector and
 * the report. Five people over eleven days:
 *
 * - Alice: facebook-ad, review, landing-page as anonymous `a-alice`; identifies as `u-alice`;
 *   buys for 100; gets an invoice. → new customer, 3 touches to convert.
 * - Bob: search-ad as `b-bob`; a sales call recorded server-side as `u-bob` joined by a journey
 *   token; buys for 200; a second search-ad; buys again for 50 (`properties.value`). → returning.
 * - Carol: facebook-ad, then a `Stage Entered` consideration. → warm lead.
 * - Dave: facebook-ad (delivered twice: same messageId). → cold lead.
 * - Erin: a page view carrying both ids, a podcast (unknown touchpoint, no stage), a sales call. → hot lead.
 * Plus two invalid events (a touchpoint without id, an unreadable timestamp).
 */
import type { TrackEvent, WireEvent } from '../../src/event/types'
import type { Journey } from '../../src/journey/types'

/** One day in milliseconds. */
export const DAY_MS = 86_400_000
/** Start of the fixture: 2026-01-01T00:00:00Z. */
export const T0 = Date.UTC(2026, 0, 1)

/** ISO time `days` (fractions allowed) after {@link T0}. */
export const at = (days: number): string => new Date(T0 + days * DAY_MS).toISOString()

/** A custom 5-stage journey; `advocacy` has no touchpoint placed on it. */
export const shopJourney: Journey = {
  id: 'shop',
  name: 'Shop',
  stages: [
    { id: 'awareness', name: 'Awareness', phase: 'before' },
    { id: 'consideration', name: 'Consideration', phase: 'before' },
    { id: 'purchase', name: 'Purchase', phase: 'during' },
    { id: 'retention', name: 'Retention', phase: 'after' },
    { id: 'advocacy', name: 'Advocacy', phase: 'after' },
  ],
  touchpoints: {
    'facebook-ad': { stage: 'awareness', name: 'Facebook ad', channel: 'social' },
    'search-ad': { stage: 'awareness', name: 'Search ad', channel: 'search' },
    review: { stage: 'consideration', name: 'Review' },
    'landing-page': { stage: 'consideration', name: 'Landing page', channel: 'web' },
    'sales-call': { stage: 'purchase', name: 'Sales call', channel: 'phone' },
    invoice: { stage: 'retention', name: 'Invoice', channel: 'email' },
  },
}

const library = { name: '@touchpoint/test', version: '0.0.0' }

/** Who an event is from. */
export interface Who {
  userId?: string
  anonymousId?: string
  /** Journey token: the browser's anonymous id on a server event. */
  journeyAnonymousId?: string
}

const base = (messageId: string, day: number, who: Who) => ({
  messageId,
  timestamp: at(day),
  ...(who.userId === undefined ? {} : { userId: who.userId }),
  ...(who.anonymousId === undefined ? {} : { anonymousId: who.anonymousId }),
  context: { library, ...(who.journeyAnonymousId === undefined ? {} : { journey: { anonymousId: who.journeyAnonymousId } }) },
})

/** A `touchpoint` track event. */
export function touchEvent(messageId: string, day: number, who: Who, properties: { touchpoint: string; stage?: string; channel?: string }): WireEvent {
  return { ...base(messageId, day, who), type: 'track', event: 'touchpoint', properties: { ...properties } }
}

/** An `Order Completed` track event (or `event`). */
export function orderEvent(messageId: string, day: number, who: Who, properties: { revenue?: number; value?: number }, event = 'Order Completed'): WireEvent {
  return { ...base(messageId, day, who), type: 'track', event, properties: { ...properties } }
}

/** A `Stage Entered` track event. */
export function stageEvent(messageId: string, day: number, who: Who, stage: string): WireEvent {
  return { ...base(messageId, day, who), type: 'track', event: 'Stage Entered', properties: { stage } }
}

/** An `identify` event linking `anonymousId` to `userId`. */
export function identifyEvent(messageId: string, day: number, userId: string, anonymousId: string): WireEvent {
  return { ...base(messageId, day, { userId, anonymousId }), type: 'identify', traits: {} }
}

/** A `page` event. */
export function pageEvent(messageId: string, day: number, who: Who): WireEvent {
  return { ...base(messageId, day, who), type: 'page', properties: {} }
}

/** The fixed dataset: 20 events received, 1 duplicate, 2 invalid. */
export function journeyEvents(): WireEvent[] {
  const alice = { anonymousId: 'a-alice' }
  const bob = { anonymousId: 'b-bob' }
  const dave = { anonymousId: 'd-dave' }
  const daveAd = touchEvent('m-10', 2, dave, { touchpoint: 'facebook-ad', channel: 'social' }) as TrackEvent
  return [
    touchEvent('m-01', 0, alice, { touchpoint: 'facebook-ad', channel: 'social' }),
    touchEvent('m-02', 2, alice, { touchpoint: 'review', channel: 'review' }),
    touchEvent('m-03', 4, alice, { touchpoint: 'landing-page', channel: 'web' }),
    identifyEvent('m-04', 5, 'u-alice', 'a-alice'),
    orderEvent('m-05', 5.5, { userId: 'u-alice' }, { revenue: 100 }),
    touchEvent('m-06', 6, { userId: 'u-alice' }, { touchpoint: 'invoice', channel: 'email' }),

    touchEvent('m-07', 0, bob, { touchpoint: 'search-ad', channel: 'search' }),
    touchEvent('m-08', 3, { userId: 'u-bob', journeyAnonymousId: 'b-bob' }, { touchpoint: 'sales-call', channel: 'phone' }),
    orderEvent('m-09', 3.5, { userId: 'u-bob' }, { revenue: 200 }),
    touchEvent('m-11', 10, bob, { touchpoint: 'search-ad', channel: 'search' }),
    orderEvent('m-12', 10.5, { userId: 'u-bob' }, { value: 50 }),

    touchEvent('m-13', 1, { anonymousId: 'c-carol' }, { touchpoint: 'facebook-ad', channel: 'social' }),
    stageEvent('m-14', 3, { anonymousId: 'c-carol' }, 'consideration'),

    daveAd,
    { ...daveAd, properties: { ...daveAd.properties } },

    pageEvent('m-15', 0, { userId: 'u-erin', anonymousId: 'e-erin' }),
    touchEvent('m-16', 0.04, { anonymousId: 'e-erin' }, { touchpoint: 'podcast', channel: 'content' }),
    touchEvent('m-17', 2, { userId: 'u-erin' }, { touchpoint: 'sales-call', channel: 'phone' }),

    { ...touchEvent('m-18', 3, dave, { touchpoint: 'x' }), properties: { channel: 'social' } } as WireEvent,
    { ...touchEvent('m-19', 3, dave, { touchpoint: 'facebook-ad' }), timestamp: 'not a date' } as WireEvent,
  ]
}

/**
 * The worked example of docs/analysis.md, on the purchase-funnel preset: five people, three of
 * them buying nothing yet, no touch after the sale.
 */
export function docsExampleEvents(): WireEvent[] {
  let serial = 0
  const id = (): string => `m-${String(++serial).padStart(2, '0')}`
  const touch = (day: number, who: Who, touchpoint: string): WireEvent => touchEvent(id(), day, who, { touchpoint })
  const order = (day: number, userId: string, revenue: number): WireEvent => orderEvent(id(), day, { userId }, { revenue })
  const identify = (day: number, userId: string, anonymousId: string): WireEvent => identifyEvent(id(), day, userId, anonymousId)
  return [
    // Linh: ad, review, product page, signs in and buys.
    touch(0, { anonymousId: 'anon-linh' }, 'facebook-ad'),
    touch(2, { anonymousId: 'anon-linh' }, 'product-review'),
    touch(3, { anonymousId: 'anon-linh' }, 'product-page'),
    identify(4, 'linh', 'anon-linh'),
    order(4, 'linh', 120),
    // Minh: search ad, product page, fills a cart and leaves.
    touch(0, { anonymousId: 'anon-minh' }, 'search-ad'),
    touch(1, { anonymousId: 'anon-minh' }, 'product-page'),
    touch(1.1, { anonymousId: 'anon-minh' }, 'cart'),
    // An: saw one Instagram ad.
    touch(1, { anonymousId: 'anon-an' }, 'instagram-ad'),
    // Bao: organic search, review, a sales call logged server-side (journey token), two orders.
    touch(0, { anonymousId: 'anon-bao' }, 'google-search'),
    touch(1, { anonymousId: 'anon-bao' }, 'product-review'),
    touch(5, { userId: 'bao', journeyAnonymousId: 'anon-bao' }, 'sales-team'),
    order(5, 'bao', 300),
    touch(19, { userId: 'bao' }, 'search-ad'),
    order(20, 'bao', 80),
    // Chi: ad and a review, no purchase yet.
    touch(2, { anonymousId: 'anon-chi' }, 'facebook-ad'),
    touch(3, { anonymousId: 'anon-chi' }, 'product-review'),
  ]
}
