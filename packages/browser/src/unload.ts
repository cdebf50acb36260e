/**
 * The last chance before a tab goes away: on `pagehide` or `visibilitychange: hidden`, what the
 * sender tab holds in memory leaves within the browser's shared 64 KB keepalive budget, as a
 * `text/plain` beacon (no CORS preflight, write key in the body). What does not fit stays in
 * IndexedDB for the next visit.
 */
import { serializeBatch, type Queue } from '@touchpoint/core'
import { KEEPALIVE_BUDGET_BYTES } from './fetch-transport'

/** Bytes kept back for the envelope (`{"batch":[…],"sentAt":"…","writeKey":"…"}`), beyond the write key. */
const ENVELOPE_BYTES = 96

/** Options of {@link createUnloadSender}. */
export interface UnloadSenderOptions {
  queue: Pick<Queue, 'takeForUnload' | 'settleUnload'>
  endpoint: string
  /** Goes in the body: a beacon cannot carry an `Authorization` header. @default undefined */
  writeKey?: string
  /** Only the sender tab sends; the others' events are already in the shared store. */
  isLeader: () => boolean
  /**
   * Whether the collector answered the last batch with a 2xx. A beacon gets no answer, so when the
   * collector is failing the events stay in IndexedDB for the next visit instead.
   * @default () => true
   */
  collectorHealthy?: () => boolean
  /** Keepalive bytes already in flight from normal flushes (they share the budget). @default () => 0 */
  keepaliveBytesInFlight?: () => number
  /** @default navigator.sendBeacon, read at call time */
  sendBeacon?: (url: string, data: Blob) => boolean
  /** Used when beacons are missing or refused. @default globalThis.fetch, read at call time */
  fetch?: typeof fetch
  /** Debug log. @default no-op */
  log?: (message: string, data?: unknown) => void
}

function defaultBeacon(): ((url: string, data: Blob) => boolean) | undefined {
  const nav = globalThis.navigator
  return typeof nav?.sendBeacon === 'function' ? (url, data) => nav.sendBeacon(url, data) : undefined
}

/**
 * Returns the function to call when the page may be going away. It never throws and may be
 * called several times (hidden, then pagehide): events already sent are not taken again.
 */
export function createUnloadSender(options: UnloadSenderOptions): () => void {
  const { queue, endpoint, writeKey, isLeader, log = () => undefined } = options
  return () => {
    try {
      if (!isLeader() || options.collectorHealthy?.() === false) return
      // The whole body must fit in what normal flushes left of the shared keepalive budget.
      const limit = KEEPALIVE_BUDGET_BYTES - (options.keepaliveBytesInFlight?.() ?? 0)
      const budget = limit - ENVELOPE_BYTES - (writeKey?.length ?? 0) * 3
      if (budget <= 0) return
      const events = queue.takeForUnload(budget)
      let blob: Blob | undefined
      // takeForUnload counts event bytes; commas, multi-byte text and a write key JSON escapes may
      // still push the body over, and the browser refuses a body over budget: put the last back.
      while (events.length > 0 && (blob = new Blob([serializeBatch(events, new Date().toISOString(), writeKey)], { type: 'text/plain' })).size > limit) {
        queue.settleUnload([events.pop()!.id], false)
      }
      if (!blob || events.length === 0) return
      const ids = events.map((e) => e.id)
      const beacon = options.sendBeacon ?? defaultBeacon()
      let queued = false
      try {
        queued = beacon?.(endpoint, blob) ?? false
      } catch {}
      if (queued) {
        // A beacon gives no answer: once the browser accepted it, the events are considered sent.
        log('unload: sent by beacon', { count: ids.length, bytes: blob.size })
        queue.settleUnload(ids, true)
        return
      }
      sendKeepalive(options, blob).then(
        (ok) => {
          log(ok ? 'unload: sent by keepalive fetch' : 'unload: keepalive fetch failed, kept for later', { count: ids.length })
          queue.settleUnload(ids, ok)
        },
        () => queue.settleUnload(ids, false),
      )
    } catch {
      // Never into the host page; whatever was not settled stays in storage for the next visit.
    }
  }
}

/** A `text/plain` keepalive fetch: a simple request, so no preflight has to survive the unload. */
async function sendKeepalive(options: UnloadSenderOptions, body: Blob): Promise<boolean> {
  const doFetch = options.fetch ?? globalThis.fetch
  if (typeof doFetch !== 'function') return false
  const response = await doFetch(options.endpoint, { method: 'POST', body, keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'text/plain' } })
  return response.ok
}

/** Window/document-like targets for {@link listenForUnload}. */
export interface UnloadTargets {
  window: Pick<Window, 'addEventListener' | 'removeEventListener'>
  document: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>
}

/** Calls `onUnload` on `pagehide` and `visibilitychange: hidden`; returns the unsubscribe function. */
export function listenForUnload(targets: UnloadTargets, onUnload: () => void): () => void {
  const onVisibility = () => {
    if (targets.document.visibilityState === 'hidden') onUnload()
  }
  targets.window.addEventListener('pagehide', onUnload)
  targets.document.addEventListener('visibilitychange', onVisibility)
  return () => {
    targets.window.removeEventListener('pagehide', onUnload)
    targets.document.removeEventListener('visibilitychange', onVisibility)
  }
}
