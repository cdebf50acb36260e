import { describe, expect, it } from 'vitest'
import { createFunnelTally } from '../../../src/analysis/funnel'
import { findDropOffs, findStagesWithoutTouchpoints } from '../../../src/analysis/neglected'
import { shopJourney } from '../../helpers/journey-fixtures'

// Furthest stages: 10 on awareness, 5 on consideration, 1 on purchase, 4 on retention.
function funnel() {
  const tally = createFunnelTally(5, 3)
  const furthest = [...Array(10).fill(0), ...Array(5).fill(1), 2, ...Array(4).fill(3)]
  for (const stage of furthest) tally.customer(stage)
  tally.touch(0, 0)
  tally.touch(0, 1)
  tally.touch(2, 2)
  return tally.build(shopJourney)
}

describe('neglected stages', () => {
  it('builds a funnel that counts a customer on every stage up to their furthest', () => {
    expect(funnel().map((s) => [s.customers, s.stalled, s.touches, s.touchpoints])).toEqual([
      [20, 10, 2, 2], [10, 5, 0, 0], [5, 1, 1, 1], [4, 4, 0, 0], [0, 0, 0, 0],
    ])
  })

  it('lists stages with no touch, saying whether the journey places any there', () => {
    expect(findStagesWithoutTouchpoints(funnel(), shopJourney).map((s) => [s.stage, s.placedByJourney, s.reason])).toEqual([
      ['consideration', true, 'No touch on Consideration: the journey places touchpoints here but none was recorded, so prospects get no contact before they decide to buy.'],
      ['retention', true, 'No touch on Retention: the journey places touchpoints here but none was recorded, so customers hear nothing after the sale (support, feedback, loyalty).'],
      ['advocacy', false, 'No touch on Advocacy: the journey places no touchpoint here, so customers hear nothing after the sale (support, feedback, loyalty).'],
    ])
  })

  it('ranks drop-offs by customers lost, then rate, and keeps the limit', () => {
    expect(findDropOffs(funnel(), 3).map((d) => [d.stage, d.stalled, d.dropRate])).toEqual([
      ['awareness', 10, 0.5], ['consideration', 5, 0.5], ['retention', 4, 1],
    ])
    expect(findDropOffs(funnel(), 0)).toEqual([])
    expect(findDropOffs(funnel(), 1)[0]!.reason).toBe('50% of the 20 customers who reached Awareness never reached Consideration (10 stalled).')
  })
})
