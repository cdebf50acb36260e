import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTracker, type NodeTracker } from '../../packages/node/src/index'
import type { NodeTrackerOptions } from '../../packages/node/src/options'
import { startChaosCollector, type ChaosCollector } from '../helpers/chaos-collector'
import { spawnFixture, type Child } from './child-process'
import { tempDir } from './journal-fixtures'

/** Generous margin for "resolved by its deadline": these are correctness checks, not benchmarks. */
const MARGIN_MS = 2000

describe('node tracker flush and shutdown', () => {
  let collector: ChaosCollector
  let dir: string
  let cleanup: () => void
  const trackers: NodeTracker[] = []
  let child: Child | undefined
  const tracker = (options: Partial<NodeTrackerOptions> = {}) => {
    const tp = createTracker({ endpoint: collector.url, dataDir: dir, ...options })
    trackers.push(tp)
    return tp
  }
  const trackAll = (tp: NodeTracker, n: number) => {
    for (let i = 0; i < n; i++) tp.track('touchpoint', { userId: `user-${i}`, touchpoint: 'invoice', value: i })
  }

  beforeEach(async () => {
    collector = await startChaosCollector()
    ;({ dir, cleanup } = tempDir())
  })
  afterEach(async () => {
    for (const tp of trackers.splice(0)) await tp.shutdown({ timeoutMs: 500 })
    child?.kill('SIGKILL')
    await child?.exited
    child = undefined
    await collector.close()
    cleanup()
  })

  it('flush waits for a retry that is still pending instead of returning early', async () => {
    await collector.setMode({ status: 503, times: 3 })
    const tp = tracker({ retry: { baseMs: 100, maxMs: 300 } })
    trackAll(tp, 10)
    expect(await tp.flush({ timeoutMs: 10_000 })).toEqual({ sent: 10, pending: 0, dropped: 0 })
    expect(collector.requests).toBe(4)
  })

  it('flush resolves by its deadline with what is still pending when the collector is down', async () => {
    await collector.setMode('down')
    const tp = tracker({ retry: { baseMs: 50, maxMs: 100, maxAttempts: 1000 } })
    trackAll(tp, 10)
    const started = Date.now()
    const result = await tp.flush({ timeoutMs: 300 })
    expect(Date.now() - started).toBeLessThan(300 + MARGIN_MS)
    expect(result).toEqual({ sent: 0, pending: 10, dropped: 0 })
  })

  it('shutdown with an unreachable collector resolves in time and leaves the events journalled', async () => {
    await collector.setMode('offline')
    const first = tracker({ retry: { baseMs: 50, maxMs: 100, maxAttempts: 1000 } })
    trackAll(first, 200)
    const started = Date.now()
    const result = await first.shutdown({ timeoutMs: 400 })
    expect(Date.now() - started).toBeLessThan(400 + MARGIN_MS)
    expect(result.pending).toBe(200)

    await collector.setMode('ok')
    const second = tracker()
    expect(await second.flush()).toMatchObject({ sent: 200, pending: 0 })
    expect(collector.received).toHaveLength(200)
  })

  it('re-sends after a restart a batch whose answer came after the shutdown deadline (at-least-once)', async () => {
    await collector.setMode({ slowMs: 700 })
    const first = tracker({ timeoutMs: 5000 })
    trackAll(first, 10)
    expect((await first.shutdown({ timeoutMs: 200 })).pending).toBe(10)
    await collector.waitForReceived(10) // the slow request was accepted after all
    await collector.idle()
    await collector.setMode('ok')
    const second = tracker()
    expect(await second.flush()).toMatchObject({ sent: 10, pending: 0 })
    expect(collector.received).toHaveLength(10)
    expect(collector.duplicates).toBe(10) // at-least-once: the collector dedups by messageId
  })

  it('re-sends on restart what a previous process journalled but never got acknowledged', async () => {
    await collector.setMode('down')
    const first = tracker({ retry: { baseMs: 20, maxMs: 50, maxAttempts: 1000 } })
    trackAll(first, 120)
    await first.flush({ timeoutMs: 100 })
    await first.shutdown({ timeoutMs: 100 })
    // A fresh collector: a request the first process had in flight (aborted at its deadline, but
    // perhaps already on the wire) can never be accepted late and counted as a duplicate.
    await collector.close()
    collector = await startChaosCollector()
    const second = tracker()
    expect(await second.flush()).toMatchObject({ sent: 120, pending: 0 })
    expect(collector.received).toHaveLength(120)
    expect(collector.duplicates).toBe(0)
    expect(second.persistence).toBe('journal')
  })

  it('flushes on SIGTERM with handleSignals and then exits as the signal would', async () => {
    // 150 events: one full batch goes out at once, 50 would wait a minute for the interval.
    child = spawnFixture('track-with-signals', [collector.url, '150'])
    expect(await child.nextMessage()).toEqual({ tracked: 150 })
    child.kill('SIGTERM')
    await child.exited
    expect(child.process.signalCode).toBe('SIGTERM')
    expect(collector.received).toHaveLength(150)
  })
})
