import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { basicAuth, createCollector, type Collector } from '../../examples/collector'

const WRITE_KEY = 'wk_test'

function touch(touchpoint: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'track',
    event: 'touchpoint',
    messageId: randomUUID(),
    timestamp: new Date().toISOString(),
    anonymousId: 'anon-1',
    properties: { touchpoint, channel: 'social' },
    context: { library: { name: 'test', version: '0.0.0' } },
    ...extra,
  }
}

const body = (events: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ batch: events, sentAt: new Date().toISOString(), ...extra })

describe('the reference collector', () => {
  let collector: Collector | undefined
  let dir: string | undefined

  afterEach(async () => {
    await collector?.close()
    collector = undefined
    if (dir) rmSync(dir, { recursive: true, force: true })
    dir = undefined
  })

  async function start(options: Partial<Parameters<typeof createCollector>[0]> = {}): Promise<Collector> {
    collector = await createCollector({ writeKeys: [WRITE_KEY], ...options })
    return collector
  }

  const post = (path: string, payload: string | Uint8Array, headers: Record<string, string> = {}) =>
    fetch(`${collector!.url}${path}`, { method: 'POST', body: payload as BodyInit, headers: { authorization: basicAuth(WRITE_KEY), 'content-type': 'application/json', ...headers } })

  it('listens on loopback and stores a batch sent with Basic auth', async () => {
    await start()
    expect(collector!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await post('/v1/batch', body([touch('facebook-ad'), touch('product-page')]))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ success: true, accepted: 2, duplicates: 0 })
    expect(collector!.store.all().map((e) => (e.type === 'track' ? e.properties.touchpoint : null))).toEqual(['facebook-ad', 'product-page'])
  })

  it('answers 401 without a writeKey, with an unknown one, or with an unreadable Authorization header', async () => {
    await start()
    const payload = body([touch('facebook-ad')])
    expect((await post('/v1/batch', payload, { authorization: '' })).status).toBe(401)
    expect((await post('/v1/batch', payload, { authorization: basicAuth('wk_other') })).status).toBe(401)
    expect((await post('/v1/batch', payload, { authorization: 'Bearer nope' })).status).toBe(401)
    const bodyKey = await post('/v1/batch', body([touch('facebook-ad')], { writeKey: 'wk_other' }), { authorization: '' })
    expect(bodyKey.status).toBe(401)
    expect((await bodyKey.json()).error).toMatch(/writeKey/)
    expect(collector!.store.count()).toBe(0)
  })

  it('accepts a text/plain beacon body that carries its writeKey in the body', async () => {
    await start()
    const res = await post('/v1/batch', body([touch('landing-page')], { writeKey: WRITE_KEY }), { authorization: '', 'content-type': 'text/plain;charset=UTF-8' })
    expect(res.status).toBe(200)
    expect(collector!.store.count()).toBe(1)
  })

  it('reads gzip bodies', async () => {
    await start()
    const res = await post('/v1/batch', gzipSync(body([touch('invoice'), touch('feedback-survey')])), { 'content-encoding': 'gzip' })
    expect(res.status).toBe(200)
    expect(collector!.store.count()).toBe(2)
  })

  it('answers 413 above the body limit, before and after gzip decoding', async () => {
    await start({ maxBodyBytes: 4_000 })
    const big = body(Array.from({ length: 30 }, () => touch('facebook-ad')))
    expect(big.length).toBeGreaterThan(4_000)
    expect((await post('/v1/batch', big)).status).toBe(413)
    const bomb = gzipSync(body([touch('facebook-ad', { properties: { touchpoint: 'facebook-ad', note: 'x'.repeat(50_000) } })]))
    expect(bomb.length).toBeLessThan(4_000)
    expect((await post('/v1/batch', bomb, { 'content-encoding': 'gzip' })).status).toBe(413)
    expect(collector!.store.count()).toBe(0)
  })

  it('answers 413 for a batch holding an event over the per-event limit, so the tracker splits it', async () => {
    await start({ maxEventBytes: 1_000 })
    const res = await post('/v1/batch', body([touch('facebook-ad'), touch('promotion', { properties: { touchpoint: 'promotion', note: 'x'.repeat(2_000) } })]))
    expect(res.status).toBe(413)
    expect((await res.json()).error).toMatch(/^batch\[1\] must be at most 1000 bytes/)
  })

  it('answers 400 naming the field, and stores nothing of a batch with one invalid event', async () => {
    await start()
    const noTouchpoint = await post('/v1/batch', body([touch('facebook-ad'), touch('x', { properties: { channel: 'social' } })]))
    expect(noTouchpoint.status).toBe(400)
    expect((await noTouchpoint.json()).error).toBe('batch[1].properties.touchpoint is required')
    const badId = await post('/v1/batch', body([touch('facebook-ad', { messageId: 'nope' })]))
    expect((await badId.json()).error).toMatch(/^batch\[0\]\.messageId /)
    const notJson = await post('/v1/batch', '{"batch":')
    expect(notJson.status).toBe(400)
    expect((await notJson.json()).error).toBe('body must be valid JSON')
    expect(collector!.store.count()).toBe(0)
  })

  it('stores a re-delivered messageId once, and says how many were duplicates', async () => {
    await start()
    const events = [touch('facebook-ad'), touch('product-page')]
    expect((await post('/v1/batch', body(events))).status).toBe(200)
    const again = await post('/v1/batch', body([...events, touch('promotion')]))
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ success: true, accepted: 3, duplicates: 2 })
    expect(collector!.store.count()).toBe(3)
  })

  it('keeps deduping across a restart on the same database file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tp-collector-'))
    const dbPath = join(dir, 'events.db')
    const event = touch('invoice')
    await start({ dbPath })
    await post('/v1/batch', body([event]))
    await collector!.close()
    await start({ dbPath })
    const res = await post('/v1/batch', body([event]))
    expect(await res.json()).toMatchObject({ duplicates: 1 })
    expect(collector!.store.count()).toBe(1)
  })

  it('accepts single events on /v1/track, /v1/identify and /v1/page', async () => {
    await start()
    const { type: _type, ...track } = touch('sales-team')
    expect((await post('/v1/track', JSON.stringify(track))).status).toBe(200)
    const identify = { messageId: randomUUID(), timestamp: new Date().toISOString(), userId: 'user-1', anonymousId: 'anon-1', traits: {}, context: { library: { name: 't', version: '1' } } }
    expect((await post('/v1/identify', JSON.stringify(identify))).status).toBe(200)
    const page = { type: 'page', messageId: randomUUID(), timestamp: new Date().toISOString(), anonymousId: 'anon-1', properties: {}, context: { library: { name: 't', version: '1' } } }
    expect((await post('/v1/page', JSON.stringify(page))).status).toBe(200)
    const wrong = await post('/v1/page', JSON.stringify({ ...page, type: 'track', messageId: randomUUID() }))
    expect(wrong.status).toBe(400)
    expect(collector!.store.all().map((e) => e.type)).toEqual(['track', 'identify', 'page'])
  })

  it('answers CORS preflights and puts CORS headers on errors so pages can read them', async () => {
    await start()
    const preflight = await fetch(`${collector!.url}/v1/batch`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:9999', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:9999')
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/)
    const rejected = await post('/v1/batch', '[]', { origin: 'http://127.0.0.1:9999' })
    expect(rejected.status).toBe(400)
    expect(rejected.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:9999')
  })

  it('reports its health with the number of stored events', async () => {
    await start()
    await post('/v1/batch', body([touch('facebook-ad')]))
    const res = await fetch(`${collector!.url}/health`)
    expect(await res.json()).toEqual({ ok: true, events: 1 })
  })

  it('serves the journey report built from its database', async () => {
    await start()
    const order = touch('x', { event: 'Order Completed', properties: { revenue: 120, currency: 'USD' } })
    await post('/v1/batch', body([touch('facebook-ad'), touch('product-page'), order]))
    const res = await fetch(`${collector!.url}/report`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const html = await res.text()
    expect(html).toContain('<svg')
    expect(html).toContain('facebook-ad')
    expect(html).toContain('Stage funnel')
  })

  it('exports the stored events as NDJSON with the time they were received', async () => {
    await start()
    await post('/v1/batch', body([touch('facebook-ad'), touch('invoice')]))
    const text = await (await fetch(`${collector!.url}/v1/events.ndjson`)).text()
    const lines = text.trim().split('\n').map((line) => JSON.parse(line))
    expect(lines.map((e) => e.properties.touchpoint)).toEqual(['facebook-ad', 'invoice'])
    expect(typeof lines[0].receivedAt).toBe('string')
  })

  it('answers 404 and 405 for what it does not serve', async () => {
    await start()
    expect((await fetch(`${collector!.url}/nope`)).status).toBe(404)
    expect((await fetch(`${collector!.url}/v1/batch`)).status).toBe(405)
  })
})
