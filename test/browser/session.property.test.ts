// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import type { TrackEvent } from '@touchpoint/core'
import { freshBrowser, recordingCollector } from './tracker-harness'

const collector = recordingCollector()

const minute = 60_000
const idleMs = 30 * minute
const maxMs = 24 * 60 * minute
/** Pauses around the two limits, and ordinary ones. */
const pause = fc.constantFrom(1000, 10 * minute, idleMs - 1000, idleMs, idleMs + 1000, 5 * 60 * minute, maxMs - idleMs, maxMs)
const step = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ track: true } as const) },
  { weight: 3, arbitrary: pause.map((wait) => ({ wait })) },
  { weight: 1, arbitrary: fc.constant({ reload: true } as const) },
)

describe('sessions under any sequence of events, pauses and reloads', () => {
  it('renews the session after 30 minutes idle or 24 hours, and records one landing touchpoint per session', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
        vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 11, 7, 9) })
        const browser = freshBrowser()
        const open = browser.open
        collector.clear()
        try {
          // The model: sessions started, and which one each tracked event belongs to. A page
          // load is activity too: it starts a session (with its landing touchpoint) when none is live.
          const sessionOf = new Map<string, number>()
          let sessions = 0
          let start = -Infinity
          let last = -Infinity
          const activity = () => {
            const now = Date.now()
            if (now - last > idleMs || now - start >= maxMs) {
              sessions++
              start = now
            }
            last = now
          }
          let tp = open()
          activity()
          let n = 0
          for (const s of steps) {
            if ('wait' in s) vi.setSystemTime(Date.now() + s.wait)
            else if ('reload' in s) {
              await tp.close({ timeoutMs: 500 })
              tp = open()
              activity()
            } else {
              activity()
              const name = `E${n++}`
              sessionOf.set(name, sessions)
              tp.track(name)
            }
          }
          await tp.close({ timeoutMs: 2000 })
          const tracks = collector.received().filter((event): event is TrackEvent => event.type === 'track')
          // Events the model put in one session share one id, and different sessions differ.
          const idOf = new Map<number, string>()
          for (const event of tracks.filter((e) => sessionOf.has(e.event))) {
            const session = sessionOf.get(event.event)!
            const id = event.context.sessionId as string
            expect(id).toBeTypeOf('string')
            expect(idOf.get(session) ?? id).toBe(id)
            idOf.set(session, id)
          }
          expect(new Set(idOf.values()).size).toBe(idOf.size)
          expect(tracks.filter((e) => sessionOf.has(e.event))).toHaveLength(sessionOf.size)
          // Each session began with its landing touchpoint, and only one.
          const landings = tracks.filter((e) => e.event === 'touchpoint' && (e.properties as { properties?: { landingPage?: string } }).properties?.landingPage !== undefined)
          expect(landings).toHaveLength(sessions)
          expect(new Set(landings.map((e) => e.context.sessionId)).size).toBe(sessions)
          for (const id of idOf.values()) expect(landings.map((e) => e.context.sessionId)).toContain(id)
        } finally {
          await browser.closeAll()
        }
      }),
      { numRuns: 40 },
    )
  }, 120_000)
})
