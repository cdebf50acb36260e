/**
 * An opt-in `Transport` on `node:http` / `node:https` with a keep-alive `Agent`
 * (`createTracker({ transport: 'http' })`). Same contract as the default fetch transport
 * (http-transport.ts): one POST per batch, gzip above the threshold, Basic auth, custom headers,
 * a per-request timeout, `close()` aborting what is in flight, every failure a result.
 *
 * Why offer it: on loopback, undici `fetch` spends ~200 µs of CPU per request against ~60 µs
 * here (measured, bench/node.bench.ts workload), and allocates far more per request, which a
 * server sending thousands of batches pays in GC too. `fetch` stays the default: it is the
 * standard API, and custom `fetch` injection (proxies, test doubles) only applies to it.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { OutgoingBatch, TransportResult } from '@touchpoint/core'
import { closedResult, prepareRequest, type HttpTransport, type HttpTransportOptions } from './http-transport'
import { parseRetryAfter } from '@touchpoint/core'

/** Options of {@link createNodeHttpTransport}: those of the fetch transport, without `fetch`. */
export interface NodeHttpTransportOptions extends Omit<HttpTransportOptions, 'fetch'> {
  /** Sockets kept open to the collector (batches in flight at once). @default 4 */
  maxSockets?: number
}

/** Creates the `node:http` transport. */
export function createNodeHttpTransport(options: NodeHttpTransportOptions): HttpTransport {
  const timeoutMs = options.timeoutMs ?? 10_000
  const now = options.now ?? Date.now
  const url = new URL(options.endpoint)
  const secure = url.protocol === 'https:'
  const request = secure ? httpsRequest : httpRequest
  const agent = new (secure ? HttpsAgent : HttpAgent)({ keepAlive: true, maxSockets: options.maxSockets ?? 4 })
  const prepare = prepareRequest(options)
  const timedOut: TransportResult = { ok: false, status: 0, reason: `timeout after ${timeoutMs} ms` }
  let closed = false
  const inFlight = new Set<ClientRequest>()

  function post(body: Buffer | string, headers: Record<string, string>): Promise<TransportResult> {
    return new Promise((resolve) => {
      let expired = false
      let settled = false
      const settle = (result: TransportResult) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        inFlight.delete(req)
        resolve(result)
      }
      const req = request(url, { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } })
      const timer = setTimeout(() => {
        expired = true
        req.destroy(new Error('timeout'))
      }, timeoutMs)
      timer.unref()
      inFlight.add(req)
      req.on('response', (res: IncomingMessage) => {
        const result = verdict(res)
        // Drain the body so the socket goes back to the pool; its content does not matter (the
        // status arrived: a body cut short does not change the verdict).
        res.on('data', () => {})
        res.on('end', () => settle(result))
        res.on('error', () => settle(result))
        res.on('close', () => settle(result))
      })
      req.on('error', (error: NodeJS.ErrnoException) => {
        settle(closed ? closedResult : expired ? timedOut : { ok: false, status: 0, reason: error.code ?? error.message })
      })
      req.end(body)
    })
  }

  function verdict(res: IncomingMessage): TransportResult {
    const status = res.statusCode ?? 0
    if (status >= 200 && status < 300) return { ok: true, status }
    const header = res.headers['retry-after']
    const retryAfterMs = parseRetryAfter(Array.isArray(header) ? (header[0] ?? null) : (header ?? null), now())
    return { ok: false, status, reason: `HTTP ${status}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }
  }

  return {
    close() {
      closed = true
      for (const req of inFlight) req.destroy(new Error('transport closed'))
      inFlight.clear()
      agent.destroy()
    },
    async send(batch: OutgoingBatch): Promise<TransportResult> {
      if (closed) return closedResult
      try {
        const { body, headers } = await prepare(batch)
        if (closed) return closedResult
        return await post(body, headers)
      } catch (error) {
        return closed ? closedResult : { ok: false, status: 0, reason: String(error) }
      }
    },
  }
}
