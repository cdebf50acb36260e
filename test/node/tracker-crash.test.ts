import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { WireEvent } from '@touchpoint/core'
import { createTracker, type NodeTracker } from '../../packages/node/src/index'
import { startChaosCollector, type ChaosCollector } from '../helpers/chaos-collector'
import { spawnFixture, type Child } from './child-process'
import { tempDir } from './journal-fixtures'

const valuesOf = (events: WireEvent[]) => events.map((e) => (e.type === 'track' ? (e.properties.value as number) : -1)).sort((a, b) => a - b)

describe('node tracker after kill -9', () => {
  let collector: ChaosCollector
  let dir: string
  let cleanup: () => void
  let child: Child | undefined
  let tp: NodeTracker | undefined

  beforeEach(async () => {
    collector = await startChaosCollector()
    await collector.setMode('offline')
    ;({ dir, cleanup } = tempDir())
  })
  afterEach(async () => {
    child?.kill('SIGKILL')
    await child?.exited
    await tp?.shutdown({ timeoutMs: 1000 })
    await collector.close()
    cleanup()
  })

  it('delivers all 10,000 events a SIGKILLed process journalled while the collector was down', async () => {
    child = spawnFixture('track-then-hang', [dir, collector.url, '10000', '1000'])
    let last: { tracked?: number; error?: string } = {}
    while (last.tracked !== 10_000) {
      last = await child.nextMessage()
      expect(last.error).toBeUndefined()
    }
    child.kill('SIGKILL')
    await child.exited

    await collector.setMode('ok')
    tp = createTracker({ endpoint: collector.url, dataDir: dir })
    expect(tp.persistence).toBe('journal')
    const result = await tp.flush({ timeoutMs: 20_000 })
    expect(result).toMatchObject({ sent: 10_000, pending: 0 })
    expect(collector.duplicates).toBe(0)
    expect(valuesOf(collector.received)).toEqual(Array.from({ length: 10_000 }, (_, i) => i))
  })

  it('loses nothing that was written before a kill in the middle of tracking', async () => {
    child = spawnFixture('track-then-hang', [dir, collector.url, '1000000', '500'])
    let last: { tracked?: number } = {}
    for (let i = 0; i < 6; i++) last = await child.nextMessage()
    child.kill('SIGKILL') // somewhere in the next chunks
    await child.exited

    await collector.setMode('ok')
    tp = createTracker({ endpoint: collector.url, dataDir: dir })
    await tp.flush({ timeoutMs: 20_000 })
    const values = valuesOf(collector.received)
    expect(collector.duplicates).toBe(0)
    expect(values.length).toBeGreaterThanOrEqual(last.tracked!)
    // A prefix of what was tracked: no hole, no invented or torn event.
    expect(values).toEqual(Array.from({ length: values.length }, (_, i) => i))
  })
})
