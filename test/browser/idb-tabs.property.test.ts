// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createQueue, type Queue, type TransportResult } from '@touchpoint/core'
import { createIdbStorage } from '../../packages/browser/src/idb-storage'
import { createFakeClock } from '../helpers/fake-clock'
import { settle } from '../helpers/queue-scenario'
import { ids, queuedEvents } from '../helpers/queued-events'
import { createScriptedTransport } from '../helpers/scripted-transport'

const tabsScenario = fc.record({
  events: fc.integer({ min: 1, max: 200 }),
  burst: fc.integer({ min: 1, max: 60 }),
  maxInMemory: fc.integer({ min: 1, max: 50 }),
  maxEvents: fc.integer({ min: 1, max: 30 }),
  maxBatchEvents: fc.integer({ min: 1, max: 40 }),
  /** Which tab sends during each burst (the one holding the lock), and which tab tracks it. */
  leaders: fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 10 }),
  trackers: fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 10 }),
  failures: fc.array(fc.constantFrom<TransportResult>({ ok: false, status: 503 }, { ok: false, status: 0, reason: 'reset' }), { maxLength: 10 }),
})

describe('two tabs sharing one IndexedDB queue, the sender role moving between them', () => {
  it('delivers every event tracked in either tab', async () => {
    await fc.assert(
      fc.asyncProperty(tabsScenario, async (s) => {
        globalThis.indexedDB = new IDBFactory()
        const clock = createFakeClock()
        const transport = createScriptedTransport()
        transport.script(...s.failures)
        let leader = 0
        const tab = (index: number): Queue => {
          const queue = createQueue({
            transport,
            storage: createIdbStorage(),
            canSend: () => leader === index,
            clock,
            random: () => 0.5,
            maxInMemory: s.maxInMemory,
            maxQueueSize: 100_000,
            batch: { maxEvents: s.maxEvents, maxBatchEvents: s.maxBatchEvents, intervalMs: 3000 },
            retry: { baseMs: 100, maxMs: 2000, maxAttempts: 50 },
            flushTimeoutMs: 3_600_000,
          })
          queue.start()
          return queue
        }
        const tabs = [tab(0), tab(1)]
        const events = queuedEvents(s.events)
        for (let from = 0, burst = 0; from < events.length; from += s.burst, burst++) {
          const next = s.leaders[burst] ?? 0
          if (next !== leader) {
            leader = next
            tabs[leader]!.wake()
          }
          const tracking = tabs[s.trackers[burst] ?? 0]!
          for (const event of events.slice(from, from + s.burst)) tracking.enqueue(event)
          await clock.advance(1000)
          await new Promise((resolve) => setTimeout(resolve, 1))
        }
        // The last sender drains the shared store, whichever tab tracked the events, once both
        // tabs' writes have landed (a sender cannot send what another tab has not written yet).
        await Promise.all(tabs.map((queue) => queue.persisted()))
        await settle(clock, tabs[leader]!.flush())
        const delivered = new Set(ids(transport.delivered))
        const lost = events.filter((event) => !delivered.has(event.id)).map((event) => event.id)
        expect(lost).toEqual([])
        expect(await createIdbStorage().count()).toBe(0)
      }),
      { numRuns: 400 },
    )
  }, 120_000)
})
