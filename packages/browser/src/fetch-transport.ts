/**
 * How batches leave a page. Normal flushes: `fetch` with the write key in HTTP Basic auth
 * (Segment's convention), `keepalive` while the browser's shared 64 KB keepalive budget allows
 * it, so a batch in flight survives a navigation. Leaving the page: one `text/plain` beacon (no
 * CORS preflight has to survive the unload, write key in the body), or a keepalive fetch when the
 * beacon is refused; what does not fit stays in IndexedDB for the next visit.
 */
import { parseRetryAfter, serializeBatch, type Queue, type Transport, type TransportResult } from '@touchpoint/core'

/** The browser's budget shared by every keepalive fetch and beacon of a page. */
export const KEEPALIVE_BUDGET_BYTES = 64_000

/** The fetch transport, which also makes the last send when the page goes away. */
export interface FetchTransport extends Transport {
  /**
   * The last chance before a page goes away: what `queue` holds in memory leaves as one
   * `text/plain` body within the keepalive budget, by `sendBeacon`, or else a keepalive fetch
   * settled on its answer. What does not fit stays queued, and in IndexedDB for the next visit.
   *
   * A beacon gets no answer, so it is only spent while the collector is known good: its last
   * answer was a 2xx and no batch is waiting for one (the queue sends one batch at a time; a page
   * reloaded during an outage has its stored events in flight, unanswered, and keeps them for
   * later). Nothing in flight also leaves the whole keepalive budget to this send. Never throws.
   */
  unload(queue: Pick<Queue, 'takeForUnload' | 'settleUnload'>, log: (message: string) => void): Promise<void>
}

/**
 * Creates the fetch transport. Never throws: network failures and timeouts (`timeoutMs`,
 * default 10 s) are status 0, retried by the engine. With `transport` (the tracker's custom
 * one), batches go through it instead, and its answers decide whether `unload` may beacon.
 */
export function createFetchTransport({
  endpoint,
  writeKey,
  timeoutMs = 10_000,
  transport,
}: {
  endpoint: string
  writeKey?: string
  timeoutMs?: number
  transport?: Transport
}): FetchTransport {
  let inFlight = 0
  let healthy = true
  const post = (body: string, init: RequestInit) => fetch(endpoint, { method: 'POST', body, credentials: 'omit', ...init })
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  // `Basic base64(writeKey:)`; `btoa` only takes Latin-1, so UTF-8 first (`unescape` turns the `%XX` escapes into bytes).
  if (writeKey) headers.Authorization = `Basic ${btoa(unescape(encodeURIComponent(`${writeKey}:`)))}`
  return {
    async send(batch) {
      // Unhealthy until this batch's answer arrives (a beacon is only spent while none is awaited).
      healthy = false
      if (transport) return transport.send(batch).then((result) => ((healthy = result.ok), result))
      // `bytes` is the body's exact UTF-8 size (the engine measures it once): an undercount makes
      // the browser refuse the request.
      const { body, bytes } = batch
      const abort = new AbortController()
      const timer = setTimeout(() => abort.abort(`timeout after ${timeoutMs} ms`), timeoutMs)
      const keepalive = inFlight + bytes <= KEEPALIVE_BUDGET_BYTES
      if (keepalive) inFlight += bytes
      try {
        const response = await post(body, { headers, keepalive, signal: abort.signal })
        const { ok, status } = response
        healthy = ok
        return { ok, status, retryAfterMs: parseRetryAfter(response.headers.get('Retry-After'), Date.now()) } as TransportResult
      } catch (error) {
        // An aborted fetch rejects with the abort reason.
        return { ok: false, status: 0, reason: String(error) }
      } finally {
        clearTimeout(timer)
        if (keepalive) inFlight -= bytes
      }
    },
    async unload(queue, log) {
      // takeForUnload counts the events' UTF-8 bytes, commas and 64 bytes of envelope; `sentAt`
      // and the write key (at most 3 bytes per JSON character) are kept back, so the body fits.
      const events = healthy ? queue.takeForUnload(KEEPALIVE_BUDGET_BYTES - 32 - JSON.stringify(writeKey ?? '').length * 3) : []
      if (!events.length) return
      const body = serializeBatch(events, new Date().toISOString(), writeKey)
      let sent = false
      try {
        // A string body goes out as `text/plain;charset=UTF-8`: a simple request, no preflight.
        sent = navigator.sendBeacon?.(endpoint, body) || (await post(body, { keepalive: true })).ok
      } catch {}
      // A beacon gives no answer: once the browser accepted it, the events count as sent.
      queue.settleUnload(
        events.map((event) => event.id),
        sent,
      )
      log(`unload: ${sent ? 'sent' : 'kept for later'} ${events.length} event(s)`)
    },
  }
}
