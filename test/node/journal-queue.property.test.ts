import fc from 'fast-check'
import { describe, it } from 'vitest'
import { createJournalStorage } from '../../packages/node/src/journal-storage'
import { checkQueueScenario, queueScenario } from '../helpers/queue-scenario'
import { tempDir } from './journal-fixtures'

describe('the engine on the journal, under any limits, collector answers, offline periods and restarts', () => {
  it('delivers or reports every event, says exactly what is pending, and leaves an empty journal', async () => {
    await fc.assert(
      fc.asyncProperty(
        queueScenario,
        // Small segments and compaction thresholds, so rotation, deletion and relocation all happen.
        fc.record({ segmentBytes: fc.integer({ min: 4096, max: 32_768 }), deepCompactionAt: fc.integer({ min: 1, max: 100 }), everyEvent: fc.boolean() }),
        async (s, { everyEvent, ...journal }) => {
          const { dir, cleanup } = tempDir()
          try {
            // Each (re)start opens the journal again, as a new process does. With `everyEvent`,
            // each event is written before it is enqueued, as `durability: 'every-event'` does.
            await checkQueueScenario(
              { ...s, durable: true },
              () => createJournalStorage({ dir, ...journal }),
              everyEvent ? (event, storage) => storage.writeNow([event]) : undefined,
            )
          } finally {
            cleanup()
          }
        },
      ),
      { numRuns: 60 },
    )
  }, 120_000)
})
