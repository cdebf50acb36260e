// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { freshBrowser, recordingCollector } from './tracker-harness'

const collector = recordingCollector()

const tab = fc.integer({ min: 0, max: 1 })
const step = fc.oneof(
  { weight: 4, arbitrary: fc.record({ track: tab }) },
  { weight: 2, arbitrary: fc.record({ identify: fc.constantFrom('user-1', 'user-2'), tab }) },
  { weight: 1, arbitrary: fc.record({ reset: tab }) },
  { weight: 1, arbitrary: fc.record({ reload: tab }) },
)

describe('identity in two tabs under any sequence of identify, reset, tracking and reloads', () => {
  it('gives every event the visitor of its moment: one anonymous id until a reset, the user id until a reset', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 11, 7, 9) })
        const browser = freshBrowser({ autoLandingTouchpoint: false })
        const open = browser.open
        collector.clear()
        try {
          const tabs = [open(), open()]
          // The model: the visitor generation (a reset starts a new one) and the user id of each
          // tracked event. Steps are 1.5 s apart: a tab re-reads what another wrote at most once a second.
          const expected = new Map<string, { generation: number; userId: string | undefined }>()
          let generation = 0
          let userId: string | undefined
          let n = 0
          for (const s of steps) {
            vi.setSystemTime(Date.now() + 1500)
            if ('reload' in s) {
              await tabs[s.reload]!.close({ timeoutMs: 500 })
              tabs[s.reload] = open()
            } else if ('reset' in s) {
              tabs[s.reset]!.reset()
              generation++
              userId = undefined
            } else if ('identify' in s) {
              tabs[s.tab]!.identify(s.identify)
              userId = s.identify
            } else {
              const name = `E${n++}`
              expected.set(name, { generation, userId })
              tabs[s.track]!.track(name)
            }
          }
          await tabs[0]!.close({ timeoutMs: 2000 })
          for (let i = 0; i < 5 && (await tabs[1]!.flush({ timeoutMs: 2000 })).pending > 0; i++);
          await tabs[1]!.close({ timeoutMs: 2000 })
          const anonymousIdOf = new Map<number, string>()
          const tracked = collector.received().filter((event) => event.type === 'track' && expected.has(event.event))
          expect(tracked).toHaveLength(expected.size)
          for (const event of tracked) {
            const want = expected.get((event as { event: string }).event)!
            expect({ event: (event as { event: string }).event, userId: event.userId }).toEqual({ event: (event as { event: string }).event, userId: want.userId })
            expect(event.anonymousId).toBe(anonymousIdOf.get(want.generation) ?? event.anonymousId)
            anonymousIdOf.set(want.generation, event.anonymousId!)
          }
          expect(new Set(anonymousIdOf.values()).size).toBe(anonymousIdOf.size)
        } finally {
          await browser.closeAll()
        }
      }),
      { numRuns: 40 },
    )
  }, 120_000)
})
