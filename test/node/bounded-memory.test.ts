import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createQueue, type QueuedEvent, type Storage } from '@touchpoint/core'
import { createHttpTransport } from '../../packages/node/src/http-transport'
import { createJournalStorage } from '../../packages/node/src/journal-storage'
import { startChaosCollector, type ChaosCollector } from '../helpers/chaos-collector'
import { many, tempDir } from './journal-fixtures'

/** Wraps a storage to see how many events the engine ever asks it for at once. */
function spyReads(storage: Storage & { close(): Promise<void> }) {
  const limits: number[] = []
  const spied: Storage = {
    durable: true,
    append: (events) => storage.append(events),
    read: (limit: number, exclude: ReadonlySet<string>): Promise<QueuedEvent[]> => {
      limits.push(limit)
      return storage.read(limit, exclude)
    },
    remove: (ids) => storage.remove(ids),
    count: () => storage.count(),
    close: () => storage.close(),
  }
  return { storage: spied, limits }
}

describe('journal and engine while the collector is away', () => {
  let collector: ChaosCollector
  let dir: string
  let cleanup: () => void
  beforeEach(async () => {
    collector = await startChaosCollector()
    ;({ dir, cleanup } = tempDir())
  })
  afterEach(async () => {
    await collector.close()
    cleanup()
  })

  it('keeps events beyond the in-memory cap on disk and reads them back a window at a time', async () => {
    await collector.setMode('down')
    const { storage, limits } = spyReads(createJournalStorage({ dir, segmentBytes: 64 * 1024 }))
    const queue = createQueue({
      transport: createHttpTransport({ endpoint: collector.url }),
      storage,
      maxInMemory: 200,
      maxQueueSize: 1_000_000,
      batch: { maxEvents: 100, intervalMs: 50 },
      retry: { baseMs: 5, maxMs: 20, maxAttempts: 1_000 },
      concurrency: 2,
    })
    queue.start()
    for (let round = 0; round < 10; round++) for (const event of many(500, `r${round}`)) queue.enqueue(event)
    await queue.persisted()
    expect(await storage.count()).toBe(5000)

    await collector.setMode('ok')
    const result = await queue.close({ timeoutMs: 20_000 })
    expect(result.pending).toBe(0)
    expect(collector.received).toHaveLength(5000)
    expect(collector.duplicates).toBe(0)
    expect(limits.length).toBeGreaterThan(0)
    expect(Math.max(...limits)).toBeLessThanOrEqual(200)
  })
})
