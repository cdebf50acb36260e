import { safeLogger, silentLogger } from './engine/clock'
import { createEmitter, type Emitter } from './engine/emitter'
import type { FlushResult, Queue, QueueEvents } from './engine/queue-types'
import type { Logger, QueuedEvent } from './engine/types'
import { TouchpointError, ValidationError } from './errors'
import { type BuildResult, type CallOptions, createEventBuilderWith, type EventBuilderOptions } from './event/build-event'
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
   * The seam for consent and journey state.
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
  const { queue, context, identity, intercept } = options
  const logger = safeLogger(options.logger)
  const errors = options.errors ?? createEmitter<{ error: TouchpointError }>()
  const builder = createEventBuilderWith(writer, {
    library: options.library,
    ...(options.journey ? { stageOf: createStageResolver(options.journey) } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.randomBytes ? { randomBytes: options.randomBytes } : {}),
    ...(options.maxEventBytes ? { maxEventBytes: options.maxEventBytes } : {}),
    requireIdentity: options.requireIdentity ?? false,
    idsInProperties: options.idsInProperties ?? false,
    ...(options.decodeJourneyToken ? { decodeJourneyToken: options.decodeJourneyToken } : {}),
  })

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
    if (ids?.userId !== undefined && merged.userId === undefined) merged.userId = ids.userId
    if (ids?.anonymousId !== undefined && merged.anonymousId === undefined) merged.anonymousId = ids.anonymousId
    if (platform) merged.context = call?.context ? { ...platform, ...call.context } : platform
    return merged
  }

  // A silent logger gets no per-event debug line: building the message alone costs a string.
  const debug = logger !== silentLogger

  /** Queues a built event (unless `intercept` holds it) or reports why it was not built. */
  const record = (label: string, result: BuildResult) => {
    if (!result.ok) return report(result.error)
    if (result.warning) report(result.warning)
    // `result.event` is parsed on first read: only a hook pays for it.
    if (intercept && !intercept(result.value, result.event)) return
    queue.enqueue(result.value)
    if (debug) logger.debug(`queued ${label} ${result.value.id}`)
  }

  /** Hostile input (a Proxy whose traps throw, a getter that throws) or a faulty hook. */
  const unrecordable = (label: string, error: unknown) =>
    report(new ValidationError({ label, path: 'event', rule: `could not be recorded (${describe(error)})` }))

  return {
    // No closure per call: each entry point builds and records inside its own try.
    track: ((event: string, properties?: Record<string, unknown>, call?: CallOptions) => {
      const label = typeof event === 'string' ? event : 'track'
      try {
        record(label, builder.track(event, properties, complete(call)))
      } catch (error) {
        unrecordable(label, error)
      }
    }) as TrackTouchpoint<J> & TrackAnyEvent,
    identify(userId, traits, call) {
      try {
        record('identify', builder.identify(userId, traits, complete(call)))
      } catch (error) {
        unrecordable('identify', error)
      }
    },
    page(name, properties, call) {
      try {
        record('page', builder.page(name, properties, complete(call)))
      } catch (error) {
        unrecordable('page', error)
      }
    },
    flush: (flushOptions) => queue.flush(flushOptions),
    on(type, listener) {
      const off = queue.on(type, listener)
      if (type !== 'error') return off
      const offErrors = errors.on('error', listener as (error: TouchpointError) => void)
      return () => {
        off()
        offErrors()
      }
    },
  }
}

function describe(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error)
  } catch {
    return 'unreadable error'
  }
}
