import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createTracker, type NodeTracker } from '../../packages/node/src/index'
import { tempDir } from './journal-fixtures'

const scenario = fc.record({
  events: fc.integer({ min: 1, max: 120 }),
  burst: fc.integer({ min: 1, max: 60 }),
  durability: fc.constantFrom('batch', 'every-event' as const),
  appendWindowMs: fc.constantFrom(0, 5, 50),
  maxInMemory: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
  maxBatchEvents: fc.integer({ min: 1, max: 50 }),
  concurrency: fc.integer({ min: 1, max: 4 }),
  /** The collector's first answers (then 200): 503s and dropped connections. */
  failures: fc.array(fc.constantFrom(503, 0), { maxLength: 8 }),
  /** Shut the process down after this burst and start a new one on the same dataDir. */
  restartAfter: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
})

describe('the node tracker on a journal under any options, collector failures and restarts', () => {
  it('delivers every tracked touchpoint across restarts', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { dir, cleanup } = tempDir()
        const failures = [...s.failures]
        const delivered = new Set<number>()
        // An in-process collector: no sockets, so the property runs fast and fails only on the SDK.
        const fakeFetch = (async (_url: string, init: { body: string }) => {
          const status = failures.shift() ?? 200
          if (status === 0) throw new TypeError('fetch failed')
          if (status === 200) for (const event of (JSON.parse(init.body) as { batch: Array<{ properties: { value: number } }> }).batch) delivered.add(event.properties.value)
          return new Response(status === 200 ? '{}' : null, { status })
        }) as unknown as typeof fetch
        const open = (): NodeTracker =>
          createTracker({
            endpoint: 'http://collector.test/v1/batch',
            dataDir: dir,
            fetch: fakeFetch,
            gzipThreshold: Infinity,
            durability: s.durability,
            appendWindowMs: s.appendWindowMs,
            ...(s.maxInMemory !== undefined && { maxInMemory: s.maxInMemory }),
            maxBatchEvents: s.maxBatchEvents,
            concurrency: s.concurrency,
            flushIntervalMs: 20,
            retry: { baseMs: 2, maxMs: 10, maxAttempts: 1000 },
          })
        try {
          let tp = open()
          for (let from = 0, burst = 0; from < s.events; from += s.burst, burst++) {
            for (let i = from; i < Math.min(from + s.burst, s.events); i++) tp.track('touchpoint', { userId: `user-${i}`, touchpoint: 'invoice', value: i })
            await new Promise((resolve) => setTimeout(resolve, 2))
            if (burst + 1 === s.restartAfter) {
              await tp.shutdown({ timeoutMs: 50 })
              tp = open()
            }
          }
          let pending = 1
          for (let i = 0; i < 10 && pending > 0; i++) pending = (await tp.flush({ timeoutMs: 2000 })).pending
          await tp.shutdown({ timeoutMs: 500 })
          expect(pending).toBe(0)
          expect(Array.from({ length: s.events }, (_, i) => i).filter((i) => !delivered.has(i))).toEqual([])
        } finally {
          cleanup()
        }
      }),
      { numRuns: 30 },
    )
  }, 120_000)
})
