import { describe, expect, it } from 'vitest'
import { summarizeTouchesToConvert } from '../../../src/analysis/touches-to-convert'

describe('summarizeTouchesToConvert', () => {
  it('gives the median, nearest-rank p90, mean and histogram', () => {
    // Sorted: 1 2 3 5 7 7 7 9 12 20 → median (7+7)/2, p90 = 9th value.
    const summary = summarizeTouchesToConvert([7, 3, 12, 1, 7, 20, 5, 9, 2, 7])
    expect(summary).toEqual({
      customers: 10, median: 7, p90: 12, mean: 7.3,
      histogram: [1, 2, 3, 5].map((t) => ({ touches: t, customers: 1 })).concat([{ touches: 7, customers: 3 }], [9, 12, 20].map((t) => ({ touches: t, customers: 1 }))),
    })
  })

  it('takes the middle value of an odd count', () => {
    expect(summarizeTouchesToConvert([4, 1, 9])).toMatchObject({ median: 4, p90: 9 })
  })

  it('answers null figures when nobody converted', () => {
    expect(summarizeTouchesToConvert([])).toEqual({ customers: 0, median: null, p90: null, mean: null, histogram: [] })
  })
})
