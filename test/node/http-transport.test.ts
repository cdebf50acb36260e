import { afterEach, describe, expect, it } from 'vitest'
import { createHttpTransport, type HttpTransportOptions } from '../../packages/node/src/http-transport'
import { createNodeHttpTransport } from '../../packages/node/src/node-http-transport'
import { startChaosCollector, type ChaosCollector } from '../helpers/chaos-collector'
import { many } from './journal-fixtures'

function batchOf(n: number) {
  const body = `{"batch":[${many(n).map((e) => e.json).join(',')}],"sentAt":"${new Date().toISOString()}"}`
  return { events: [], body, count: n, bytes: Buffer.byteLength(body) }
}

const transports: [string, (options: HttpTransportOptions) => ReturnType<typeof createHttpTransport>][] = [
  ['fetch transport', createHttpTransport],
  ['node:http transport', createNodeHttpTransport],
]

describe.each(transports)('%s', (_, createTransport) => {
  let collector: ChaosCollector
  afterEach(async () => {
    await collector?.close()
  })

  it('posts JSON with the write key as HTTP Basic auth and custom headers', async () => {
    collector = await startChaosCollector()
    const transport = createTransport({ endpoint: collector.url, writeKey: 'wk_test', headers: { 'X-Tenant': 'acme' } })
    expect(await transport.send(batchOf(1))).toEqual({ ok: true, status: 200 })
    const request = collector.lastRequest!
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('wk_test:').toString('base64')}`)
    expect(request.headers['x-tenant']).toBe('acme')
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.headers['content-encoding']).toBeUndefined()
    expect(collector.received).toHaveLength(1)
  })

  it('gzips bodies above the threshold', async () => {
    collector = await startChaosCollector()
    const transport = createTransport({ endpoint: collector.url })
    const batch = batchOf(50)
    expect(batch.bytes).toBeGreaterThan(2048)
    expect((await transport.send(batch)).ok).toBe(true)
    expect(collector.lastRequest!.headers['content-encoding']).toBe('gzip')
    expect(collector.lastRequest!.wireBytes).toBeLessThan(batch.bytes / 4)
    expect(collector.received).toHaveLength(50)
  })

  it('reports Retry-After in milliseconds, from seconds or an HTTP date', async () => {
    collector = await startChaosCollector()
    const transport = createTransport({ endpoint: collector.url })
    await collector.setMode({ status: 429, retryAfterSeconds: 3, times: 1 })
    expect(await transport.send(batchOf(1))).toMatchObject({ ok: false, status: 429, retryAfterMs: 3000 })
  })

  it('maps 5xx and 413 to failed results with their status', async () => {
    collector = await startChaosCollector()
    const transport = createTransport({ endpoint: collector.url })
    await collector.setMode('down')
    expect(await transport.send(batchOf(1))).toMatchObject({ ok: false, status: 503 })
    await collector.setMode({ maxBytes: 10 })
    expect(await transport.send(batchOf(1))).toMatchObject({ ok: false, status: 413 })
  })

  it('treats a 2xx with a garbage body as an acknowledgement', async () => {
    collector = await startChaosCollector()
    await collector.setMode('malformed200')
    expect(await createTransport({ endpoint: collector.url }).send(batchOf(2))).toEqual({ ok: true, status: 200 })
  })

  it('turns resets, refused connections and timeouts into status 0', async () => {
    collector = await startChaosCollector()
    const transport = createTransport({ endpoint: collector.url, timeoutMs: 100 })
    await collector.setMode('reset')
    expect(await transport.send(batchOf(1))).toMatchObject({ ok: false, status: 0 })
    await collector.setMode({ slowMs: 1000 })
    expect(await transport.send(batchOf(1))).toMatchObject({ ok: false, status: 0, reason: 'timeout after 100 ms' })
    await collector.setMode('offline')
    expect(await transport.send(batchOf(1))).toMatchObject({ ok: false, status: 0, reason: 'ECONNREFUSED' })
  })

  it('aborts what is in flight on close and refuses new sends', async () => {
    collector = await startChaosCollector()
    await collector.setMode({ slowMs: 2000 })
    const transport = createTransport({ endpoint: collector.url, timeoutMs: 10_000 })
    const pending = transport.send(batchOf(1))
    await new Promise((resolve) => setTimeout(resolve, 100))
    transport.close()
    expect(await pending).toEqual({ ok: false, status: 0, reason: 'transport closed' })
    expect(await transport.send(batchOf(1))).toEqual({ ok: false, status: 0, reason: 'transport closed' })
  })
})

describe('fetch transport injection', () => {
  let collector: ChaosCollector
  afterEach(async () => {
    await collector?.close()
  })

  it('uses an injected fetch and never throws when it does', async () => {
    collector = await startChaosCollector()
    const calls: string[] = []
    const spy: typeof fetch = async (input, init) => {
      calls.push(String(input))
      return fetch(input, init)
    }
    expect((await createHttpTransport({ endpoint: collector.url, fetch: spy }).send(batchOf(1))).ok).toBe(true)
    expect(calls).toEqual([collector.url])
    const broken = createHttpTransport({
      endpoint: collector.url,
      fetch: () => {
        throw new TypeError('boom')
      },
    })
    expect(await broken.send(batchOf(1))).toMatchObject({ ok: false, status: 0 })
  })
})
