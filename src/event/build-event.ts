/**
 * Builds wire events from `track` / `identify` / `page` calls: validates the input with the hand
 * checks of `rules.ts` (the same rules as the zod schemas, proven by tests, but without zod on the
 * hot path), copies properties into JSON-safe values, stamps `messageId` (UUIDv7) and `timestamp`,
 * attaches the context and the journey token, and measures the serialized size once.
 * Never throws: every problem comes back as a `ValidationError` value.
 */
import type { QueuedEvent } from '../engine/types'
import { ValidationError } from '../errors'
import type { JourneyToken } from './journey-token'
import { checkMoney, checkName, checkTouchpointProperties, isObject, needName, rules } from './rules'
import { createJsonCopier, fail, RuleFailure, type LiftedIds } from './sanitize-json'
import { createEventWriter, defaultMaxEventBytes, sizeRule, type EventWriterFactory } from './serialize-event'
import type { EventContext, JsonObject, LibraryInfo, WireEvent } from './types'
import { createUuidV7, type RandomBytes } from './uuid-v7'

/** Options of {@link createEventBuilder}. */
export interface EventBuilderOptions {
  /** Goes into every event's `context.library`. */
  library: LibraryInfo
  /**
   * The journey's stage for a touchpoint id, used for a `touchpoint` event tracked without
   * `stage`; `undefined` for an unknown (custom) id, which keeps what it was given.
   * @default no stage is filled in
   */
  stageOf?: (touchpointId: string) => string | undefined
  /** Current time in milliseconds. @default Date.now */
  now?: () => number
  /** Randomness for `messageId`. @default globalThis.crypto.getRandomValues */
  randomBytes?: RandomBytes
  /** Largest event accepted, in UTF-8 bytes of its JSON. @default 32_768 */
  maxEventBytes?: number
  /** Deepest nesting of properties, traits and context (the object itself is level 1). @default 10 */
  maxDepth?: number
  /** Reject events with neither `userId` nor `anonymousId` (servers have no browser identity). @default false */
  requireIdentity?: boolean
  /**
   * Take `userId` / `anonymousId` found at the top level of `track` properties as the event's ids
   * (ids given to the call win) and leave them out of `properties`: the server convention
   * `track('invoice', { userId, … })`. Done during the properties copy, so it costs no second copy.
   * @default false
   */
  idsInProperties?: boolean
  /**
   * Reads a journey token given to a call (servers pass `decodeJourneyToken`). Injected rather
   * than imported so browser bundles, which only create tokens, do not carry the decoder.
   * @default tokens given to a call are ignored, with a warning
   */
  decodeJourneyToken?: (input: JourneyToken | string) => JourneyToken | ValidationError
}

/** Per-call options of `track`, `identify` and `page`. */
export interface CallOptions {
  /** The known user. @default none */
  userId?: string
  /** The anonymous visitor. @default the journey token's `anonymousId`, when a token is given */
  anonymousId?: string
  /** When the event happened: a Date, an ISO-8601 string or epoch milliseconds. @default now */
  timestamp?: Date | string | number
  /**
   * Context of this event (page, locale, session…), copied as JSON; the client merges the
   * platform's context here. `library` is always the builder's.
   * @default `{ library }` only
   */
  context?: Partial<EventContext>
  /** A browser journey to join this event to: the encoded string or the decoded object. @default none */
  journeyToken?: JourneyToken | string
}

/** An event ready to enqueue, or why it was not recorded. */
export type BuildResult =
  | {
      readonly ok: true
      /** What the queue stores: id, JSON and its size. */
      readonly value: QueuedEvent
      /**
       * The event `value.json` was made from, for hooks that inspect it (re-serialize a changed
       * copy with `serializeEvent`).
       */
      readonly event: WireEvent
      /** Set when the journey token was invalid: the event is recorded without it. */
      readonly warning?: ValidationError
    }
  | { readonly ok: false; readonly error: ValidationError }

/** Builds validated wire events. No method throws. */
export interface EventBuilder {
  /** A `track` event; `touchpoint` events are also checked against the touchpoint rules and get their stage. */
  track(event: string, properties?: Record<string, unknown>, call?: CallOptions): BuildResult
  /** An `identify` event; needs `userId` (argument or call) or `anonymousId` whatever `requireIdentity` says. */
  identify(userId: string | undefined, traits?: Record<string, unknown>, call?: CallOptions): BuildResult
  /** A `page` event, with an optional page name. */
  page(name?: string, properties?: Record<string, unknown>, call?: CallOptions): BuildResult
}

/** Years 0000 to 9999: what a four-digit ISO-8601 timestamp can say (and `toISOString` writes plainly). */
const minTime = -62_167_219_200_000
const maxTime = 253_402_300_799_999

/**
 * Marks a context object its maker never changes (it makes a new one instead), like the
 * browser's page context: the builder copies and serializes such a context once, and reuses
 * both while the same object comes back. Define it non-enumerable (`Object.defineProperty`), so
 * that a copy made by spreading the object is not marked. Any other context is copied on every
 * event.
 */
export const stableContext: unique symbol = Symbol.for('touchpoint.stableContext')

/** Creates the builder the client uses for every call, with the fast (server) event writer and UUIDv7. */
export function createEventBuilder(options: EventBuilderOptions): EventBuilder {
  return createEventBuilderWith(createEventWriter, options)
}

/**
 * {@link createEventBuilder} with a chosen event writer: browsers pass the size-first
 * `createPlainEventWriter`, so their bundles leave the fast writer out.
 */
export function createEventBuilderWith(writer: EventWriterFactory, options: EventBuilderOptions): EventBuilder {
  const { library, stageOf, requireIdentity, idsInProperties, decodeJourneyToken: decode, now = Date.now, maxEventBytes = defaultMaxEventBytes, maxDepth } = options
  const nextId = createUuidV7(options.randomBytes)
  const copyJson = createJsonCopier()
  const write = writer(library, maxEventBytes)

  /** The last stable context given, its copy and the copy's JSON (see {@link stableContext}). */
  let stableGiven: unknown
  let stableCopy: EventContext | undefined
  let stableJson: string | undefined

  // Most events of a burst share a millisecond: format its ISO string once.
  let isoMs = Number.NaN
  let isoText = ''
  const isoAt = (ms: number): string => {
    if (ms !== isoMs) {
      isoText = new Date(ms).toISOString()
      isoMs = ms
    }
    return isoText
  }

  /** A JSON-safe copy of an object argument (`properties`, `traits`, `context`); `{}` for none. */
  const copyObject = (value: unknown, path: string, ids?: LiftedIds): JsonObject => {
    if (value == null) return {}
    if (!isObject(value)) fail(path, rules.object)
    const copy = copyJson(value, path, maxDepth, ids)
    // A Date passes `isObject` but copies to a string.
    return typeof copy === 'string' ? fail(path, rules.object) : (copy as JsonObject)
  }

  /**
   * Builds one event or throws the first broken rule. `name` is the event name (track) or page
   * name; `input` the properties or traits; `explicitUserId` identify's argument.
   */
  const build = (type: WireEvent['type'], name: unknown, input: unknown, call: CallOptions | undefined, explicitUserId?: unknown): BuildResult => {
    if (type === 'track' || name != null) needName(name, type === 'track' ? 'event' : 'name')
    const ids: LiftedIds | undefined = idsInProperties && type === 'track' ? {} : undefined
    const body = copyObject(input, type === 'identify' ? 'traits' : 'properties', ids)
    if (type === 'identify') {
      if (explicitUserId != null) needName(explicitUserId, 'userId')
    } else {
      checkMoney(body)
      if (type === 'track' && name === 'touchpoint') {
        checkTouchpointProperties(body)
        if (body.stage === undefined && stageOf) {
          const stage = stageOf(body.touchpoint as string)
          if (typeof stage === 'string') body.stage = stage
        }
      }
    }
    const ms = now()
    const userId: unknown = explicitUserId ?? call?.userId ?? ids?.userId
    let anonymousId: unknown = call?.anonymousId ?? ids?.anonymousId
    let timestamp: string | undefined
    // `undefined` = `{ library }` alone, which the fast writer writes once.
    let context: EventContext | undefined
    /** The context's JSON, when a stable context already has it. */
    let contextJson: string | undefined
    let warning: ValidationError | undefined
    if (call) {
      const { timestamp: time, context: given, journeyToken } = call
      if (time !== undefined) {
        const at = new Date(time).getTime()
        if (typeof time === 'boolean' || !(at >= minTime && at <= maxTime)) fail('timestamp', 'must be a valid date')
        timestamp = isoAt(at)
      }
      if (given !== undefined) {
        if (given === stableGiven) {
          context = stableCopy
          contextJson = stableJson
        } else {
          // Already a fresh copy: set `library` on it rather than spreading again.
          context = copyObject(given, 'context') as EventContext
          context.library = library
          // Serialized now, before any hook could see (and change) the copy the events share.
          if ((given as { [stableContext]?: unknown })[stableContext] === true) {
            stableGiven = given
            stableCopy = context
            contextJson = stableJson = JSON.stringify(context)
          }
        }
      }
      if (journeyToken !== undefined) {
        const label = type === 'track' ? (name as string) : type
        const token = decode ? decode(journeyToken) : new ValidationError({ label, path: 'journeyToken', rule: 'is not accepted by this tracker' })
        if (token instanceof ValidationError) {
          warning = new ValidationError({ label, path: token.path, rule: token.rule })
        } else {
          anonymousId ??= token.anonymousId
          // The decoder's copy holds only known keys; all but `v` belong in the context.
          const { v: _v, ...journey } = token
          // A new object: the context may be the copy stable contexts share.
          context = { ...(context ?? { library }), journey }
          contextJson = undefined
        }
      }
    }
    if (userId !== undefined) needName(userId, 'userId')
    if (anonymousId !== undefined) needName(anonymousId, 'anonymousId')
    if (userId === undefined && anonymousId === undefined && (requireIdentity || type === 'identify')) fail('userId or anonymousId', rules.required)
    const messageId = nextId(ms)
    timestamp ??= isoAt(ms)
    // Keys in Segment order, so that `JSON.stringify(event)` is the JSON.
    const event: Record<string, unknown> = { type }
    if (name != null) event[type === 'track' ? 'event' : 'name'] = name
    event.messageId = messageId
    event.timestamp = timestamp
    if (userId !== undefined) event.userId = userId
    if (anonymousId !== undefined) event.anonymousId = anonymousId
    event[type === 'identify' ? 'traits' : 'properties'] = body
    event.context = context ?? { library }
    const json = write(type, name as string | undefined, messageId, timestamp, userId as string | undefined, anonymousId as string | undefined, body, context, event as unknown as WireEvent, contextJson)
    if (write.bytes > maxEventBytes) fail('event', sizeRule(maxEventBytes))
    // Strings built by concatenation are V8 ropes; a queue that holds 200,000 of them pays
    // ~3x the memory and the GC time. Reading a character flattens each one, once, here.
    json.charCodeAt(0)
    return { ok: true, value: { id: messageId, json, bytes: write.bytes }, event: event as unknown as WireEvent, warning }
  }

  /**
   * The one boundary: a broken rule, or anything a hostile argument throws (a getter on the call
   * object, a Proxy trap), becomes an error value. The SDK never throws.
   */
  const run = (type: WireEvent['type'], name: unknown, input: unknown, call: CallOptions | undefined, userId?: unknown): BuildResult => {
    try {
      return build(type, name, input, call, userId)
    } catch (error) {
      const label = type !== 'track' ? type : checkName(name) ? 'track' : (name as string)
      const { path, rule } = error instanceof RuleFailure ? error : { path: 'event', rule: 'could not be read (a getter or Proxy threw)' }
      return { ok: false, error: new ValidationError({ label, path, rule }) }
    }
  }

  return {
    track: (name, properties, call) => run('track', name, properties, call),
    identify: (userId, traits, call) => run('identify', undefined, traits, call, userId),
    page: (name, properties, call) => run('page', name, properties, call),
  }
}
