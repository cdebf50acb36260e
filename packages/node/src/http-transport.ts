/**
 * The Node `Transport`: one `fetch` POST per batch.
 *
 * Global `fetch` (undici) keeps connections alive and pools them per origin, so concurrent
 * batches reuse warm sockets. Bodies above `gzipThreshold` are gzipped off the main thread.
 * Every failure becomes a `TransportResult` — the engine decides about retries; this never throws.
 */
import { promisify } from 'node:util'
import { gzip as gzipCallback, constants } from 'node:zlib'
import type { OutgoingBatch, Transport, TransportResult } from '@touchpoint/core'
import { parseRetryAfter } from './retry-after'

const gzip = promisify(gzipCallback)

/** Options of {@link createHttpTransport}. */
export interface HttpTransportOptions {
  /** The collector's batch endpoint, e.g. `https://collect.example.com/v1/batch`. */
  endpoint: string
  /** Sent as HTTP Basic auth, `base64(writeKey + ':')` (Segment's convention). @default none */
  writeKey?: string
  /** Extra request headers (a custom `Authorization` replaces the Basic one). @default {} */
  headers?: Record<string, string>
  /** The `fetch` to call, for proxies, custom agents or tests. @default globalThis.fetch */
  fetch?: typeof fetch
  /** Per-request timeout in ms (the whole exchange, body included). @default 10000 */
  timeoutMs?: number
  /** Bodies of more bytes than this are gzipped; `Infinity` never compresses. @default 2048 */
  gzipThreshold?: number
  /** Current time, for `Retry-After` dates. @default Date.now */
  now?: () => number
}

/** The HTTP transport; `close` aborts what is in flight and refuses new sends. */
export interface HttpTransport extends Transport {
  close(): void
}

const closedResult: TransportResult = { ok: false, status: 0, reason: 'transport closed' }

function failure(error: unknown, timeoutMs: number): TransportResult {
  const name = (error as { name?: string } | undefined)?.name
  if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, status: 0, reason: `timeout after ${timeoutMs} ms` }
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause
  return { ok: false, status: 0, reason: cause?.code ?? cause?.message ?? String(error) }
}

/** Creates the HTTP transport. */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const timeoutMs = options.timeoutMs ?? 10_000
  const gzipThreshold = options.gzipThreshold ?? 2048
  const now = options.now ?? Date.now
  const base: Record<string, string> = { 'Content-Type': 'application/json' }
  if (options.writeKey) base.Authorization = `Basic ${Buffer.from(`${options.writeKey}:`).toString('base64')}`
  Object.assign(base, options.headers)

  // Aborted by `close()`: after shutdown no request is started and none is left running, so a
  // late acknowledgement cannot race the next process that re-sends the journal.
  const closing = new AbortController()

  return {
    close: () => closing.abort(),
    async send(batch: OutgoingBatch): Promise<TransportResult> {
      if (closing.signal.aborted) return closedResult
      try {
        const doFetch = options.fetch ?? globalThis.fetch
        const headers = { ...base }
        let body: BodyInit = batch.body
        if (batch.bytes > gzipThreshold) {
          // A Buffer is a valid fetch body; TypeScript's DOM typings only want ArrayBuffer-backed views.
          body = (await gzip(batch.body, { level: constants.Z_BEST_SPEED })) as unknown as BodyInit
          headers['Content-Encoding'] = 'gzip'
        }
        if (closing.signal.aborted) return closedResult
        const response = await doFetch(options.endpoint, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), closing.signal]),
        })
        // Drain the body so the socket goes back to the pool; its content does not matter.
        await response.arrayBuffer().catch(() => undefined)
        if (response.ok) return { ok: true, status: response.status }
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now())
        return {
          ok: false,
          status: response.status,
          reason: `HTTP ${response.status}`,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        }
      } catch (error) {
        return closing.signal.aborted ? closedResult : failure(error, timeoutMs)
      }
    },
  }
}
