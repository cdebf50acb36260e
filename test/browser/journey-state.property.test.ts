// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import fc from 'fast-check'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TrackEvent, WireEvent } from '@touchpoint/core'
import { createTracker, type Tracker } from '../../packages/browser/src/create-tracker'
import { createFakeLocks } from './fake-locks'

const endpoint = 'https://collect.example.test/v1/batch'
const server = setupServer()
let received: WireEvent[] = []
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  server.use(
    http.post(endpoint, async ({ request }) => {
      received.push(...((await request.json()) as { batch: WireEvent[] }).batch)
      return HttpResponse.json({ success: true })
    }),
  )
})
afterAll(() => server.close())
afterEach(() => vi.unstubAllGlobals())

/** The default journey's stages, in order, and one it does not have. */
const stages = ['awareness', 'consideration', 'purchase', 'retention'] as const
const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ touch: fc.constantFrom(...stages, 'unknown-stage'), tab: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ conversion: fc.constant(true), tab: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ other: fc.constant(true), tab: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ reload: fc.integer({ min: 0, max: 1 }) }) },
)

describe('journey state under any sequence of touches, conversions and reloads in two tabs', () => {
  it('enters each further stage once, in order, and counts every touch', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
        // Two tabs of one site: one IndexedDB, one localStorage, one lock manager.
        vi.stubGlobal('navigator', { locks: createFakeLocks(), onLine: true, language: 'en-US', userAgent: 'test' })
        globalThis.indexedDB = new IDBFactory()
        localStorage.clear()
        received = []
        // Every tracker of this run, closed at its end even when an assertion failed: a live one
        // would send into the next run.
        const opened: Tracker[] = []
        const open = (): Tracker => {
          const tracker = createTracker({ endpoint, flushIntervalMs: 20, autoLandingTouchpoint: false })
          opened.push(tracker)
          return tracker
        }
        try {
          const tabs = [open(), open()]
          // The model: the furthest stage reached and the touches so far.
          let furthest = -1
          let touches = 0
          const entered: { stage: string; previousStage: string | undefined; touches: number }[] = []
          let n = 0
          for (const s of steps) {
            if ('reload' in s) {
              await tabs[s.reload]!.close({ timeoutMs: 200 })
              tabs[s.reload] = open()
            } else if ('touch' in s) {
              tabs[s.tab]!.track('touchpoint', { touchpoint: `touch-${n++}`, stage: s.touch })
              touches++
              const index = stages.indexOf(s.touch as (typeof stages)[number])
              if (index > furthest) {
                entered.push({ stage: s.touch, previousStage: stages[furthest], touches })
                furthest = index
              }
            } else if ('conversion' in s) {
              // A conversion moves the visitor to the first stage of the purchase phase, unless further.
              tabs[s.tab]!.track('Order Completed', { revenue: 10, currency: 'EUR' })
              if (furthest < 2) {
                entered.push({ stage: 'purchase', previousStage: stages[furthest], touches })
                furthest = 2
              }
            } else tabs[s.tab]!.track('Viewed Pricing')
          }
          // The first tab goes; the other becomes the sender and delivers what both stored.
          await tabs[0]!.close({ timeoutMs: 2000 })
          for (let i = 0; i < 5 && (await tabs[1]!.flush({ timeoutMs: 2000 })).pending > 0; i++);
          await tabs[1]!.close({ timeoutMs: 2000 })
          // A page opened now reads what both tabs stored (a tab re-reads another's at most once a second).
          expect(open().journey()).toMatchObject({ stage: stages[furthest], touches })
          const stageEvents = received
            .filter((event) => event.type === 'track' && event.event === 'Stage Entered')
            .map((event) => (event as TrackEvent).properties as { stage: string; previousStage?: string; touches: number })
          // Two tabs deliver in no fixed order; stages are entered in journey order, so that order it is.
          const byStage = stageEvents.sort((a, b) => stages.indexOf(a.stage as never) - stages.indexOf(b.stage as never))
          expect(byStage.map(({ stage, previousStage }) => ({ stage, previousStage }))).toEqual(entered.map(({ stage, previousStage }) => ({ stage, previousStage })))
          // A tab writes its touch count within 2 s, not per touch: another tab entering a stage
          // meanwhile counts fewer. With one tab the count is exact.
          const oneTab = new Set(steps.flatMap((s) => ('tab' in s ? [s.tab] : []))).size < 2
          byStage.forEach(({ touches: count }, i) => (oneTab ? expect(count).toBe(entered[i]!.touches) : expect(count).toBeLessThanOrEqual(entered[i]!.touches)))
        } finally {
          await Promise.all(opened.map((tracker) => tracker.close({ timeoutMs: 100 })))
        }
      }),
      { numRuns: 40 },
    )
  }, 120_000)
})
