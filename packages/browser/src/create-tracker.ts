/**
 * `createTracker` for pages: the core client and queue, bound to IndexedDB (shared by the site's
 * tabs), fetch/beacon delivery, one sender tab, and the page lifecycle. Nothing here runs at
 * import time; a tracker created outside a browser (SSR) keeps events in memory and never
 * touches `window`.
 */
import {
  createClientWith,
  createPlainEventWriter,
  createEmitter,
  createMemoryStorage,
  parseQueuedEvent,
  createQueue,
  createLeanPurchaseFunnel,
  systemClock,
  TouchpointError,
  type Client,
  type EventContext,
  type Journey,
  type Logger,
  type QueueEvents,
  type RetryOptions,
  type Storage,
  type QueuedEvent,
  type Transport,
  type WireEvent,
} from '@touchpoint/core'
import { createBrowserContext, type ContextMethods, type ContextOptions, type ContextWindow } from './context/create-browser-context'
import { createFallbackStorage } from './fallback-storage'
import { createFetchTransport, type FetchTransport } from './fetch-transport'
import { createIdbStorage } from './idb-storage'
import { createLeaderLock, type LeaderLock } from './leader-lock'
import { watchPage } from './page-lifecycle'

/** The library name and version stamped on every event's `context.library`. */
export const library = { name: '@touchpoint/browser', version: '0.1.0' } as const

/** Longest a `flush()` waits for the first sender election (normally a task or two). */
const ELECTION_WAIT_MS = 500

/** Options of {@link createTracker}. */
export interface TrackerOptions<J extends Journey<string, string> = Journey<string, string>> extends ContextOptions {
  /** The collector's batch URL, e.g. `https://collect.example.com/v1/batch`. */
  endpoint: string
  /** Sent as HTTP Basic auth (and in the body of unload beacons). @default undefined */
  writeKey?: string
  /**
   * Send as soon as this many events wait.
   * @default 20
   */
  flushAt?: number
  /**
   * Send what waits at least this often, in ms.
   * @default 3000
   */
  flushIntervalMs?: number
  /**
   * Most events kept queued (memory and IndexedDB); past it the oldest are dropped and reported
   * with a `dropped` event (`queue-full`).
   * @default 1000
   */
  maxQueueSize?: number
  /** Retry policy. @default base 1 s, ×2, capped at 60 s, 10 attempts */
  retry?: RetryOptions
  /**
   * Log every decision (queued, batched, sent, retried, dropped and why) to the console and warn
   * about invalid input.
   * @default false
   */
  debug?: boolean
  /** Where decisions go. @default `console` in debug mode, silent otherwise */
  logger?: Logger
  /**
   * The journey touchpoints are placed on (stage of a touchpoint tracked without one).
   * @default presets.purchaseFunnel
   */
  journey?: J
  /** Where events wait for delivery. @default IndexedDB (`touchpoint`/`queue`), memory when unavailable */
  storage?: Storage
  /** How batches reach the collector. @default fetch with Basic auth, keepalive within budget */
  transport?: Transport
  /** Extra per-event context, merged over the page, campaign and session context. @default none */
  context?: () => Partial<EventContext>
  /** Overrides the visitor ids. @default the anonymous id cookie/localStorage and the identified user */
  identity?: () => { userId?: string; anonymousId?: string }
  /**
   * Sees every valid event that consent lets through before it is queued; `false` drops it.
   * @default every event is queued
   */
  intercept?: (queued: QueuedEvent, event: WireEvent) => boolean
}

/** What `createTracker` returns: the core calls plus consent, journey, journey token and reset. */
export interface Tracker<J extends Journey<string, string> = Journey<string, string>> extends Client<J>, ContextMethods {
  /** Flushes, removes page listeners and gives up the sender role. For tests and SPA teardown. */
  close(options?: { timeoutMs?: number }): ReturnType<Client['flush']>
}

/** Logs each decision to the console, prefixed so it is easy to filter. */
export function createConsoleLogger(): Logger {
  return {
    debug: (message, data) => console.debug(`touchpoint: ${message}`, ...(data === undefined ? [] : [data])),
    warn: (message, data) => console.warn(`touchpoint: ${message}`, ...(data === undefined ? [] : [data])),
  }
}

/** Creates a tracker. Never throws; problems surface as `error` events. */
export function createTracker<J extends Journey<string, string> = Journey<string, string>>(options: TrackerOptions<J>): Tracker<J> {
  // No `useJitlessValidation()` here on purpose: the hot path validates with the core's hand
  // rules, never a zod schema, so zod stays out of the bundle altogether (no `new Function` text
  // under a strict CSP, ~9 KB gzip saved), and the host page's own zod config is left alone.
  const win = typeof window === 'undefined' ? undefined : window
  const logger = options.logger ?? (options.debug ? createConsoleLogger() : undefined)
  // Platform problems (IndexedDB gone) go out through the client's own `on('error')`.
  const errors = createEmitter<{ error: TouchpointError }>()
  let memoryOnly = false
  let lock: LeaderLock | undefined

  const storage =
    options.storage ??
    (win
      ? createFallbackStorage(createIdbStorage(), createMemoryStorage(), (cause) => {
          // This tab's queue is now private: it must send its own events whoever leads.
          memoryOnly = true
          const error = new TouchpointError('storage', 'touchpoint: IndexedDB is unavailable; events are kept in memory for this page only', { cause })
          logger?.warn(error.message, cause)
          errors.emit('error', error)
          queue.wake()
        })
      : createMemoryStorage())
  const transport = options.transport ?? createFetchTransport({ endpoint: options.endpoint, writeKey: options.writeKey })
  // For the unload path: a beacon gets no answer, so it is only spent while the collector is
  // known good — its last answer was a 2xx and no batch is still waiting for one (a page reloaded
  // during an outage has its stored events in flight, unanswered, and keeps them for later).
  let lastOk = true
  let awaiting = 0
  const watchedTransport: Transport = {
    async send(batch) {
      awaiting++
      try {
        const result = await transport.send(batch)
        lastOk = result.ok
        return result
      } finally {
        awaiting--
      }
    },
  }
  const online = () => globalThis.navigator?.onLine !== false
  const canSend = () => online() && (!storage.shared || memoryOnly || lock?.isLeader() === true)

  const queue = createQueue({
    transport: watchedTransport,
    storage,
    canSend,
    batch: { maxEvents: options.flushAt ?? 20, intervalMs: options.flushIntervalMs ?? 3000 },
    maxQueueSize: options.maxQueueSize ?? 1000,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(logger ? { logger } : {}),
  })
  // The lean preset places touchpoints exactly as `presets.purchaseFunnel` does, without the
  // catalog's names and descriptions (~2 KB gzip a page would download for nothing).
  const journey = (options.journey ?? createLeanPurchaseFunnel()) as J
  const droppedListeners = new Set<(payload: QueueEvents['dropped']) => void>()
  const page = createBrowserContext(
    { ...options, journey },
    {
      ...(win ? { window: win as unknown as ContextWindow } : {}),
      // Held while consent is pending and pushed out by the cap: reported like a full queue.
      onHeldDropped(events) {
        logger?.debug(`dropped ${events.length} event(s) held for consent: queue-full`)
        const payload = { events: events.map(parseQueuedEvent), reason: 'queue-full' as const }
        for (const listener of droppedListeners) listener(payload)
      },
    },
  )
  const extraContext = options.context
  const client = createClientWith<J>(createPlainEventWriter, {
    queue,
    library,
    journey,
    context: extraContext ? () => ({ ...page.context(), ...extraContext() }) : page.context,
    identity: options.identity ?? page.identity,
    intercept: (queued, event) => page.intercept(queued, event) && (options.intercept?.(queued, event) ?? true),
    errors,
    ...(logger ? { logger } : {}),
  })
  const bound = page.bind(client, queue)

  const cleanups: (() => void)[] = []
  const elect = () =>
    createLeaderLock({
      clock: systemClock,
      onAcquire: () => {
        logger?.debug('this tab is now the sender: reading the shared queue')
        queue.wake()
      },
    })
  if (win && storage.shared) lock = elect()
  if (win) {
    cleanups.push(
      watchPage(win, queue, {
        ...options,
        canSend,
        collectorHealthy: () => lastOk && awaiting === 0,
        logger,
        keepaliveBytesInFlight: () => (transport as Partial<FetchTransport>).keepaliveBytesInFlight?.() ?? 0,
        onHide: () => lock?.release(),
        onRestore: () => {
          if (lock) lock = elect()
        },
      }),
    )
  }
  queue.start()

  const tracker: Tracker<J> = {
    ...client,
    ...bound,
    async flush(flushOptions) {
      // Right after load the sender election may still be running; a flush should not miss it.
      if (lock) await Promise.race([lock.ready(), new Promise((resolve) => setTimeout(resolve, ELECTION_WAIT_MS))])
      return client.flush(flushOptions)
    },
    on<K extends keyof QueueEvents & string>(type: K, listener: (payload: QueueEvents[K]) => void): () => void {
      const off = client.on(type, listener)
      if (type !== 'dropped') return off
      const own = listener as (payload: QueueEvents['dropped']) => void
      droppedListeners.add(own)
      return () => {
        off()
        droppedListeners.delete(own)
      }
    },
    async close(closeOptions) {
      bound.stop()
      for (const cleanup of cleanups.splice(0)) cleanup()
      const result = await queue.close(closeOptions)
      lock?.release()
      return result
    },
  }
  return tracker
}
