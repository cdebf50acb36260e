// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createQueue, type Queue, type TransportResult } from '@touchpoint/core'
import { createIdbStorage } from '../../packages/browser/src/idb-storage'
import { createFakeClock } from '../helpers/fake-clock'
import { settle } from '../helpers/queue-scenario'
import { ids, queuedEvents } from '../helpers/queued-events'
import { createScriptedTransport } from '../helpers/scripted-transport'

afterEach(() => vi.restoreAllMocks())

const failureScenario = fc.record({
  events: fc.integer({ min: 1, max: 150 }),
  burst: fc.integer({ min: 1, max: 50 }),
  maxInMemory: fc.integer({ min: 1, max: 40 }),
  maxEvents: fc.integer({ min: 1, max: 30 }),
  /** IndexedDB requests that succeed before every later one throws (quota, a dying database). */
  healthy: fc.integer({ min: 0, max: 30 }),
  answers: fc.array(fc.constantFrom<TransportResult>({ ok: true, status: 200 }, { ok: false, status: 503 }), { maxLength: 10 }),
})

describe('the engine on IndexedDB when IndexedDB starts failing part-way through a page', () => {
  it('delivers every event, this page from memory or a later visit from what IndexedDB kept', async () => {
    await fc.assert(
      fc.asyncProperty(failureScenario, async (s) => {
        globalThis.indexedDB = new IDBFactory()
        const clock = createFakeClock()
        const transport = createScriptedTransport()
        transport.script(...s.answers)
        const open = (): Queue => {
          const queue = createQueue({
            transport,
            storage: createIdbStorage(),
            clock,
            random: () => 0.5,
            maxInMemory: s.maxInMemory,
            batch: { maxEvents: s.maxEvents, intervalMs: 3000 },
            retry: { baseMs: 100, maxMs: 2000, maxAttempts: 1000 },
            flushTimeoutMs: 3_600_000,
          })
          queue.start()
          return queue
        }
        // Every store request counts; past `healthy` they throw, as a full quota or a database
        // the browser is tearing down does. (Opening the database keeps working.)
        let requests = 0
        const failing = (['put', 'getAll', 'count', 'delete'] as const).map((method) => {
          const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest
          return vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
            if (++requests > s.healthy) throw new DOMException('quota', 'QuotaExceededError')
            return original.apply(this, args)
          } as never)
        })
        const page = open()
        const events = queuedEvents(s.events)
        for (let from = 0; from < events.length; from += s.burst) {
          for (const event of events.slice(from, from + s.burst)) page.enqueue(event)
          await clock.advance(1000)
          await new Promise((resolve) => setTimeout(resolve, 1))
        }
        await settle(clock, page.flush())
        // A later visit, IndexedDB healthy again, sends what the failing page left there.
        for (const spy of failing) spy.mockRestore()
        await settle(clock, open().flush())
        const delivered = new Set(ids(transport.delivered))
        expect(events.filter((event) => !delivered.has(event.id)).map((event) => event.id)).toEqual([])
      }),
      { numRuns: 60 },
    )
  }, 120_000)
})
