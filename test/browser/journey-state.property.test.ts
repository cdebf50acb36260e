// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { TrackEvent } from '@touchpoint/core'
import { freshBrowser, recordingCollector } from './tracker-harness'

const collector = recordingCollector()

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
        const browser = freshBrowser({ autoLandingTouchpoint: false })
        const open = browser.open
        collector.clear()
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
          const stageEvents = collector
            .received()
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
          await browser.closeAll()
        }
      }),
      { numRuns: 40 },
    )
  }, 120_000)
})
