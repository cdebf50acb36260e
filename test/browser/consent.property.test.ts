// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import fc from 'fast-check'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WireEvent } from '@touchpoint/core'
import { createTracker } from '../../packages/browser/src/create-tracker'

const endpoint = 'https://collect.example.test/v1/batch'
const server = setupServer()
let received = new Set<string>()
let status = 200
beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  server.use(
    http.post(endpoint, async ({ request }) => {
      const body = (await request.json()) as { batch: WireEvent[] }
      if (status !== 200) return new HttpResponse(null, { status })
      for (const event of body.batch) if (event.type === 'track') received.add(event.event)
      return HttpResponse.json({ success: true })
    }),
  )
})
afterAll(() => server.close())

type Consent = 'granted' | 'pending' | 'denied'
const step = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ track: true } as const) },
  { weight: 2, arbitrary: fc.constantFrom<Consent>('granted', 'pending', 'denied').map((consent) => ({ consent })) },
  { weight: 1, arbitrary: fc.constant({ flush: true } as const) },
  { weight: 1, arbitrary: fc.constantFrom(200, 503).map((answer) => ({ answer })) },
  { weight: 1, arbitrary: fc.constant({ reload: true } as const) },
)

describe('the browser tracker under any sequence of consent changes, tracking, collector outages and reloads', () => {
  it('delivers exactly the events consent allowed: granted, or held while pending and then granted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<Consent>('granted', 'pending', 'denied'), fc.array(step, { maxLength: 40 }), async (initial, steps) => {
        globalThis.indexedDB = new IDBFactory()
        localStorage.clear()
        received = new Set()
        status = 200
        const open = (consent: Consent) =>
          createTracker({ endpoint, consent, flushIntervalMs: 20, retry: { baseMs: 5, maxMs: 10, maxAttempts: 100_000 }, autoLandingTouchpoint: false })
        let tp = open(initial)
        let consent = initial
        /** Events held while consent is pending, waiting for its next decision. */
        const held: string[] = []
        const allowed = new Set<string>()
        const refused = new Set<string>()
        let n = 0
        for (const s of steps) {
          if ('track' in s) {
            const name = `E${n++}`
            tp.track(name)
            if (consent === 'granted') allowed.add(name)
            else if (consent === 'pending') held.push(name)
            else refused.add(name)
          } else if ('consent' in s) {
            tp.consent(s.consent)
            if (consent === 'pending' && s.consent === 'granted') for (const name of held.splice(0)) allowed.add(name)
            if (consent === 'pending' && s.consent === 'denied') for (const name of held.splice(0)) refused.add(name)
            consent = s.consent
          } else if ('flush' in s) await tp.flush({ timeoutMs: 200 })
          else if ('reload' in s) {
            // The page goes away: what is persisted survives, what consent held in memory does not.
            await tp.close({ timeoutMs: 50 })
            for (const name of held.splice(0)) refused.add(name)
            tp = open(consent)
          } else status = s.answer
        }
        // Finally the collector is up and the visitor agrees: what was still held goes too.
        status = 200
        tp.consent('granted')
        if (consent === 'pending') for (const name of held.splice(0)) allowed.add(name)
        for (let i = 0; i < 5 && (await tp.flush({ timeoutMs: 2000 })).pending > 0; i++);
        await tp.close({ timeoutMs: 100 })
        expect([...allowed].filter((name) => !received.has(name))).toEqual([])
        expect([...refused].filter((name) => received.has(name))).toEqual([])
      }),
      { numRuns: 40 },
    )
  }, 120_000)
})
