import { describe, expect, it } from 'vitest'
import { analyzeJourneys } from '../../../src/analysis/analyze-journeys'
import { defineJourney } from '../../../src/journey/define-journey'
import type { AttributionResult, JourneyAnalysis } from '../../../src/analysis/types'
import { journeyEvents, shopJourney } from '../../helpers/journey-fixtures'

// Every expectation below is worked out by hand from the fixture's story
// (test/helpers/journey-fixtures.ts): Alice converts once after 3 touches, Bob twice after 2 and
// 3 touches, Carol is warm, Dave cold, Erin hot.
const costs = { 'facebook-ad': 100, 'search-ad': 50, 'tiktok-ad': 30 }
const analyse = (options = {}): JourneyAnalysis => analyzeJourneys(journeyEvents(), { journey: shopJourney, costs, ...options })

const creditsOf = (result: AttributionResult): Record<string, [number, number]> =>
  Object.fromEntries(result.credits.map((credit) => [credit.touchpoint, [credit.conversions, credit.revenue]]))

const expectCredits = (result: AttributionResult, expected: Record<string, [number, number]>): void => {
  const actual = creditsOf(result)
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort())
  for (const [touchpoint, [conversions, revenue]] of Object.entries(expected)) {
    expect(actual[touchpoint]![0], `${touchpoint} conversions`).toBeCloseTo(conversions, 10)
    expect(actual[touchpoint]![1], `${touchpoint} revenue`).toBeCloseTo(revenue, 10)
  }
}

describe('analyzeJourneys on the fixed dataset', () => {
  const report = analyse()

  it('counts duplicates and invalid events and skips them', () => {
    expect(report.input).toEqual({ received: 20, duplicates: 1, invalid: 2 })
    expect(report.warnings).toEqual([])
  })

  it('merges anonymous ids into users through identify, journey tokens and events carrying both ids', () => {
    expect(report.customers.map((c) => [c.id, c.userIds, c.anonymousIds])).toEqual([
      ['c-carol', [], ['c-carol']],
      ['d-dave', [], ['d-dave']],
      ['u-alice', ['u-alice'], ['a-alice']],
      ['u-bob', ['u-bob'], ['b-bob']],
      ['u-erin', ['u-erin'], ['e-erin']],
    ])
  })

  it('puts each customer\'s touches in time order with their stage and channel', () => {
    const alice = report.customers.find((c) => c.id === 'u-alice')!
    expect(alice.touches.map((t) => [t.touchpoint, t.stage, t.channel])).toEqual([
      ['facebook-ad', 'awareness', 'social'],
      ['review', 'consideration', 'review'],
      ['landing-page', 'consideration', 'web'],
      ['invoice', 'retention', 'email'],
    ])
    const erin = report.customers.find((c) => c.id === 'u-erin')!
    expect(erin.touches.map((t) => [t.touchpoint, t.stage])).toEqual([['podcast', null], ['sales-call', 'purchase']])
  })

  it('records conversions with revenue, falling back to properties.value', () => {
    const bob = report.customers.find((c) => c.id === 'u-bob')!
    expect(bob.conversions.map((c) => [c.messageId, c.revenue, c.attributedTouches])).toEqual([['m-09', 200, 2], ['m-12', 50, 3]])
    expect(bob.revenue).toBe(250)
  })

  it('finds each customer\'s furthest stage and segment', () => {
    expect(report.customers.map((c) => [c.id, c.furthestStage, c.segment])).toEqual([
      ['c-carol', 'consideration', 'warm'],
      ['d-dave', 'awareness', 'cold'],
      ['u-alice', 'retention', 'new'],
      ['u-bob', 'purchase', 'returning'],
      ['u-erin', 'purchase', 'hot'],
    ])
  })

  it('builds the funnel with shares of the previous and the first stage', () => {
    expect(report.funnel.map((s) => [s.stage, s.customers, s.shareOfPrevious, s.shareOfFirst, s.stalled, s.touches, s.touchpoints])).toEqual([
      ['awareness', 5, null, 1, 1, 5, 2],
      ['consideration', 4, 0.8, 0.8, 1, 2, 2],
      ['purchase', 3, 0.75, 0.6, 2, 2, 1],
      ['retention', 1, 1 / 3, 0.2, 1, 1, 1],
      ['advocacy', 0, 0, 0, 0, 0, 0],
    ])
  })

  it('credits first touch', () => {
    expectCredits(report.attributionByModel.firstTouch, { 'facebook-ad': [1, 100], 'search-ad': [2, 250] })
  })

  it('credits last touch', () => {
    expectCredits(report.attributionByModel.lastTouch, { 'landing-page': [1, 100], 'sales-call': [1, 200], 'search-ad': [1, 50] })
  })

  it('credits linear', () => {
    expectCredits(report.attributionByModel.linear, {
      'facebook-ad': [1 / 3, 100 / 3],
      review: [1 / 3, 100 / 3],
      'landing-page': [1 / 3, 100 / 3],
      'search-ad': [1 / 2 + 2 / 3, 100 + 100 / 3],
      'sales-call': [1 / 2 + 1 / 3, 100 + 50 / 3],
    })
  })

  it('credits position-based 40/20/40, halves with two touches', () => {
    expectCredits(report.attributionByModel.positionBased, {
      'facebook-ad': [0.4, 40],
      review: [0.2, 20],
      'landing-page': [0.4, 40],
      'search-ad': [0.5 + 0.8, 100 + 40],
      'sales-call': [0.5 + 0.2, 100 + 10],
    })
  })

  it('credits time decay with a 7-day half-life', () => {
    // Weights 2^(-age/7), age in days from the newest touch of each window.
    const alice = [2 ** (-4 / 7), 2 ** (-2 / 7), 1]
    const aliceTotal = alice[0]! + alice[1]! + alice[2]!
    const bob1 = [2 ** (-3 / 7), 1]
    const bob1Total = bob1[0]! + bob1[1]!
    const bob2 = [2 ** (-10 / 7), 0.5, 1]
    const bob2Total = bob2[0]! + bob2[1]! + bob2[2]!
    const share = (weights: number[], total: number, i: number): number => weights[i]! / total
    expectCredits(report.attributionByModel.timeDecay, {
      'facebook-ad': [share(alice, aliceTotal, 0), 100 * share(alice, aliceTotal, 0)],
      review: [share(alice, aliceTotal, 1), 100 * share(alice, aliceTotal, 1)],
      'landing-page': [share(alice, aliceTotal, 2), 100 * share(alice, aliceTotal, 2)],
      'search-ad': [
        share(bob1, bob1Total, 0) + share(bob2, bob2Total, 0) + share(bob2, bob2Total, 2),
        200 * share(bob1, bob1Total, 0) + 50 * (share(bob2, bob2Total, 0) + share(bob2, bob2Total, 2)),
      ],
      'sales-call': [share(bob1, bob1Total, 1) + share(bob2, bob2Total, 1), 200 * share(bob1, bob1Total, 1) + 50 * share(bob2, bob2Total, 1)],
    })
  })

  it('uses position-based by default and exposes it as attribution', () => {
    expect(report.model).toBe('positionBased')
    expect(report.attribution).toBe(report.attributionByModel.positionBased)
    expect(report.attribution.conversions).toBe(3)
    expect(report.attribution.revenue).toBe(350)
    expect(report.attribution.unattributed).toEqual({ conversions: 0, revenue: 0 })
  })

  it('only credits touches inside the lookback window', () => {
    const short = analyse({ lookbackDays: 5 })
    // Alice's facebook-ad (5.5 days before) and Bob's first two touches (10.5 and 7.5 days) fall out.
    expectCredits(short.attributionByModel.firstTouch, { review: [1, 100], 'search-ad': [2, 250] })
    expect(short.customers.find((c) => c.id === 'u-bob')!.conversions.map((c) => c.attributedTouches)).toEqual([2, 1])
    // The touches-to-convert figure ignores the window.
    expect(short.touchesToConvert.median).toBe(2.5)
  })

  it('fills the per-touchpoint table with reach, conversions, credit and ROI', () => {
    const rows = report.touchpoints.map((t) => [t.touchpoint, t.customers, t.touches, t.conversions, t.convertedCustomers, t.conversionRate])
    expect(rows).toEqual([
      ['search-ad', 1, 2, 2, 1, 1],
      ['sales-call', 2, 2, 2, 1, 0.5],
      ['facebook-ad', 3, 3, 1, 1, 1 / 3],
      ['landing-page', 1, 1, 1, 1, 1],
      ['review', 1, 1, 1, 1, 1],
      ['invoice', 1, 1, 0, 0, 0],
      ['podcast', 1, 1, 0, 0, 0],
      ['tiktok-ad', 0, 0, 0, 0, 0],
    ])
    const byId = Object.fromEntries(report.touchpoints.map((t) => [t.touchpoint, t]))
    expect(byId['search-ad']).toMatchObject({ name: 'Search ad', stage: 'awareness', channel: 'search', cost: 50 })
    expect(byId['search-ad']!.attributedRevenue).toBeCloseTo(140, 10)
    expect(byId['search-ad']!.roi).toBeCloseTo(1.8, 10)
    expect(byId['facebook-ad']!.roi).toBeCloseTo(-0.6, 10)
    expect(byId['tiktok-ad']).toMatchObject({ cost: 30, roi: -1 })
    expect(byId['review']).not.toHaveProperty('roi')
    // An unknown touchpoint keeps the channel it was tracked with and no stage.
    expect(byId['podcast']).toMatchObject({ name: null, stage: null, channel: 'content' })
  })

  it('measures touches to convert: median, p90 and histogram', () => {
    expect(report.touchesToConvert).toEqual({
      customers: 2, median: 2.5, p90: 3, mean: 2.5,
      histogram: [{ touches: 2, customers: 1 }, { touches: 3, customers: 1 }],
    })
  })

  it('counts segments with their rules', () => {
    const counts = Object.fromEntries(Object.entries(report.segments).map(([name, s]) => [name, [s.customers, s.share, s.averageTouches]]))
    expect(counts).toEqual({ cold: [1, 0.2, 1], warm: [1, 0.2, 1], hot: [1, 0.2, 2], new: [1, 0.2, 4], returning: [1, 0.2, 3] })
    expect(report.segments.hot.rule).toContain('at least 7 touches')
  })

  it('lists stages without touchpoints and the largest drop-offs, each with a reason', () => {
    expect(report.neglected.noTouchpoints).toEqual([
      {
        stage: 'advocacy',
        phase: 'after',
        placedByJourney: false,
        reason: 'No touch on Advocacy: the journey places no touchpoint here, so customers hear nothing after the sale (support, feedback, loyalty).',
      },
    ])
    expect(report.neglected.dropOffs.map((d) => [d.stage, d.nextStage, d.reached, d.stalled, d.dropRate])).toEqual([
      ['purchase', 'retention', 3, 2, 2 / 3],
      ['retention', 'advocacy', 1, 1, 1],
      ['consideration', 'purchase', 4, 1, 0.25],
    ])
    expect(report.neglected.dropOffs[0]!.reason).toBe('67% of the 3 customers who reached Purchase never reached Retention (2 stalled).')
  })
})

describe('analyzeJourneys options and edge cases', () => {
  it('leaves conversions without a touch unattributed', () => {
    const events = journeyEvents().filter((e) => e.anonymousId !== 'b-bob' && e.messageId !== 'm-08')
    const report = analyzeJourneys(events, { journey: shopJourney })
    expect(report.attribution.conversions).toBe(3)
    expect(report.attribution.unattributed).toEqual({ conversions: 2, revenue: 250 })
    expect(report.touchesToConvert.histogram).toEqual([{ touches: 0, customers: 1 }, { touches: 3, customers: 1 }])
  })

  it('reads another conversion event name', () => {
    const report = analyzeJourneys(journeyEvents(), { journey: shopJourney, conversionEvent: 'Signed Up' })
    expect(report.attribution.conversions).toBe(0)
    expect(report.touchesToConvert).toMatchObject({ customers: 0, median: null, p90: null })
  })

  it('replaces out-of-range options by their default with a warning naming the field', () => {
    const report = analyzeJourneys(journeyEvents(), { journey: shopJourney, attribution: 'magic' as never, halfLifeDays: -1 })
    expect(report.model).toBe('positionBased')
    expect(report.warnings).toEqual([
      'analyzeJourneys: options.attribution must be one of firstTouch, lastTouch, linear, timeDecay, positionBased; using "positionBased"',
      'analyzeJourneys: options.halfLifeDays must be a finite number > 0; using 7',
    ])
  })

  it('defaults to the purchase-funnel preset', () => {
    const report = analyzeJourneys(journeyEvents())
    expect(report.journey.id).toBe('purchaseFunnel')
    expect(report.funnel.map((s) => s.stage)).toEqual(['awareness', 'consideration', 'purchase', 'retention'])
  })

  it('treats null options like no options instead of throwing', () => {
    expect(analyzeJourneys(journeyEvents(), null as never).journey.id).toBe('purchaseFunnel')
  })

  it('returns an empty map for no events, or for input that is not an array', () => {
    for (const input of [[], null as never]) {
      const report = analyzeJourneys(input, { journey: shopJourney })
      expect(report.customers).toEqual([])
      expect(report.funnel.every((s) => s.customers === 0 && s.shareOfFirst === null)).toBe(true)
      expect(report.neglected.noTouchpoints).toHaveLength(5)
      expect(report.neglected.dropOffs).toEqual([])
    }
  })

  it('places a touch on its explicit stage before the journey\'s placement', () => {
    const events = journeyEvents().filter((e) => e.anonymousId === 'd-dave')
    const moved = events.map((e) => (e.type === 'track' && e.properties.touchpoint === 'facebook-ad' ? { ...e, properties: { ...e.properties, stage: 'consideration' } } : e))
    const report = analyzeJourneys(moved, { journey: shopJourney })
    expect(report.customers[0]).toMatchObject({ furthestStage: 'consideration', segment: 'warm' })
  })
})

describe('analyzeJourneys with a journey from defineJourney', () => {
  it('accepts the typed journey and places touches on its stages', () => {
    const saas = defineJourney({
      id: 'saas',
      stages: [
        { id: 'visit', phase: 'before' },
        { id: 'trial', phase: 'during' },
        { id: 'paid', phase: 'after' },
      ],
      touchpoints: { 'facebook-ad': 'visit', 'sales-call': 'trial' },
    })
    const report = analyzeJourneys(journeyEvents(), { journey: saas })
    expect(report.funnel.map((s) => [s.stage, s.customers])).toEqual([['visit', 5], ['trial', 3], ['paid', 0]])
    // Bob's and Alice's conversions prove they reached the first during-purchase stage, trial.
    expect(report.customers.find((c) => c.id === 'u-alice')!.furthestStage).toBe('trial')
  })
})
