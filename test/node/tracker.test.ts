import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { encodeJourneyToken, isTouchpointError, type TouchpointError } from '@touchpoint/core'
import { createTracker, type NodeTracker } from '../../packages/node/src/index'
import type { NodeTrackerOptions } from '../../packages/node/src/options'
import { startChaosCollector, type ChaosCollector } from '../helpers/chaos-collector'
import { tempDir } from './journal-fixtures'

describe('node tracker', () => {
  let collector: ChaosCollector
  let dir: string
  let cleanup: () => void
  const trackers: NodeTracker[] = []
  const tracker = (options: Partial<NodeTrackerOptions> = {}) => {
    const tp = createTracker({ endpoint: collector.url, writeKey: 'wk_node', retry: { baseMs: 5, maxMs: 50 }, ...options })
    trackers.push(tp as NodeTracker)
    return tp
  }
  const errorsOf = (tp: NodeTracker) => {
    const errors: TouchpointError[] = []
    tp.on('error', (error) => errors.push(error))
    return errors
  }

  beforeEach(async () => {
    collector = await startChaosCollector()
    ;({ dir, cleanup } = tempDir())
  })
  afterEach(async () => {
    for (const tp of trackers.splice(0)) await tp.shutdown({ timeoutMs: 1000 })
    await collector.close()
    cleanup()
  })

  it('delivers a touchpoint with the userId given among its properties, with Basic auth', async () => {
    const tp = tracker()
    tp.track('touchpoint', { userId: 'user-42', touchpoint: 'invoice', channel: 'email', value: 120, currency: 'EUR' })
    expect(await tp.flush()).toEqual({ sent: 1, pending: 0, dropped: 0 })
    const [event] = collector.received
    expect(event).toMatchObject({
      type: 'track',
      event: 'touchpoint',
      userId: 'user-42',
      properties: { touchpoint: 'invoice', channel: 'email', value: 120, currency: 'EUR' },
      context: { library: { name: '@touchpoint/node' } },
    })
    expect(event && 'properties' in event && 'userId' in event.properties).toBe(false)
    expect(collector.authorizations).toEqual([`Basic ${Buffer.from('wk_node:').toString('base64')}`])
    expect(tp.persistence).toBe('memory')
  })

  it('delivers through node:http with transport: http, gzipped and authenticated, and shuts down cleanly', async () => {
    const tp = tracker({ transport: 'http', dataDir: dir })
    for (let i = 0; i < 250; i++) tp.track('touchpoint', { userId: `user-${i}`, touchpoint: 'invoice', value: i })
    expect(await tp.shutdown({ timeoutMs: 5000 })).toEqual({ sent: 250, pending: 0, dropped: 0 })
    expect(collector.received).toHaveLength(250)
    expect(collector.lastRequest?.headers['content-encoding']).toBe('gzip')
    expect(new Set(collector.authorizations)).toEqual(new Set([`Basic ${Buffer.from('wk_node:').toString('base64')}`]))
  })

  it('requires a userId or anonymousId per event and still delivers the valid events beside it', async () => {
    const tp = tracker()
    const errors = errorsOf(tp)
    tp.track('touchpoint', { touchpoint: 'invoice' })
    tp.track('touchpoint', { touchpoint: 'invoice' }, { anonymousId: 'anon-1' })
    tp.identify('user-7', { plan: 'pro' })
    await tp.flush()
    expect(errors.map((e) => e.message)).toEqual(['touchpoint: userId or anonymousId is required'])
    expect(collector.received.map((e) => e.type)).toEqual(['track', 'identify'])
  })

  it('joins an invoice to the browser journey through a journey token', async () => {
    const tp = tracker()
    const token = encodeJourneyToken({
      v: 1,
      anonymousId: 'anon-browser-1',
      sessionId: 'sess-9',
      firstTouch: { touchpoint: 'facebook-ad', channel: 'social', timestamp: '2026-01-01T10:00:00.000Z' },
      lastTouch: { touchpoint: 'landing-page', channel: 'web', timestamp: '2026-01-01T10:05:00.000Z' },
    })
    tp.track('touchpoint', { userId: 'user-42', touchpoint: 'invoice', channel: 'email' }, { journeyToken: token })
    await tp.flush()
    expect(collector.received[0]).toMatchObject({
      userId: 'user-42',
      anonymousId: 'anon-browser-1',
      context: {
        journey: {
          anonymousId: 'anon-browser-1',
          sessionId: 'sess-9',
          firstTouch: { touchpoint: 'facebook-ad' },
          lastTouch: { touchpoint: 'landing-page' },
        },
      },
    })
  })

  it('sends custom headers through an injected fetch', async () => {
    const seen: string[] = []
    const tp = tracker({
      headers: { 'X-Tenant': 'acme' },
      fetch: (input, init) => (seen.push(String(input)), fetch(input, init)),
    })
    tp.track('Order Completed', { userId: 'u', revenue: 10 })
    await tp.flush()
    expect(seen).toEqual([collector.url])
    expect(collector.lastRequest?.headers['x-tenant']).toBe('acme')
  })

  it('sends several batches of at most maxBatchEvents events', async () => {
    const tp = tracker({ flushAt: 10, maxBatchEvents: 10, concurrency: 3 })
    for (let i = 0; i < 95; i++) tp.track('touchpoint', { userId: `u${i}`, touchpoint: 'invoice' })
    expect((await tp.flush()).sent).toBe(95)
    expect(collector.requests).toBe(10)
    expect(collector.received).toHaveLength(95)
  })

  it('sends a burst in requests of 500 events by default', async () => {
    const tp = tracker()
    for (let i = 0; i < 1200; i++) tp.track('touchpoint', { userId: `u${i}`, touchpoint: 'invoice' })
    expect((await tp.flush()).sent).toBe(1200)
    expect(collector.requests).toBe(3)
    expect(collector.received).toHaveLength(1200)
  })

  it('journals events in dataDir and compacts them away once acknowledged', async () => {
    const tp = tracker({ dataDir: dir })
    expect(tp.persistence).toBe('journal')
    for (let i = 0; i < 50; i++) tp.track('touchpoint', { userId: `u${i}`, touchpoint: 'invoice' })
    expect((await tp.flush()).sent).toBe(50)
    expect(readdirSync(dir).filter((f) => f.startsWith('segment-'))).toEqual([])
    expect(collector.received).toHaveLength(50)
  })

  it('writes every event to disk before track returns with durability every-event', async () => {
    await collector.setMode('offline')
    const tp = tracker({ dataDir: dir, durability: 'every-event' })
    tp.track('touchpoint', { userId: 'u1', touchpoint: 'invoice' })
    tp.track('touchpoint', { userId: 'u2', touchpoint: 'invoice' })
    const segment = readdirSync(dir).find((f) => f.startsWith('segment-'))!
    expect(readFileSync(join(dir, segment), 'utf8').trim().split('\n')).toHaveLength(2)
    await collector.setMode('ok')
    expect((await tp.flush()).sent).toBe(2)
    expect(readdirSync(dir).filter((f) => f.startsWith('segment-'))).toEqual([])
  })

  it('reports a dataDir locked by another tracker as an error and falls back to memory', async () => {
    const first = tracker({ dataDir: dir })
    const second = tracker({ dataDir: dir })
    const errors = errorsOf(second)
    await Promise.resolve()
    expect(first.persistence).toBe('journal')
    expect(second.persistence).toBe('memory')
    expect(errors).toHaveLength(1)
    expect(isTouchpointError(errors[0])).toBe(true)
    expect(errors[0]?.code).toBe('storage-locked')
    expect(errors[0]?.message).toBe(`dataDir ${dir} is locked by process ${process.pid}`)
    second.track('touchpoint', { userId: 'u', touchpoint: 'invoice' })
    expect((await second.flush()).sent).toBe(1)
  })

  it('releases the lock on shutdown so the next tracker gets the journal', async () => {
    const first = tracker({ dataDir: dir })
    await first.shutdown()
    const second = tracker({ dataDir: dir })
    expect(second.persistence).toBe('journal')
  })

  it('ignores calls after shutdown and resolves repeated shutdowns with the same result', async () => {
    const tp = tracker()
    tp.track('touchpoint', { userId: 'u', touchpoint: 'invoice' })
    const result = await tp.shutdown()
    expect(result.sent).toBe(1)
    expect(tp.shutdown()).toBe(tp.shutdown())
    expect(() => tp.track('touchpoint', { userId: 'u', touchpoint: 'invoice' })).not.toThrow()
    expect(collector.received).toHaveLength(1)
  })
})
