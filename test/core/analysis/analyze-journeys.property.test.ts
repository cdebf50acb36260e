import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyzeJourneys } from '../../../src/analysis/analyze-journeys'
import { ATTRIBUTION_MODELS } from '../../../src/analysis/options'
import type { WireEvent } from '../../../src/event/types'
import { identifyEvent, orderEvent, pageEvent, shopJourney, stageEvent, touchEvent, type Who } from '../../helpers/journey-fixtures'

const touchpoints = ['facebook-ad', 'search-ad', 'review', 'landing-page', 'sales-call', 'invoice', 'podcast']
// 'u0' on purpose: a user id and an anonymous id may share their text.
const anonymousIds = ['a0', 'a1', 'a2', 'a3', 'a4', 'u0']
const userIds = ['u0', 'u1', 'u2', 'u3']

const who: fc.Arbitrary<Who> = fc.oneof(
  fc.record({ anonymousId: fc.constantFrom(...anonymousIds) }),
  fc.record({ userId: fc.constantFrom(...userIds) }),
  fc.record({ userId: fc.constantFrom(...userIds), anonymousId: fc.constantFrom(...anonymousIds) }),
  fc.record({ userId: fc.constantFrom(...userIds), journeyAnonymousId: fc.constantFrom(...anonymousIds) }),
)
// Whole hours over a month: coarse enough that equal timestamps (ties) happen often.
const day = fc.integer({ min: 0, max: 30 * 24 }).map((hours) => hours / 24)

/** An event minus its messageId, which the dataset assigns so ids are unique. */
type Draft = (messageId: string) => WireEvent
const draft: fc.Arbitrary<Draft> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(day, who, fc.constantFrom(...touchpoints), fc.option(fc.constantFrom('awareness', 'purchase', 'nowhere'), { nil: undefined }))
    .map(([d, w, touchpoint, stage]): Draft => (id) => touchEvent(id, d, w, stage === undefined ? { touchpoint } : { touchpoint, stage })) },
  { weight: 2, arbitrary: fc.tuple(day, who, fc.integer({ min: 0, max: 500 })).map(([d, w, revenue]): Draft => (id) => orderEvent(id, d, w, { revenue })) },
  { weight: 1, arbitrary: fc.tuple(day, fc.constantFrom(...userIds), fc.constantFrom(...anonymousIds)).map(([d, u, a]): Draft => (id) => identifyEvent(id, d, u, a)) },
  { weight: 1, arbitrary: fc.tuple(day, who, fc.constantFrom('consideration', 'retention')).map(([d, w, stage]): Draft => (id) => stageEvent(id, d, w, stage)) },
  { weight: 1, arbitrary: fc.tuple(day, who).map(([d, w]): Draft => (id) => pageEvent(id, d, w)) },
)
const dataset = fc.array(draft, { maxLength: 60 }).map((drafts) => drafts.map((make, i) => make(`m-${String(i).padStart(3, '0')}`)))

const isTouch = (event: WireEvent): boolean => event.type === 'track' && event.event === 'touchpoint'
const isOrder = (event: WireEvent): boolean => event.type === 'track' && event.event === 'Order Completed'

describe('analyzeJourneys properties', () => {
  it('gives every conversion a credit summing to 1 under every model', () => {
    fc.assert(
      fc.property(dataset, fc.constantFrom(1, 7, 90, Number.POSITIVE_INFINITY), (events, lookbackDays) => {
        const report = analyzeJourneys(events, { journey: shopJourney, lookbackDays })
        const conversions = events.filter(isOrder).length
        for (const model of ATTRIBUTION_MODELS) {
          const result = report.attributionByModel[model]
          const credited = result.credits.reduce((sum, credit) => sum + credit.conversions, 0)
          expect(result.conversions).toBe(conversions)
          expect(credited + result.unattributed.conversions).toBeCloseTo(conversions, 9)
          const revenue = result.credits.reduce((sum, credit) => sum + credit.revenue, 0) + result.unattributed.revenue
          expect(revenue).toBeCloseTo(result.revenue, 6)
        }
      }),
    )
  })

  it('credits every conversion that has a touch before it, with no lookback limit', () => {
    fc.assert(
      fc.property(dataset, (events) => {
        const report = analyzeJourneys(events, { journey: shopJourney, lookbackDays: Number.POSITIVE_INFINITY })
        const withoutTouch = report.customers.flatMap((c) => c.conversions).filter((c) => c.attributedTouches === 0).length
        expect(report.attribution.unattributed.conversions).toBe(withoutTouch)
      }),
    )
  })

  it('never loses or duplicates a touch when merging ids', () => {
    fc.assert(
      fc.property(dataset, (events) => {
        const report = analyzeJourneys(events, { journey: shopJourney })
        const placed = report.customers.flatMap((c) => c.touches.map((t) => t.messageId)).sort()
        expect(placed).toEqual(events.filter(isTouch).map((e) => e.messageId).sort())
        // Strip every link (identify events, the second id, journey tokens): merging only moves
        // touches between people, so both runs hold the same touches and merging never adds people.
        const unlinked = events
          .filter((e) => e.type !== 'identify')
          .map((e) => ({ ...e, anonymousId: e.userId ? undefined : e.anonymousId, context: { library: e.context.library } }) as WireEvent)
        const alone = analyzeJourneys(unlinked, { journey: shopJourney })
        expect(alone.customers.flatMap((c) => c.touches.map((t) => t.messageId)).sort()).toEqual(placed)
        expect(alone.customers.length).toBeGreaterThanOrEqual(report.customers.length)
      }),
    )
  })

  it('does not depend on the order of the events or on redelivered copies', () => {
    fc.assert(
      fc.property(
        dataset.chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), fc.subarray(events))),
        ([events, shuffled, copies]) => {
          const options = { journey: shopJourney, costs: { 'facebook-ad': 10 } }
          const expected = analyzeJourneys(events, options)
          const actual = analyzeJourneys([...shuffled, ...copies.map((e) => structuredClone(e))], options)
          expect({ ...actual, input: undefined }).toEqual({ ...expected, input: undefined })
          expect(actual.input.duplicates).toBe(copies.length)
        },
      ),
    )
  })

  it('keeps the funnel from widening and segments adding up to the customers', () => {
    fc.assert(
      fc.property(dataset, (events) => {
        const report = analyzeJourneys(events, { journey: shopJourney })
        for (let s = 1; s < report.funnel.length; s++) expect(report.funnel[s]!.customers).toBeLessThanOrEqual(report.funnel[s - 1]!.customers)
        const segmented = Object.values(report.segments).reduce((sum, segment) => sum + segment.customers, 0)
        expect(segmented).toBe(report.customers.length)
      }),
    )
  })
})
