/**
 * `createTracker` for servers: the core client and delivery engine, with the on-disk journal
 * (when `dataDir` is set) as storage and keep-alive `fetch` as transport. One engine for every
 * platform: batching, retries, backoff and `Retry-After` all come from `@touchpoint/core`.
 */
import {
  TouchpointError,
  createClient,
  decodeJourneyToken,
  createEmitter,
  createQueue,
  presets,
  silentLogger,
  type CallOptions,
  type Client,
  type FlushResult,
  type Journey,
  type PurchaseFunnelJourney,
  type TouchpointInput,
} from '@touchpoint/core'
import { createConsoleLogger } from './console-logger'
import { createHttpTransport } from './http-transport'
import { createNodeHttpTransport } from './node-http-transport'
import { keepAlive, unrefClock, withDeadline } from './node-clock'
import { openJournal } from './open-journal'
import type { NodeTrackerOptions } from './options'
import { queueLimits } from './queue-limits'
import { handleProcessSignals } from './signals'
import { library } from './version'

/** Who an event is about: on a server, `userId` or `anonymousId` is required per event. */
export interface Identity {
  userId?: string
  anonymousId?: string
}

/** A touchpoint's properties, with the ids that may ride along (`{ userId, touchpoint: 'invoice' }`). */
export type NodeTouchpointInput<J extends Journey<string, string>> = TouchpointInput<J> & Identity

/** The server-side tracker. Every call is safe: nothing throws, nothing rejects. */
export interface NodeTracker<J extends Journey<string, string> = PurchaseFunnelJourney> {
  /** Record a touchpoint (`invoice`, `order-confirmation-email`, …). `userId`/`anonymousId` may sit in the properties or the options. */
  track(event: 'touchpoint', properties: NodeTouchpointInput<J>, options?: CallOptions): void
  /** Record any other event (`Order Completed`, …). */
  track(event: string, properties?: Record<string, unknown> & Identity, options?: CallOptions): void
  /** Tie an anonymous visitor to a known user. */
  identify(userId: string, traits?: Record<string, unknown>, options?: CallOptions): void
  /** Send what is queued; resolves by the deadline with `{ sent, pending, dropped }`. Keeps the process alive meanwhile. */
  flush(options?: { timeoutMs?: number }): Promise<FlushResult>
  /**
   * Flush (waiting for retries still pending), stop the timers, close the journal and release its
   * lock. Resolves by `timeoutMs` even when the collector is unreachable; undelivered events stay
   * in the journal for the next process. Calls after it are ignored.
   */
  shutdown(options?: { timeoutMs?: number }): Promise<FlushResult>
  /** Subscribe to `delivered`, `dropped` and `error`; returns the unsubscribe function. */
  on: Client<J>['on']
  /** `'journal'` when events are journalled in `dataDir`; `'memory'` without it or when it could not be used. */
  readonly persistence: 'journal' | 'memory'
}

/** Creates a server-side tracker. See {@link NodeTrackerOptions} for every option and its default. */
export function createTracker<J extends Journey<string, string> = PurchaseFunnelJourney>(
  options: NodeTrackerOptions<J>,
): NodeTracker<J> {
  const logger = options.logger ?? (options.debug ? createConsoleLogger() : silentLogger)
  const flushTimeoutMs = options.flushTimeoutMs ?? 10_000
  const adapterErrors = createEmitter<{ error: TouchpointError }>()
  const reportLater = (error: TouchpointError) => {
    logger.warn(error.message)
    // Emitted after createTracker returns, so a listener attached right after it hears it.
    queueMicrotask(() => adapterErrors.emit('error', error))
  }

  const opened = options.dataDir === undefined ? undefined : openJournal(options.dataDir, { fsync: options.fsync, logger })
  if (opened && !opened.ok) reportLater(opened.error)
  const journal = opened?.ok ? opened : undefined
  if (opened && !opened.ok) logger.warn('continuing in memory only: events will not survive a crash or restart')

  const { maxQueueSize, maxInMemory, maxBatchEvents, concurrency } = queueLimits(options, journal !== undefined)
  const transportOptions = {
    endpoint: options.endpoint,
    ...(options.writeKey !== undefined && { writeKey: options.writeKey }),
    ...(options.headers && { headers: options.headers }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.gzipThreshold !== undefined && { gzipThreshold: options.gzipThreshold }),
  }
  const transport =
    options.transport === 'http'
      ? createNodeHttpTransport({ ...transportOptions, maxSockets: concurrency })
      : createHttpTransport({ ...transportOptions, ...(options.fetch && { fetch: options.fetch }) })
  const queue = createQueue({
    transport,
    ...(journal && { storage: journal.journal }),
    batch: { maxEvents: options.flushAt ?? 100, maxBatchEvents, intervalMs: options.flushIntervalMs ?? 10_000 },
    ...(options.retry && { retry: options.retry }),
    maxQueueSize,
    maxInMemory,
    concurrency,
    writeDelayMs: options.appendWindowMs ?? 0,
    flushTimeoutMs,
    clock: unrefClock,
    logger,
  })

  const everyEvent = journal !== undefined && options.durability === 'every-event'
  const client = createClient<J>({
    queue,
    library,
    journey: (options.journey ?? presets.purchaseFunnel) as J,
    requireIdentity: true,
    // `track('touchpoint', { userId, touchpoint: 'invoice' })`: the ids leave the properties
    // during the copy the builder makes anyway.
    idsInProperties: true,
    decodeJourneyToken,
    errors: adapterErrors,
    logger,
    ...(everyEvent && {
      intercept: (queued) => {
        try {
          journal.journal.writeNow([queued])
        } catch (cause) {
          // Still queued in memory; the engine's own append will try the disk again.
          reportLater(new TouchpointError('storage', `journal write failed: ${String(cause)}`, { cause }))
        }
        return true
      },
    }),
  })
  queue.start()

  let removeSignals: (() => void) | undefined
  let shutdownResult: Promise<FlushResult> | undefined

  const tracker: NodeTracker<J> = {
    track(event: string, properties?: unknown, call?: CallOptions) {
      client.track(event, properties as Record<string, unknown>, call)
    },
    identify: (userId, traits, call) => client.identify(userId, traits, call),
    flush: ({ timeoutMs = flushTimeoutMs } = {}) => keepAlive(client.flush({ timeoutMs })),
    shutdown({ timeoutMs = flushTimeoutMs } = {}) {
      if (shutdownResult) return shutdownResult
      removeSignals?.()
      const closing = queue.close({ timeoutMs })
      // The lock goes only once the journal is closed, even if that outlives the deadline.
      void closing.finally(() => journal?.release())
      // The engine resolves by its deadline; this guard covers a storage that would not close.
      const closed = withDeadline(closing, timeoutMs + 1000, () => ({ sent: 0, dropped: 0, pending: queue.size() }))
      // Requests still running past the deadline are aborted: their events stay journalled.
      shutdownResult = keepAlive(closed.finally(() => transport.close()))
      return shutdownResult
    },
    on: client.on,
    get persistence() {
      return journal ? 'journal' : 'memory'
    },
  }
  if (options.handleSignals) {
    removeSignals = handleProcessSignals({ flush: () => tracker.flush(), shutdown: () => tracker.shutdown() })
  }
  return tracker
}
