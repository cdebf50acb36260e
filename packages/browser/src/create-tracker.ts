/**
 * `createTracker` for pages: the core client and queue, bound to IndexedDB (shared by the site's
 * tabs), fetch/beacon delivery, one sender tab, and the page lifecycle (`online` resumes
 * delivery, leaving the page sends what the sender tab holds, the back/forward cache gets the
 * page without its Web Lock). Nothing here runs at import time; a tracker created outside a
 * browser (SSR) keeps events in memory and never touches `window`.
 */
import {
  createClientWith,
  createPlainEventWriter,
  createEmitter,
  type TouchpointError,
  type Emitter,
  createMemoryStorage,
  parseQueuedEvent,
  createQueue,
  createLeanPurchaseFunnel,
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
import { createFetchTransport } from './fetch-transport'
import { createIdbStorage } from './idb-storage'
import { createLeaderLock, type LeaderLock } from './leader-lock'

/** The library name and version stamped on every event's `context.library`. */
export const library = { name: '@touchpoint/browser', version: '0.1.0' } as const

/** The page events the tracker follows (`visibilitychange` bubbles from the document). */
const PAGE_EVENTS = ['online', 'offline', 'pagehide', 'pageshow', 'visibilitychange']

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
   * Sees every valid event before it is queued (or held while consent is pending); `false` drops it.
   * Read `event`, do not change it: its JSON is already written, and its `context` is shared
   * by the events of the same page and session.
   * @default every event is queued
   */
  intercept?: (queued: QueuedEvent, event: WireEvent) => boolean
}

/** What `createTracker` returns: the core calls plus consent, journey, journey token and reset. */
export interface Tracker<J extends Journey<string, string> = Journey<string, string>> extends Client<J>, ContextMethods {
  /** Flushes, removes page listeners and gives up the sender role. For tests and SPA teardown. */
  close(options?: { timeoutMs?: number }): ReturnType<Client['flush']>
}

/** Creates a tracker. Never throws; problems surface as `error` events. */
export function createTracker<J extends Journey<string, string> = Journey<string, string>>(options: TrackerOptions<J>): Tracker<J> {
  // No `useJitlessValidation()` here on purpose: the hot path validates with the core's hand
  // rules, never a zod schema, so zod stays out of the bundle altogether (no `new Function` text
  // under a strict CSP, ~9 KB gzip saved), and the host page's own zod config is left alone.
  const win = globalThis.window as Window | undefined
  // Debug mode: each decision to the console, prefixed so it is easy to filter.
  const logger: Logger | undefined =
    options.logger ??
    (options.debug
      ? { debug: (message, data) => console.debug(`touchpoint: ${message}`, data ?? ''), warn: (message, data) => console.warn(`touchpoint: ${message}`, data ?? '') }
      : undefined)
  const debug = (message: string) => {
    try {
      logger?.debug(message)
    } catch {}
  }
  // What the tracker reports itself (events held for consent pushed out), delivered next to
  // the queue's own events.
  const own = createEmitter<QueueEvents>()
  let lock: LeaderLock | undefined

  // IndexedDB failing is reported by the queue (one `error`, code `storage`); the storage then
  // keeps this tab's queue in memory and private (`shared` turns false): it sends its own
  // events whoever leads.
  const storage = options.storage ?? (win ? createIdbStorage() : createMemoryStorage())
  // Also makes the unload send (to `endpoint`, whatever `transport` normal flushes use), and
  // passes batches to a custom `transport` so its answers still gate the unload beacon.
  const delivery = createFetchTransport(options)
  // A tab whose IndexedDB failed sends only its own memory: it hands the sender role on (for
  // good), or the other tabs' stored events would wait until it closes.
  const canSend = () => globalThis.navigator?.onLine !== false && (storage.shared ? lock?.isLeader() === true : (lock?.release(), (lock = undefined), true))

  const queue = createQueue({
    transport: delivery,
    storage,
    canSend,
    batch: { maxEvents: options.flushAt, intervalMs: options.flushIntervalMs },
    maxQueueSize: options.maxQueueSize ?? 1000,
    retry: options.retry,
    logger,
  })
  // The lean preset places touchpoints exactly as `presets.purchaseFunnel` does, without the
  // catalog's names and descriptions (~2 KB gzip a page would download for nothing).
  const journey = (options.journey ?? createLeanPurchaseFunnel()) as J
  const page = createBrowserContext(
    { ...options, journey },
    {
      window_: win as unknown as ContextWindow | undefined,
      // Held while consent is pending and pushed out by the cap: reported like a full queue.
      onHeldDropped_(events) {
        debug(`dropped ${events.length} event(s) held for consent`)
        own.emit('dropped', { events: events.map(parseQueuedEvent), reason: 'queue-full' })
      },
    },
  )
  const extraContext = options.context
  const bound = page.bind_(
    createClientWith<J>(createPlainEventWriter, {
      queue,
      library,
      journey,
      context: extraContext ? () => ({ ...page.context_(), ...extraContext() }) : page.context_,
      identity: options.identity ?? page.identity_,
      // The host's hook first: events held while consent is pending are queued later without
      // passing here again, and a PII filter must apply to them too.
      intercept: (queued, event) => (options.intercept?.(queued, event) ?? true) && page.intercept_(queued, event),
      // The client reports invalid input here; `on` below reads this emitter next to the queue.
      errors: own as unknown as Emitter<{ error: TouchpointError }>,
      logger,
    }),
    queue,
  )

  const elect = () =>
    (lock = createLeaderLock(() => {
      debug('sender tab')
      queue.wake()
    }))
  const onPage = (event: Event) => {
    const type = event.type
    if (type === 'online' || type === 'offline') {
      // Offline, nothing is sent (canSend): events wait in IndexedDB until the connection returns.
      debug(type)
      queue.wake()
    } else if (type === 'pageshow') {
      if ((event as PageTransitionEvent).persisted && lock) elect()
    } else if (type === 'pagehide' || win!.document.hidden) {
      // Only the sender sends what it holds; the other tabs' events are in the shared store.
      // Offline, a beacon would be accepted and lost: the events wait in IndexedDB instead.
      if (canSend()) void delivery.unload(queue, debug)
      // Every tab, sender or not: start writing what still waits for IndexedDB right now, so the
      // next sender (or the next visit) finds it.
      void queue.persisted()
      // A page holding a Web Lock cannot enter the back/forward cache: the role is given up after
      // the unload send and claimed again on `pageshow` from that cache.
      if (type === 'pagehide') lock?.release()
    }
  }
  const unlisten = new AbortController()
  if (win) {
    for (const type of PAGE_EVENTS) win.addEventListener(type, onPage, { signal: unlisten.signal })
    if (storage.shared) elect()
  }
  queue.start()

  return {
    ...bound,
    async flush(flushOptions) {
      // Right after load the sender election may still be running; a flush should not miss it.
      await lock?.ready
      return queue.flush(flushOptions)
    },
    on(type, listener) {
      const offQueue = queue.on(type, listener)
      const offOwn = own.on(type, listener)
      return () => {
        offQueue()
        offOwn()
      }
    },
    async close(closeOptions) {
      bound.stop_()
      unlisten.abort()
      const result = await queue.close(closeOptions)
      lock?.release()
      return result
    },
  }
}
