// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { freshBrowser, recordingCollector } from './tracker-harness'

recordingCollector()

type Consent = 'granted' | 'pending' | 'denied'
const step = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ track: true } as const) },
  { weight: 1, arbitrary: fc.constant({ identify: true } as const) },
  { weight: 1, arbitrary: fc.constant({ reset: true } as const) },
  { weight: 3, arbitrary: fc.constantFrom<Consent>('granted', 'pending', 'denied').map((consent) => ({ consent })) },
  { weight: 1, arbitrary: fc.constant({ reload: true } as const) },
)

/** What the device holds about the visitor: the record and the anonymous-id cookie. */
const device = () => ({ record: localStorage.getItem('tp_state'), cookie: /(?:^|;\s*)tp_aid=([^;]+)/.exec(document.cookie)?.[1] ?? null })

describe('what the device keeps under any sequence of consent decisions, tracking and reloads', () => {
  it('writes identifiers with consent granted, nothing new while pending, and keeps none after denied', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<Consent>('granted', 'pending', 'denied'), fc.array(step, { maxLength: 25 }), async (initial, steps) => {
        const browser = freshBrowser({ autoLandingTouchpoint: true })
        try {
          let consent = initial
          // The page configures its initial state; a remembered decision may override it.
          let tp = browser.open()
          tp.consent(initial)
          for (const s of steps) {
            const before = device()
            if ('consent' in s) {
              tp.consent(s.consent)
              consent = s.consent
            } else if ('reload' in s) {
              await tp.close({ timeoutMs: 100 })
              tp = browser.open()
              consent = tp.consent()
            } else if ('identify' in s) tp.identify('user-42', { plan: 'pro' })
            else if ('reset' in s) tp.reset()
            else tp.track('Viewed Pricing')
            const after = device()
            if (consent === 'denied') expect(after).toEqual({ record: null, cookie: null })
            // Pending writes nothing new: the device keeps what an earlier grant wrote, no more.
            else if (consent === 'pending' && !('consent' in s)) expect(after).toEqual(before)
            // Granted, the visitor's record and cookie are there once the page records anything.
            else if (consent === 'granted' && ('track' in s || 'identify' in s || 'reset' in s)) expect(after.record && after.cookie).toBeTruthy()
          }
          await tp.close({ timeoutMs: 100 })
          if (consent === 'denied') expect(device()).toEqual({ record: null, cookie: null })
        } finally {
          await browser.closeAll()
        }
      }),
      { numRuns: 60 },
    )
  }, 120_000)
})
