import fc from 'fast-check'
import { describe, it } from 'vitest'
import { createMemoryStorage, type Storage } from '@touchpoint/core'
import { checkQueueScenario, queueScenario } from '../../helpers/queue-scenario'

describe('createQueue under any limits, collector answers, offline periods and restarts', () => {
  it('delivers or reports every event, says exactly what is pending, and ends with nothing pending', async () => {
    await fc.assert(
      fc.asyncProperty(queueScenario, async (s) => {
        // One storage object across restarts, like IndexedDB across reloads; none = memory only.
        const storage: Storage | undefined = s.durable ? { ...createMemoryStorage(), durable: true } : undefined
        await checkQueueScenario(s, storage && (() => storage))
      }),
      { numRuns: 150 },
    )
  }, 120_000)
})
