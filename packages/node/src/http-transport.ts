/**
 * The Node `Transport`: one `fetch` POST per batch.
 *
 * Global `fetch` (undici) keeps connections alive and pools them per origin, so concurrent
 * batches reuse warm sockets. Bodies above `gzipThreshold` are gzipped at the fastest level.
 * Every failure becomes a `TransportResult` — the engine decides about retries; this never throws.
 */
import { promisify } from 'node:util'
import { gzip as gzipCallback, gzipSync, constants } from 'node:zlib'
import type { OutgoingBatch, Transport, TransportResult } from '@touchpoint/core'
import { parseRetryAfter } from '@touchpoint/core'

const gzip = promisify(gzipCallback)

/**
 * Bodies up to this size are gzipped inline: a 30 KB batch takes ~30 µs at level 1, half the CPU
 * of a round trip through the thread pool (measured). Larger ones go off the main thread.
 */
const INLINE_GZIP_BYTES = 64 * 1024

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

/** What a closed transport answers. */
export const closedResult: TransportResult = { ok: false, status: 0, reason: 'transport closed' }

/**
 * Headers and body of a batch's request, shared by both transports: Basic auth, custom headers,
 * and gzip above `gzipThreshold` at the fastest level.
 */
export function prepareRequest(options: Pick<HttpTransportOptions, 'writeKey' | 'headers' | 'gzipThreshold'>) {
  const gzipThreshold = options.gzipThreshold ?? 2048
  const base: Record<string, string> = { 'Content-Type': 'application/json' }
  if (options.writeKey) base.Authorization = `Basic ${Buffer.from(`${options.writeKey}:`).toString('base64')}`
  Object.assign(base, options.headers)
  return async (batch: OutgoingBatch): Promise<{ body: string | Buffer; headers: Record<string, string> }> => {
    if (batch.bytes <= gzipThreshold) return { body: batch.body, headers: base }
    const level = { level: constants.Z_BEST_SPEED }
    const body = batch.bytes <= INLINE_GZIP_BYTES ? gzipSync(batch.body, level) : await gzip(batch.body, level)
    return { body, headers: { ...base, 'Content-Encoding': 'gzip' } }
  }
}

function failure(error: unknown): TransportResult {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause
  return { ok: false, status: 0, reason: cause?.code ?? cause?.message ?? String(error) }
}

/** Creates the HTTP transport. */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const timeoutMs = options.timeoutMs ?? 10_000
  const now = options.now ?? Date.now
  const prepare = prepareRequest(options)
  const timedOut: TransportResult = { ok: false, status: 0, reason: `timeout after ${timeoutMs} ms` }

  // Aborted by `close()`: after shutdown no request is started and none is left running, so a
  // late acknowledgement cannot race the next process that re-sends the journal. One plain
  // AbortController and one unref'd timer per request: `AbortSignal.any([AbortSignal.timeout(),
  // …])` cost ~30 µs of CPU more per request (measured), and thousands of batches go out.
  let closed = false
  const inFlight = new Set<AbortController>()

  return {
    close() {
      closed = true
      for (const controller of inFlight) controller.abort()
      inFlight.clear()
    },
    async send(batch: OutgoingBatch): Promise<TransportResult> {
      if (closed) return closedResult
      const controller = new AbortController()
      let expired = false
      let timer: NodeJS.Timeout | undefined
      try {
        const doFetch = options.fetch ?? globalThis.fetch
        const { body, headers } = await prepare(batch)
        if (closed) return closedResult
        inFlight.add(controller)
        timer = setTimeout(() => {
          expired = true
          controller.abort()
        }, timeoutMs)
        timer.unref()
        // A Buffer is a valid fetch body; TypeScript's DOM typings only want ArrayBuffer-backed views.
        const response = await doFetch(options.endpoint, { method: 'POST', headers, body: body as BodyInit, signal: controller.signal })
        // Drain the body so the socket goes back to the pool; its content does not matter (the
        // status arrived: a body cut short by the timer does not change the verdict).
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
        return closed ? closedResult : expired ? timedOut : failure(error)
      } finally {
        clearTimeout(timer)
        inFlight.delete(controller)
      }
    },
  }
}
