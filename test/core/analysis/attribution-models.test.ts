import { describe, expect, it } from 'vitest'
import { attributionShares, decayWeight, positionShare } from '../../../src/analysis/attribution-models'

const DAY = 86_400_000
const fourTouches = [0, 1 * DAY, 3 * DAY, 7 * DAY]

describe('attribution models', () => {
  it('gives first touch everything to the earliest touch', () => {
    expect(attributionShares('firstTouch', fourTouches)).toEqual([1, 0, 0, 0])
  })

  it('gives last touch everything to the latest touch', () => {
    expect(attributionShares('lastTouch', fourTouches)).toEqual([0, 0, 0, 1])
  })

  it('splits linear credit equally', () => {
    expect(attributionShares('linear', fourTouches)).toEqual([0.25, 0.25, 0.25, 0.25])
  })

  it('splits position-based 40/20/40, with the 20 shared by the middle touches', () => {
    expect(attributionShares('positionBased', fourTouches)).toEqual([0.4, 0.1, 0.1, 0.4])
    expect(attributionShares('positionBased', [0, DAY, 2 * DAY])).toEqual([0.4, 0.2, 0.4])
  })

  it('gives position-based 100% to a single touch and 50/50 to two', () => {
    expect(attributionShares('positionBased', [0])).toEqual([1])
    expect(attributionShares('positionBased', [0, DAY])).toEqual([0.5, 0.5])
  })

  it('halves time-decay weight every half-life', () => {
    // Ages from the newest touch: 7, 6, 4, 0 days; weights 1/2, 2^(-6/7), 2^(-4/7), 1.
    const weights = [0.5, 2 ** (-6 / 7), 2 ** (-4 / 7), 1]
    const total = weights.reduce((a, b) => a + b, 0)
    const shares = attributionShares('timeDecay', fourTouches, 7)
    weights.forEach((weight, i) => expect(shares[i]).toBeCloseTo(weight / total, 12))
    expect(decayWeight(7 * DAY, 7)).toBe(0.5)
    expect(decayWeight(2 * DAY, 1)).toBe(0.25)
  })

  it('keeps time-decay shares finite over very long gaps', () => {
    const shares = attributionShares('timeDecay', [0, 50_000 * DAY], 1)
    expect(shares).toEqual([0, 1])
  })

  it('sums every model to 1 for any number of touches', () => {
    for (const count of [1, 2, 3, 5, 13]) {
      const times = Array.from({ length: count }, (_, i) => i * DAY)
      for (const model of ['firstTouch', 'lastTouch', 'linear', 'timeDecay', 'positionBased'] as const) {
        expect(attributionShares(model, times).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
      }
    }
    expect(positionShare('linear', 0, 3)).toBeCloseTo(1 / 3, 15)
    expect(attributionShares('linear', [])).toEqual([])
  })
})
