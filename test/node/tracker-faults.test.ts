import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { WireEvent } from '@touchpoint/core'
import { createTracker, type NodeTracker } from '../../packages/node/src/index'
import type { NodeTrackerOptions } from '../../packages/node/src/options'
import { startChaosCollector, type ChaosCollector, type ChaosMode } from '../helpers/chaos-collector'
import { tempDir } from './journal-fixtures'

const N = 250

describe('node tracker against a misbehaving collector', () => {
  let collector: ChaosCollector
  let dir: string
  let cleanup: () => void
  let tp: NodeTracker | undefined
  const start = (options: Partial<NodeTrackerOptions> = {}) =>
    (tp = createTracker({
      endpoint: collector.url,
      dataDir: dir,
      flushAt: 25,
      maxBatchEvents: 25,
      timeoutMs: 500,
      retry: { baseMs: 10, maxMs: 100, maxRetryAfterMs: 1000 },
      ...options,
    }))
  const trackAll = (tracker: NodeTracker, n = N) => {
    for (let i = 0; i < n; i++) tracker.track('touchpoint', { userId: `user-${i}`, touchpoint: 'invoice', channel: 'email', value: i })
  }
  /** Every tracked value arrives exactly once in the deduped view. */
  const expectEveryEvent = (received: WireEvent[], n = N) => {
    const values = received.map((e) => (e.type === 'track' ? (e.properties.value as number) : -1)).sort((a, b) => a - b)
    expect(values).toEqual(Array.from({ length: n }, (_, i) => i))
  }

  beforeEach(async () => {
    collector = await startChaosCollector()
    ;({ dir, cleanup } = tempDir())
  })
  afterEach(async () => {
    await tp?.shutdown({ timeoutMs: 1000 })
    tp = undefined
    await collector.close()
    cleanup()
  })

  const storms: Array<[string, ChaosMode]> = [
    ['a 503 storm', { status: 503, times: 12 }],
    ['429 answers with Retry-After', { status: 429, retryAfterSeconds: 0.05, times: 6 }],
    ['connection resets', { reset: true, times: 8 }],
    ['500, 502 and 408 answers', { status: 502, times: 5 }],
  ]
  for (const [name, mode] of storms) {
    it(`delivers every event through ${name}`, async () => {
      await collector.setMode(mode)
      const tracker = start()
      trackAll(tracker)
      const result = await tracker.flush({ timeoutMs: 20_000 })
      expect(result).toMatchObject({ sent: N, pending: 0, dropped: 0 })
      expectEveryEvent(collector.received)
      expect(collector.requests).toBeGreaterThan(N / 25)
    })
  }

  it('splits batches the collector answers 413 to, and delivers every event', async () => {
    await collector.setMode({ maxBytes: 4000 })
    const tracker = start()
    trackAll(tracker)
    expect(await tracker.flush({ timeoutMs: 20_000 })).toMatchObject({ sent: N, pending: 0, dropped: 0 })
    expectEveryEvent(collector.received)
  })

  it('drops, and reports, only an event too large for the collector on its own', async () => {
    await collector.setMode({ maxBytes: 1500 })
    const tracker = start()
    const dropped: Array<{ reason: string; status?: number; count: number }> = []
    tracker.on('dropped', (d) => dropped.push({ reason: d.reason, count: d.events.length, ...(d.status ? { status: d.status } : {}) }))
    tracker.track('touchpoint', { userId: 'u', touchpoint: 'invoice', properties: { note: 'x'.repeat(3000) } })
    trackAll(tracker, 10)
    await tracker.flush({ timeoutMs: 20_000 })
    expect(dropped).toEqual([{ reason: 'too-large', status: 413, count: 1 }])
    expectEveryEvent(collector.received, 10)
  })

  it('treats a 200 with a garbage body as delivered', async () => {
    await collector.setMode('malformed200')
    const tracker = start()
    trackAll(tracker)
    expect(await tracker.flush()).toMatchObject({ sent: N, pending: 0 })
    expect(collector.duplicates).toBe(0)
    expectEveryEvent(collector.received)
  })

  it('re-sends after timeouts on slow answers; the re-deliveries show up as duplicates the collector dedups', async () => {
    await collector.setMode({ slowMs: 800, times: 2 })
    const tracker = start({ flushAt: 50, maxBatchEvents: 50, concurrency: 2 })
    trackAll(tracker, 100)
    expect(await tracker.flush({ timeoutMs: 20_000 })).toMatchObject({ sent: 100, pending: 0 })
    await collector.idle() // the slow answers have landed
    expectEveryEvent(collector.received, 100)
    expect(collector.duplicates).toBe(100)
  })

  it('keeps events while the collector is offline and delivers them when it is back', async () => {
    await collector.setMode('offline')
    const tracker = start({ retry: { baseMs: 10, maxMs: 50, maxAttempts: 100 } })
    trackAll(tracker)
    const offline = await tracker.flush({ timeoutMs: 200 })
    expect(offline.pending).toBe(N)
    await collector.setMode('ok')
    expect((await tracker.flush({ timeoutMs: 20_000 })).pending).toBe(0)
    expectEveryEvent(collector.received)
  })

  it('parks a batch that used up its attempts in the journal instead of dropping it', async () => {
    await collector.setMode('down')
    const tracker = start({ retry: { baseMs: 1, maxMs: 5, maxAttempts: 2, parkMs: 50 } })
    const dropped: string[] = []
    tracker.on('dropped', (d) => dropped.push(d.reason))
    // Switch to 'ok' only once every event is parked: a batch still on its attempts would otherwise
    // be delivered before the last flush (on a loaded machine, after the first flush's deadline).
    let parked = 0
    const allParked = new Promise<void>((resolve) =>
      tracker.on('error', (error) => {
        parked += Number(/(\d+) event\(s\) kept in storage/.exec(error.message)?.[1] ?? 0)
        if (parked >= 30) resolve()
      }),
    )
    trackAll(tracker, 30)
    await tracker.flush({ timeoutMs: 300 })
    await allParked
    await collector.setMode('ok')
    await new Promise((resolve) => setTimeout(resolve, 60)) // past parkMs
    expect(await tracker.flush({ timeoutMs: 5000 })).toMatchObject({ sent: 30, pending: 0 })
    expect(dropped).toEqual([])
    expectEveryEvent(collector.received, 30)
  })
})
