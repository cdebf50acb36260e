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
import { checkMoney, checkName, checkTouchpointProperties, isObject, type RuleFailure } from './rules'
import { createJsonSanitizer, type LiftedIds, type SanitizeResult } from './sanitize-json'
import { createEventWriter, defaultMaxEventBytes, sizeRule, type EventWriterFactory } from './serialize-event'
import type { EventContext, JsonObject, LibraryInfo, WireEvent } from './types'
import { Built, type EventParts } from './built-event'
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
       * copy with `serializeEvent`). Assembled on first read: most events never need it.
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

function failure(label: string, path: string, rule: string): { ok: false; error: ValidationError } {
  return { ok: false, error: new ValidationError({ label, path, rule }) }
}

function failureAt(label: string, base: string, found: RuleFailure) {
  return failure(label, `${base}.${found.path}`, found.rule)
}

/** Creates the builder the client uses for every call, with the fast (server) event writer. */
export function createEventBuilder(options: EventBuilderOptions): EventBuilder {
  return createEventBuilderWith(createEventWriter, options)
}

/**
 * {@link createEventBuilder} with a chosen event writer: browsers pass the size-first
 * `createPlainEventWriter`, so their bundles leave the fast writer out.
 */
export function createEventBuilderWith(writer: EventWriterFactory, options: EventBuilderOptions): EventBuilder {
  const { library, stageOf, requireIdentity = false, idsInProperties = false, decodeJourneyToken: decodeToken } = options
  const now = options.now ?? Date.now
  const maxEventBytes = options.maxEventBytes ?? defaultMaxEventBytes
  const sanitize = createJsonSanitizer(options.maxDepth)
  const nextId = createUuidV7(options.randomBytes)
  const tooLarge = sizeRule(maxEventBytes)
  const write = writer(library, maxEventBytes)

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

  /** A JSON-safe copy of an object argument (`properties`, `traits`, `context`), or why not. */
  const objectArg = (label: string, path: string, value: unknown, liftIds = false): Extract<SanitizeResult, { ok: true }> | { ok: false; error: ValidationError } => {
    if (value === undefined || value === null) return { ok: true, value: {} }
    if (!isObject(value)) return failure(label, path, 'must be an object')
    const result = sanitize(value, path, liftIds)
    if (!result.ok) return failure(label, result.path, result.rule)
    // A Date passes `isObject` but sanitizes to a string.
    if (!isObject(result.value)) return failure(label, path, 'must be an object')
    return result
  }

  /**
   * Everything but the type-specific part: ids, time, context, journey, then the JSON. `name`
   * is the event name (track) or page name; `body` the sanitized properties or traits.
   */
  const finish = (
    label: string,
    type: WireEvent['type'],
    name: string | undefined,
    body: JsonObject,
    call: CallOptions | undefined,
    ids: LiftedIds | undefined,
    explicitUserId?: string,
  ): BuildResult => {
    const ms = now()
    let timestamp: string | undefined
    const userId: unknown = explicitUserId ?? call?.userId ?? ids?.userId
    let anonymousId: unknown = call?.anonymousId ?? ids?.anonymousId
    // `undefined` = `{ library }` alone, written once per writer.
    let context: EventContext | undefined
    let warning: ValidationError | undefined
    if (call) {
      if (call.timestamp !== undefined) {
        const time = call.timestamp instanceof Date ? call.timestamp.getTime() : new Date(call.timestamp as string | number).getTime()
        if (typeof call.timestamp === 'boolean' || !(time >= minTime && time <= maxTime)) return failure(label, 'timestamp', 'must be a valid date')
        timestamp = isoAt(time)
      }
      if (call.context !== undefined) {
        const copy = objectArg(label, 'context', call.context)
        if (!copy.ok) return copy
        // `copy.value` is already a fresh copy: set `library` on it rather than spreading again.
        context = copy.value as EventContext
        context.library = library
      }
      if (call.journeyToken !== undefined) {
        const token = decodeToken
          ? decodeToken(call.journeyToken)
          : new ValidationError({ label, path: 'journeyToken', rule: 'is not accepted by this tracker' })
        if (token instanceof ValidationError) {
          warning = new ValidationError({ label, path: token.path, rule: token.rule })
        } else {
          anonymousId ??= token.anonymousId
          const journey: NonNullable<EventContext['journey']> = { anonymousId: token.anonymousId }
          if (token.sessionId !== undefined) journey.sessionId = token.sessionId
          if (token.firstTouch) journey.firstTouch = token.firstTouch
          if (token.lastTouch) journey.lastTouch = token.lastTouch
          context ??= { library }
          context.journey = journey
        }
      }
    }
    timestamp ??= isoAt(ms)
    if (userId !== undefined) {
      const rule = checkName(userId)
      if (rule) return failure(label, 'userId', rule)
    }
    if (anonymousId !== undefined) {
      const rule = checkName(anonymousId)
      if (rule) return failure(label, 'anonymousId', rule)
    }
    if (userId === undefined && anonymousId === undefined && (requireIdentity || type === 'identify')) {
      return failure(label, 'userId or anonymousId', 'is required')
    }
    const messageId = nextId(ms)
    const parts: EventParts = { type, name, messageId, timestamp, userId: userId as string | undefined, anonymousId: anonymousId as string | undefined, body, context }
    const json = write(type, name, messageId, timestamp, parts.userId, parts.anonymousId, body, context)
    if (write.bytes > maxEventBytes) return failure(label, 'event', tooLarge)
    // Strings built by concatenation are V8 ropes; a queue that holds 200,000 of them pays
    // ~3x the memory and the GC time. Reading a character flattens each one, once, here.
    json.charCodeAt(0)
    return new Built({ id: messageId, json, bytes: write.bytes }, parts, library, warning)
  }

  const track = (name: string, properties: unknown, call: CallOptions | undefined): BuildResult => {
    const copy = objectArg(name, 'properties', properties, idsInProperties)
    if (!copy.ok) return copy
    const props = copy.value as JsonObject
    const money = checkMoney(props)
    if (money) return failureAt(name, 'properties', money)
    if (name === 'touchpoint') {
      const broken = checkTouchpointProperties(props)
      if (broken) return failureAt(name, 'properties', broken)
      if (props.stage === undefined && stageOf) {
        const stage = stageOf(props.touchpoint as string)
        if (typeof stage === 'string') props.stage = stage
      }
    }
    return finish(name, 'track', name, props, call, copy.ids)
  }

  const identify = (userId: string | undefined, traits: unknown, call: CallOptions | undefined): BuildResult => {
    const copy = objectArg('identify', 'traits', traits)
    if (!copy.ok) return copy
    if (userId !== undefined && userId !== null) {
      const rule = checkName(userId)
      if (rule) return failure('identify', 'userId', rule)
    }
    return finish('identify', 'identify', undefined, copy.value as JsonObject, call, undefined, userId ?? undefined)
  }

  const page = (name: string | undefined, properties: unknown, call: CallOptions | undefined): BuildResult => {
    if (name !== undefined && name !== null) {
      const rule = checkName(name)
      if (rule) return failure('page', 'name', rule)
    }
    const copy = objectArg('page', 'properties', properties)
    if (!copy.ok) return copy
    const props = copy.value as JsonObject
    const money = checkMoney(props)
    if (money) return failureAt('page', 'properties', money)
    return finish('page', 'page', name ?? undefined, props, call, undefined)
  }

  // Each entry point turns anything a hostile argument throws (a getter on the call object, a
  // Proxy trap outside the properties walk) into an error value: the SDK never throws.
  return {
    track(name, properties, call) {
      const nameRule = checkName(name)
      if (nameRule) return failure('track', 'event', nameRule)
      try {
        return track(name, properties, call)
      } catch {
        return unreadable(name)
      }
    },
    identify(userId, traits, call) {
      try {
        return identify(userId, traits, call)
      } catch {
        return unreadable('identify')
      }
    },
    page(name, properties, call) {
      try {
        return page(name, properties, call)
      } catch {
        return unreadable('page')
      }
    },
  }
}

function unreadable(label: string): { ok: false; error: ValidationError } {
  return failure(label, 'event', 'could not be read (a getter or Proxy threw)')
}
