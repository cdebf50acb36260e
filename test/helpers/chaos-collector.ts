/**
 * A loopback collector that misbehaves on demand, shared by the node and browser fault tests.
 *
 * It speaks the collector contract of DESIGN.md: it reads the body as JSON whatever the
 * `Content-Type` (`application/json`, or `text/plain` from beacons), gunzips when
 * `Content-Encoding: gzip`, answers CORS preflights so pages on another loopback port can post,
 * and dedups accepted events by `messageId` (`received`), counting the re-deliveries (`duplicates`).
 * Events count as received only when the collector answers 2xx.
 *
 * Modes (`setMode`), switchable at any time:
 * - `'ok'`: 200 `{"success":true}`.
 * - `'down'`: 503 on every request.
 * - `'reset'`: reads the request, then destroys the socket without an answer.
 * - `'malformed200'`: accepts the events and answers 200 with a garbage body (a 2xx is an ack
 *   regardless of its body).
 * - `'offline'`: closes the listener (connection refused); switching to any other mode listens
 *   again on the same port.
 * - `{ status, times?, retryAfterSeconds? }`: answers `status` (e.g. 503 storms, 429 with
 *   `Retry-After`) `times` times, then goes back to `'ok'` (forever when `times` is omitted).
 * - `{ reset: true, times? }`: resets `times` connections, then `'ok'`.
 * - `{ slowMs, times? }`: waits `slowMs` before accepting (a client timing out meanwhile will
 *   re-send, and the re-delivery shows up in `duplicates`).
 * - `{ maxBytes }`: 413 for a decoded body above `maxBytes` bytes, 200 otherwise.
 *
 * The mode applies to a request when its body has been read, so a request still on the wire when
 * a test switches modes gets the new mode. A test that must not mix the two awaits `idle()`
 * first: it resolves once every request received so far has been answered (or dropped).
 *
 * Every test that starts one closes it (`await collector.close()` in `afterEach`).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { gunzipSync } from 'node:zlib'
import type { WireEvent } from '../../src/event/types'

/** How the collector answers the next requests. */
export type ChaosMode =
  | 'ok'
  | 'down'
  | 'reset'
  | 'malformed200'
  | 'offline'
  | { status: number; times?: number; retryAfterSeconds?: number | string }
  | { reset: true; times?: number }
  | { slowMs: number; times?: number }
  | { maxBytes: number }

/** What the last request looked like, for transport assertions. */
export interface RecordedRequest {
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
  /** Bytes as they came over the wire (compressed when gzip). */
  readonly wireBytes: number
  /** The decoded JSON body, or `undefined` when it did not parse. */
  readonly body: unknown
}

/** A running chaos collector. */
export interface ChaosCollector {
  /** `http://127.0.0.1:<port>/v1/batch` */
  readonly url: string
  readonly port: number
  /** Accepted events, deduped by `messageId`, in arrival order. */
  readonly received: WireEvent[]
  /** Accepted events whose `messageId` had already been received. */
  readonly duplicates: number
  /** POST requests seen, whatever the answer. */
  readonly requests: number
  /** Every `Authorization` header seen on a POST, in order. */
  readonly authorizations: string[]
  /** The last POST request. */
  readonly lastRequest: RecordedRequest | undefined
  /** Switch behaviour; resolves once the listener is closed/reopened for `'offline'`. */
  setMode(mode: ChaosMode): Promise<void>
  /** Resolves when at least `count` distinct events were received; rejects after `timeoutMs`. */
  waitForReceived(count: number, timeoutMs?: number): Promise<void>
  /** Resolves once no request is being handled (slow answers included): the counts are final. */
  idle(): Promise<void>
  close(): Promise<void>
}

const corsHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Content-Encoding',
  'Access-Control-Max-Age': '600',
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
    // A client that hangs up mid-body: the handler ends (and `idle()` can resolve) instead of hanging.
    req.on('close', () => reject(new Error('request closed before its body was read')))
  })
}

function decode(raw: Buffer, headers: IncomingHttpHeaders): { text: string; json: unknown } {
  let text = ''
  try {
    text = (headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')
    return { text, json: JSON.parse(text) }
  } catch {
    return { text, json: undefined }
  }
}

/** Starts a chaos collector on 127.0.0.1 (a free port unless `port` is given). */
export async function startChaosCollector(options: { port?: number } = {}): Promise<ChaosCollector> {
  let mode: ChaosMode = 'ok'
  let remaining = Infinity
  let duplicates = 0
  let requests = 0
  let lastRequest: RecordedRequest | undefined
  const received: WireEvent[] = []
  const seen = new Set<string>()
  const authorizations: string[] = []
  const sockets = new Set<Socket>()
  const waiters = new Set<() => void>()
  /** Requests being handled, and who waits for there to be none. */
  let handling = 0
  const idleWaiters = new Set<() => void>()
  let listening = false

  const accept = (json: unknown): boolean => {
    const batch = (json as { batch?: unknown } | undefined)?.batch
    if (!Array.isArray(batch)) return false
    for (const event of batch as WireEvent[]) {
      if (seen.has(event.messageId)) duplicates++
      else {
        seen.add(event.messageId)
        received.push(event)
      }
    }
    for (const wake of waiters) wake()
    return true
  }

  /** Consumes one use of a counted mode and falls back to 'ok' when they are used up. */
  const current = (): ChaosMode => {
    const active = mode
    if (typeof active === 'object' && 'times' in active && active.times !== undefined) {
      remaining--
      if (remaining <= 0) mode = 'ok'
    }
    return active
  }

  const answer = (res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void => {
    res.writeHead(status, { ...corsHeaders, 'Content-Type': 'application/json', ...extra })
    res.end(body)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, corsHeaders)
      res.end()
      return
    }
    const raw = await readBody(req)
    const { text, json } = decode(raw, req.headers)
    requests++
    if (req.headers.authorization !== undefined) authorizations.push(req.headers.authorization)
    lastRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, wireBytes: raw.length, body: json }
    const active = current()
    if (active === 'down') return answer(res, 503, '{"error":"down"}')
    if (active === 'reset' || (typeof active === 'object' && 'reset' in active)) {
      req.socket.destroy()
      return
    }
    if (typeof active === 'object' && 'status' in active) {
      const retry: Record<string, string> = active.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(active.retryAfterSeconds) }
      return answer(res, active.status, `{"error":${active.status}}`, retry)
    }
    if (typeof active === 'object' && 'maxBytes' in active && Buffer.byteLength(text) > active.maxBytes) {
      return answer(res, 413, '{"error":"too large"}')
    }
    if (typeof active === 'object' && 'slowMs' in active) await new Promise((r) => setTimeout(r, active.slowMs))
    if (!accept(json)) return answer(res, 400, '{"error":"body is not a batch"}')
    if (active === 'malformed200') return answer(res, 200, '<html>not json', { 'Content-Type': 'text/html' })
    answer(res, 200, '{"success":true}')
  }

  const server = createServer((req, res) => {
    handling++
    handle(req, res)
      .catch(() => res.destroy())
      .finally(() => {
        if (--handling > 0) return
        for (const wake of idleWaiters) wake()
        idleWaiters.clear()
      })
  })
  server.keepAliveTimeout = 5_000
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        listening = true
        const address = server.address()
        resolve(typeof address === 'object' && address ? address.port : port)
      })
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve()
      listening = false
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    })

  const port = await listen(options.port ?? 0)

  return {
    url: `http://127.0.0.1:${port}/v1/batch`,
    port,
    received,
    get duplicates() {
      return duplicates
    },
    get requests() {
      return requests
    },
    authorizations,
    get lastRequest() {
      return lastRequest
    },
    async setMode(next) {
      mode = next
      remaining = typeof next === 'object' && 'times' in next && next.times !== undefined ? next.times : Infinity
      if (next === 'offline') await stop()
      else if (!listening) await listen(port)
    },
    waitForReceived(count, timeoutMs = 20_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (received.length < count) return
          waiters.delete(check)
          clearTimeout(timer)
          resolve()
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`chaos collector: ${received.length} of ${count} events after ${timeoutMs} ms`))
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
    idle() {
      return handling === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.add(resolve))
    },
    close: stop,
  }
}
