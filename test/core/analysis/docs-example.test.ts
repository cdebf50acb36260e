import { describe, expect, it } from 'vitest'
import { analyzeJourneys } from '../../../src/analysis/analyze-journeys'
import { presets } from '../../../src/journey/presets'
import { docsExampleEvents } from '../../helpers/journey-fixtures'

// Keeps the worked example of docs/analysis.md honest: these are the numbers it prints.
describe('the docs/analysis.md worked example', () => {
  const report = analyzeJourneys(docsExampleEvents(), {
    journey: presets.purchaseFunnel,
    costs: { 'facebook-ad': 50, 'search-ad': 40, 'instagram-ad': 30 },
  })

  it('finds the five customers, their furthest stage and segment', () => {
    expect(report.customers.map((c) => [c.id, c.touches.length, c.revenue, c.furthestStage, c.segment])).toEqual([
      ['anon-an', 1, 0, 'awareness', 'cold'],
      ['anon-chi', 2, 0, 'consideration', 'warm'],
      ['anon-minh', 3, 0, 'purchase', 'hot'],
      ['bao', 4, 380, 'purchase', 'returning'],
      ['linh', 3, 120, 'purchase', 'new'],
    ])
  })

  it('prints the funnel, credits, table and figures shown in the docs', () => {
    expect(report.funnel.map((s) => [s.customers, s.stalled, s.touches, s.touchpoints])).toEqual([[5, 1, 6, 4], [4, 1, 5, 2], [3, 3, 2, 2], [0, 0, 0, 0]])
    const credits = report.attribution.credits.map((c) => [c.touchpoint, Math.round(c.conversions * 1000) / 1000, Math.round(c.revenue * 1000) / 1000])
    expect(credits).toEqual([
      ['google-search', 0.8, 152], ['sales-team', 0.5, 128], ['product-review', 0.5, 92],
      ['facebook-ad', 0.4, 48], ['product-page', 0.4, 48], ['search-ad', 0.4, 32],
    ])
    const roi = Object.fromEntries(report.touchpoints.filter((t) => t.cost !== undefined).map((t) => [t.touchpoint, Math.round(t.roi! * 100) / 100]))
    expect(roi).toEqual({ 'facebook-ad': -0.04, 'search-ad': -0.2, 'instagram-ad': -1 })
    expect(report.touchesToConvert).toMatchObject({ median: 3, p90: 3 })
    expect(report.neglected.noTouchpoints.map((s) => s.stage)).toEqual(['retention'])
    expect(report.neglected.dropOffs.map((d) => d.stage)).toEqual(['purchase', 'consideration', 'awareness'])
  })
})
