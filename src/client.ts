import { safeLogger, silentLogger } from './engine/clock'
import { createEmitter, type Emitter } from './engine/emitter'
import type { FlushResult, Queue, QueueEvents } from './engine/queue-types'
import type { Logger, QueuedEvent } from './engine/types'
import { TouchpointError, ValidationError } from './errors'
import { type CallOptions, createEventBuilderWith, type EventBuilderOptions } from './event/build-event'
import { createEventWriter, type EventWriterFactory } from './event/serialize-event'
import type { RandomBytes } from './event/uuid-v7'
import type { EventContext, LibraryInfo, WireEvent } from './event/types'
import { createStageResolver } from './journey/resolve-stage'
import type { Journey, TouchpointInput } from './journey/types'

export type { CallOptions } from './event/build-event'

/** Options of {@link createClient}; platform trackers fill most of them. */
export interface ClientOptions<J extends Journey<string, string> = Journey<string, string>> {
  /** The delivery engine events go to. */
  queue: Queue
  /** Goes into every event's `context.library`. */
  library: LibraryInfo
  /**
   * The journey whose stages a touchpoint tracked without `stage` is placed on.
   * @default no journey: stages are only what callers give
   */
  journey?: J
  /**
   * Context the platform adds to every event (page, locale, session…), read at call time.
   * @default nothing beyond `context.library`
   */
  context?: () => Partial<EventContext> | undefined
  /**
   * Ids the platform knows for the current visitor or user, read at call time. Ids given to a
   * call win over these.
   * @default none
   */
  identity?: () => { userId?: string; anonymousId?: string }
  /**
   * Reject events with neither `userId` nor `anonymousId` (servers have no visitor identity).
   * @default false
   */
  requireIdentity?: boolean
  /**
   * Sees every valid event before it is queued; returning `false` keeps it out of the queue
   * (the platform holds it, e.g. while consent is pending, and enqueues it later itself).
   * The seam for consent and journey state. `event` is read-only: `queued.json` was already
   * written from it, and its `context` may be shared with the events that follow.
   * @default every event is queued
   */
  intercept?: (queued: QueuedEvent, event: WireEvent) => boolean
  /**
   * Largest event accepted, in UTF-8 bytes of its JSON.
   * @default 32768
   */
  maxEventBytes?: number
  /** @default Date.now */
  now?: () => number
  /** @default globalThis.crypto.getRandomValues */
  randomBytes?: RandomBytes
  /**
   * Reads journey tokens given to calls (`track(…, { journeyToken })`); servers pass
   * `decodeJourneyToken`. Browsers create tokens and do not need it.
   * @default tokens given to calls are ignored, with an `error` event
   */
  decodeJourneyToken?: EventBuilderOptions['decodeJourneyToken']
  /**
   * Take `userId` / `anonymousId` found at the top level of `track` properties as the event's ids
   * (ids given to the call win) and leave them out of `properties` (servers' convention).
   * @default false
   */
  idsInProperties?: boolean
  /**
   * Where `error` events go: an adapter passes its own emitter to report platform problems
   * (storage, locks) through the same `on('error')` as rejected input.
   * @default a new emitter
   */
  errors?: Emitter<{ error: TouchpointError }>
  /** Where rejected input is reported in words. @default a silent logger */
  logger?: Logger
}

/** `track` for touchpoints: ids of the journey autocomplete, custom ids stay allowed. */
export type TrackTouchpoint<J extends Journey<string, string>> = (event: 'touchpoint', properties: TouchpointInput<J>, options?: CallOptions) => void
/** `track` for any other event. */
export type TrackAnyEvent = (event: string, properties?: Record<string, unknown>, options?: CallOptions) => void

/** The calls every tracker offers, typed by its journey so touchpoint and stage ids autocomplete. */
export interface Client<J extends Journey<string, string> = Journey<string, string>> {
  /**
   * Record a touchpoint (`track('touchpoint', { touchpoint: 'facebook-ad' })`), or any other
   * event (`Order Completed`, …). Never throws; invalid input becomes an `error` event.
   */
  track: TrackTouchpoint<J> & TrackAnyEvent
  /** Tie the visitor to a known user. Never throws. */
  identify(userId: string, traits?: Record<string, unknown>, options?: CallOptions): void
  /** Record a page view. Never throws. */
  page(name?: string, properties?: Record<string, unknown>, options?: CallOptions): void
  /** Send what is queued; resolves with `{ sent, pending, dropped }`, never rejects. */
  flush(options?: { timeoutMs?: number }): Promise<FlushResult>
  /** Subscribe to `delivered`, `dropped` and `error`; returns the unsubscribe function. */
  on<K extends keyof QueueEvents & string>(type: K, listener: (payload: QueueEvents[K]) => void): () => void
}

/**
 * The facade both platform trackers wrap: validates and builds events, hands them to the queue,
 * and turns every problem into an `error` event so nothing ever throws into the host.
 */
export function createClient<J extends Journey<string, string>>(options: ClientOptions<J>): Client<J> {
  return createClientWith(createEventWriter, options)
}

/**
 * {@link createClient} with a chosen event writer (see `createEventBuilderWith`): the browser
 * tracker passes the size-first `createPlainEventWriter`, servers keep the fast one.
 */
export function createClientWith<J extends Journey<string, string>>(writer: EventWriterFactory, options: ClientOptions<J>): Client<J> {
  const { queue, context, identity, intercept, journey } = options
  const logger = safeLogger(options.logger)
  const errors = options.errors ?? createEmitter<{ error: TouchpointError }>()
  // The builder takes the options it knows by the same names and ignores the rest.
  const builder = createEventBuilderWith(writer, { ...options, stageOf: journey && createStageResolver(journey) })
  // A silent logger gets no per-event debug line: building the message alone costs a string.
  const debug = logger !== silentLogger

  const report = (error: TouchpointError) => {
    logger.warn(error.message)
    errors.emit('error', error)
  }

  /** Fills in what the platform knows (ids, context) under what the caller gave. */
  const complete = (call: CallOptions | undefined): CallOptions | undefined => {
    const ids = identity?.()
    const platform = context?.()
    if (!ids && !platform) return call
    const merged: CallOptions = { ...call }
    merged.userId ??= ids?.userId
    merged.anonymousId ??= ids?.anonymousId
    // The platform's own object when the call adds nothing: the builder reuses a frozen one's copy.
    if (platform) merged.context = call?.context ? { ...platform, ...call.context } : platform
    return merged
  }

  /**
   * Builds one call's event, then queues it (unless `intercept` holds it) or reports why not.
   * Hostile input (a Proxy whose traps throw) or a faulty hook becomes an `error` event.
   */
  const record = (kind: 'track' | 'identify' | 'page', first: unknown, input: unknown, call: CallOptions | undefined) => {
    const label = kind === 'track' && typeof first === 'string' ? first : kind
    try {
      const result = builder[kind](first as string, input as Record<string, unknown>, complete(call))
      if (!result.ok) return report(result.error)
      if (result.warning) report(result.warning)
      if (intercept && !intercept(result.value, result.event)) return
      queue.enqueue(result.value)
      if (debug) logger.debug(`queued ${label} ${result.value.id}`)
    } catch (error) {
      let reason: string
      try {
        reason = error instanceof Error ? error.message : String(error)
      } catch {
        reason = 'unreadable error'
      }
      report(new ValidationError({ label, path: 'event', rule: `could not be recorded (${reason})` }))
    }
  }

  return {
    track: ((event: string, properties?: Record<string, unknown>, call?: CallOptions) => record('track', event, properties, call)) as TrackTouchpoint<J> & TrackAnyEvent,
    identify: (userId, traits, call) => record('identify', userId, traits, call),
    page: (name, properties, call) => record('page', name, properties, call),
    flush: (flushOptions) => queue.flush(flushOptions),
    on(type, listener) {
      const off = queue.on(type, listener)
      const offErrors = type === 'error' ? errors.on('error', listener as (error: TouchpointError) => void) : undefined
      return () => {
        off()
        offErrors?.()
      }
    },
  }
}
