import { describe, expect, it } from 'vitest'
import { SEGMENT_RULES, classifyCustomer, createSegmentTally } from '../../../src/analysis/segments'

const lead = { conversions: 0, touches: 1, furthestStage: 0, furthestPhase: 'before' as const }

describe('classifyCustomer', () => {
  it('calls two or more conversions returning and one new', () => {
    expect(classifyCustomer({ ...lead, conversions: 2 }, 7)).toBe('returning')
    expect(classifyCustomer({ ...lead, conversions: 1 }, 7)).toBe('new')
  })

  it('calls a customer seen after purchase new even without a recorded conversion', () => {
    expect(classifyCustomer({ ...lead, furthestStage: 3, furthestPhase: 'after' }, 7)).toBe('new')
  })

  it('calls a lead hot at a purchase stage or after the rule of seven', () => {
    expect(classifyCustomer({ ...lead, furthestStage: 2, furthestPhase: 'during' }, 7)).toBe('hot')
    expect(classifyCustomer({ ...lead, touches: 7 }, 7)).toBe('hot')
    expect(classifyCustomer({ ...lead, touches: 6 }, 7)).toBe('cold')
  })

  it('calls a lead past the first stage warm and one on the first stage or none cold', () => {
    expect(classifyCustomer({ ...lead, furthestStage: 1 }, 7)).toBe('warm')
    expect(classifyCustomer(lead, 7)).toBe('cold')
    expect(classifyCustomer({ ...lead, furthestStage: -1, furthestPhase: undefined }, 7)).toBe('cold')
  })
})

describe('createSegmentTally', () => {
  it('counts, shares and averages touches per segment with the rule text', () => {
    const tally = createSegmentTally()
    tally.add('cold', 1)
    tally.add('cold', 3)
    tally.add('returning', 10)
    const summary = tally.build(5)
    expect(summary.cold).toEqual({ customers: 2, share: 2 / 3, averageTouches: 2, rule: SEGMENT_RULES.cold })
    expect(summary.warm).toMatchObject({ customers: 0, share: 0, averageTouches: null })
    expect(summary.hot.rule).toContain('at least 5 touches')
  })
})
