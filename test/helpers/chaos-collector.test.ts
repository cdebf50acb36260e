import { afterEach, describe, expect, it } from 'vitest'
import { gzipSync } from 'node:zlib'
import { startChaosCollector, type ChaosCollector } from './chaos-collector'

const event = (id: string) => ({ type: 'track', event: 'touchpoint', messageId: id, timestamp: '2026-01-01T00:00:00.000Z', userId: 'u', properties: {}, context: { library: { name: 't', version: '0' } } })
const post = (url: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body: body as BodyInit, headers: { 'Content-Type': 'application/json', ...headers } })

describe('chaos collector', () => {
  let collector: ChaosCollector
  afterEach(async () => {
    await collector.close()
  })

  it('accepts JSON, text/plain and gzip bodies and dedups by messageId', async () => {
    collector = await startChaosCollector()
    await post(collector.url, JSON.stringify({ batch: [event('a')] }), { Authorization: 'Basic eDo=' })
    await post(collector.url, JSON.stringify({ batch: [event('a'), event('b')] }), { 'Content-Type': 'text/plain' })
    const zipped = await post(collector.url, gzipSync(JSON.stringify({ batch: [event('c')] })), { 'Content-Encoding': 'gzip' })
    expect(zipped.status).toBe(200)
    expect(collector.received.map((e) => e.messageId)).toEqual(['a', 'b', 'c'])
    expect(collector.duplicates).toBe(1)
    expect(collector.requests).toBe(3)
    expect(collector.authorizations).toEqual(['Basic eDo='])
  })

  it('answers CORS preflights', async () => {
    collector = await startChaosCollector()
    const res = await fetch(collector.url, { method: 'OPTIONS' })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-headers')).toContain('Content-Encoding')
  })

  it('answers a counted storm, then recovers', async () => {
    collector = await startChaosCollector()
    await collector.setMode({ status: 429, retryAfterSeconds: 2, times: 2 })
    const body = JSON.stringify({ batch: [event('a')] })
    const first = await post(collector.url, body)
    expect(first.status).toBe(429)
    expect(first.headers.get('retry-after')).toBe('2')
    expect((await post(collector.url, body)).status).toBe(429)
    expect((await post(collector.url, body)).status).toBe(200)
    expect(collector.received).toHaveLength(1)
  })

  it('rejects oversized bodies with 413, resets sockets, and goes offline and back', async () => {
    collector = await startChaosCollector()
    await collector.setMode({ maxBytes: 50 })
    expect((await post(collector.url, JSON.stringify({ batch: [event('a')] }))).status).toBe(413)
    await collector.setMode('reset')
    await expect(post(collector.url, JSON.stringify({ batch: [event('a')] }))).rejects.toThrow()
    await collector.setMode('offline')
    await expect(post(collector.url, JSON.stringify({ batch: [event('a')] }))).rejects.toThrow()
    await collector.setMode('malformed200')
    const res = await post(collector.url, JSON.stringify({ batch: [event('a')] }))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('not json')
    expect(collector.received).toHaveLength(1)
  })
})
