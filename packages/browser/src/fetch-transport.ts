/**
 * The normal-flush transport: `fetch` with the write key in HTTP Basic auth (Segment's
 * convention), `keepalive` while the browser's shared 64 KB keepalive budget allows it, so a
 * batch in flight survives a navigation.
 */
import type { OutgoingBatch, Transport, TransportResult } from '@touchpoint/core'
import { parseRetryAfter } from '@touchpoint/core'

/** The browser's budget shared by every keepalive fetch and beacon of a page. */
export const KEEPALIVE_BUDGET_BYTES = 64_000

/** Options of {@link createFetchTransport}. */
export interface FetchTransportOptions {
  /** The collector's batch URL. */
  endpoint: string
  /** Sent as `Authorization: Basic base64(writeKey + ':')`. @default undefined (no header) */
  writeKey?: string
  /**
   * Aborts a request after this long; the batch is retried.
   * @default 10000
   */
  timeoutMs?: number
  /** @default globalThis.fetch, read at call time */
  fetch?: typeof fetch
}

/** A transport that also tells the unload path how much keepalive budget it is using. */
export interface FetchTransport extends Transport {
  /** Bytes of keepalive requests still in flight. */
  keepaliveBytesInFlight(): number
}

/** `Basic base64(writeKey:)`; `btoa` only takes Latin-1, so encode UTF-8 first. */
export function basicAuth(writeKey: string): string {
  const bytes = new TextEncoder().encode(`${writeKey}:`)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return `Basic ${btoa(binary)}`
}

/** Creates the fetch transport. Never throws: network failures and timeouts are status 0. */
export function createFetchTransport(options: FetchTransportOptions): FetchTransport {
  const { endpoint, writeKey, timeoutMs = 10_000 } = options
  let keepaliveBytes = 0
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (writeKey) headers.Authorization = basicAuth(writeKey)

  return {
    keepaliveBytesInFlight: () => keepaliveBytes,
    async send(batch: OutgoingBatch): Promise<TransportResult> {
      // `batch.bytes` is the body's exact UTF-8 size (the engine measures it once): the unload path
      // spends what is left of the budget, and an undercount makes the browser refuse its beacon.
      const size = batch.bytes
      const keepalive = keepaliveBytes + size <= KEEPALIVE_BUDGET_BYTES
      if (keepalive) keepaliveBytes += size
      const abort = new AbortController()
      const timer = setTimeout(() => abort.abort(), timeoutMs)
      try {
        const doFetch = options.fetch ?? globalThis.fetch
        const response = await doFetch(endpoint, { method: 'POST', headers, body: batch.body, keepalive, signal: abort.signal, credentials: 'omit' })
        // The body is not needed; cancelling frees the connection.
        response.body?.cancel().catch(() => undefined)
        if (response.ok) return { ok: true, status: response.status }
        const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), Date.now())
        return { ok: false, status: response.status, reason: `HTTP ${response.status}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }
      } catch (error) {
        const reason = abort.signal.aborted ? `timeout after ${timeoutMs} ms` : error instanceof Error ? error.message : 'network error'
        return { ok: false, status: 0, reason }
      } finally {
        clearTimeout(timer)
        if (keepalive) keepaliveBytes -= size
      }
    },
  }
}
