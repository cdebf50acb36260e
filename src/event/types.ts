/**
 * The wire format: Segment-spec events, so Segment-, RudderStack- and Jitsu-compatible
 * collectors accept a Touchpoint batch unchanged.
 */

/** A JSON value: what `properties` and `traits` may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }
/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue }

/** Journey phase a stage belongs to. */
export type Phase = 'before' | 'during' | 'after'
/** How the brand meets the customer at a touchpoint. */
export type Interaction = 'direct' | 'indirect'

/** The library that produced an event. */
export interface LibraryInfo {
  readonly name: string
  readonly version: string
}

/** Campaign parameters (`utm_*` without the prefix, plus click ids). */
export interface Campaign {
  source?: string
  medium?: string
  name?: string
  term?: string
  content?: string
  /** Click ids such as `gclid`, `fbclid`, `msclkid`, keyed by their parameter name. */
  [clickId: string]: string | undefined
}

/** A touch remembered for attribution (first touch, last touch). */
export interface TouchSummary {
  /** Touchpoint id (e.g. `facebook-ad`, `google-search`, `direct`). */
  readonly touchpoint: string
  readonly channel?: string
  readonly campaign?: Campaign
  readonly referrer?: string
  readonly landingPage?: string
  /** ISO-8601 time of the touch. */
  readonly timestamp: string
}

/** Context attached to every event. Platform adapters fill in what they know. */
export interface EventContext {
  library: LibraryInfo
  page?: { url?: string; path?: string; title?: string; referrer?: string; search?: string }
  campaign?: Campaign
  locale?: string
  userAgent?: string
  screen?: { width: number; height: number; density?: number }
  timezone?: string
  /** Browser session id (30 min idle, 24 h maximum). */
  sessionId?: string
  /** Set when a server-side event was joined to a browser journey through a journey token. */
  journey?: { anonymousId?: string; sessionId?: string; firstTouch?: TouchSummary; lastTouch?: TouchSummary }
  [key: string]: unknown
}

interface BaseEvent {
  /** UUIDv7: time-ordered, the idempotency key collectors dedup on. */
  messageId: string
  /** ISO-8601 time the event happened. */
  timestamp: string
  userId?: string
  anonymousId?: string
  context: EventContext
}

/** `track`: something the customer did, including touchpoints (`event: 'touchpoint'`). */
export interface TrackEvent extends BaseEvent {
  type: 'track'
  event: string
  properties: JsonObject
}

/** `identify`: ties an anonymous visitor to a known user, with traits. */
export interface IdentifyEvent extends BaseEvent {
  type: 'identify'
  traits: JsonObject
}

/** `page`: a page view. */
export interface PageEvent extends BaseEvent {
  type: 'page'
  name?: string
  properties: JsonObject
}

/** Any event on the wire. */
export type WireEvent = TrackEvent | IdentifyEvent | PageEvent

/** The body of one flush: `POST` to the collector's batch endpoint. */
export interface BatchBody {
  batch: WireEvent[]
  sentAt: string
  /** Only where no `Authorization` header can be set (beacons). */
  writeKey?: string
}

/** The properties of a `touchpoint` track event. */
export interface TouchpointProperties {
  /** Catalog id (e.g. `facebook-ad`, `invoice`) or any custom id. Required. */
  touchpoint: string
  /** Channel the touch happened on (`social`, `search`, `email`, `store`, …). */
  channel?: string
  /** Journey stage; filled in from the journey when omitted and the touchpoint is known. */
  stage?: string
  interaction?: Interaction
  campaign?: Campaign
  /** Monetary value of the touch (e.g. an invoice total). */
  value?: number
  /** ISO-4217 code, three letters. */
  currency?: string
  /** Free JSON properties. */
  properties?: JsonObject
}
