// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { createIdbStorage } from '../../packages/browser/src/idb-storage'
import { checkQueueScenario, queueScenario } from '../helpers/queue-scenario'

describe('the engine on IndexedDB, under any limits, collector answers, offline periods and reloads', () => {
  it('delivers or reports every event, says exactly what is pending, and leaves the store empty', async () => {
    await fc.assert(
      fc.asyncProperty(queueScenario, async (s) => {
        // A fresh database per run; each (re)start opens it again, as a reloaded page does.
        globalThis.indexedDB = new IDBFactory()
        await checkQueueScenario({ ...s, durable: true }, () => createIdbStorage())
      }),
      { numRuns: 60 },
    )
  }, 120_000)
})
