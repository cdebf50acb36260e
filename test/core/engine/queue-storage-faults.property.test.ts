import fc from 'fast-check'
import { describe, it } from 'vitest'
import { createMemoryStorage, type Storage } from '@touchpoint/core'
import { checkQueueScenario, queueScenario } from '../../helpers/queue-scenario'

/** How many of the first appends, reads and counts fail, as a full disk or a busy IndexedDB does. */
const faults = fc.record({ appends: fc.integer({ min: 0, max: 5 }), reads: fc.integer({ min: 0, max: 5 }), counts: fc.integer({ min: 0, max: 3 }) })

describe('createQueue when its storage fails for a while', () => {
  it('still delivers or reports every event, and says exactly what is pending', async () => {
    await fc.assert(
      fc.asyncProperty(queueScenario, faults, async (s, f) => {
        const inner = createMemoryStorage()
        let appends = f.appends
        let reads = f.reads
        let counts = f.counts
        const storage: Storage = {
          ...inner,
          durable: true,
          append: (events) => (appends-- > 0 ? Promise.reject(new Error('QuotaExceededError')) : inner.append(events)),
          read: (limit, exclude) => (reads-- > 0 ? Promise.reject(new Error('read failed')) : inner.read(limit, exclude)),
          count: () => (counts-- > 0 ? Promise.reject(new Error('count failed')) : inner.count()),
        }
        // No restart: an event whose write failed lives in memory only (an `error` says so), and
        // a restart loses it by definition.
        // The second open is the final look at what is left: the same data, healthy by then.
        let opens = 0
        await checkQueueScenario({ ...s, durable: true, restartAfter: undefined }, () => (opens++ === 0 ? storage : { ...inner, durable: true }))
      }),
      { numRuns: 150 },
    )
  }, 120_000)
})
