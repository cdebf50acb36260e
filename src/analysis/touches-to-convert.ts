/**
 * Touches before a customer's first conversion: the figure behind the marketing "rule of seven"
 * (about seven interactions before someone is ready to buy).
 */
import type { TouchesToConvert } from './types'

/**
 * Summarises one count per converting customer: touches at or before their first conversion,
 * not limited by the attribution lookback window. The median averages the two middle values of
 * an even count; p90 is the nearest-rank percentile (an actual observed count).
 */
export function summarizeTouchesToConvert(counts: readonly number[]): TouchesToConvert {
  const customers = counts.length
  if (customers === 0) return { customers: 0, median: null, p90: null, mean: null, histogram: [] }
  const sorted = Int32Array.from(counts).sort()
  const middle = customers >> 1
  const median = customers % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  const p90 = sorted[Math.ceil(0.9 * customers) - 1]!
  let total = 0
  const histogram: { touches: number; customers: number }[] = []
  for (const touches of sorted) {
    total += touches
    const last = histogram[histogram.length - 1]
    if (last !== undefined && last.touches === touches) last.customers++
    else histogram.push({ touches, customers: 1 })
  }
  return { customers, median, p90, mean: total / customers, histogram }
}
