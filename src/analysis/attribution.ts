/**
 * Credits conversions to touchpoints under all five models at once. Conversions are few next to
 * touches, so computing every model costs little and lets a report switch models without
 * re-running the analysis.
 */
import { compareStrings } from './identity-graph'
import { ATTRIBUTION_MODELS } from './options'
import { decayWeight, positionShare } from './attribution-models'
import type { AttributionCredit, AttributionModel, AttributionResult } from './types'

/** Running credit per model and touchpoint; build with {@link createAttributionLedger}. */
export interface AttributionLedger {
  /**
   * Credits one conversion to the touches `from .. to` (exclusive) of the parallel arrays
   * `touchpoints` (touchpoint index) and `times` (epoch ms, ascending). An empty range leaves the
   * conversion unattributed.
   */
  credit(touchpoints: Int32Array, times: Float64Array, from: number, to: number, revenue: number): void
  /** Credit of touchpoint `touchpoint` under `model`. */
  creditOf(model: AttributionModel, touchpoint: number): { conversions: number; revenue: number }
  /** Result tables for every model. */
  results(touchpointIds: readonly string[]): Record<AttributionModel, AttributionResult>
}

/** Creates an empty ledger for `touchpointCount` interned touchpoints. */
export function createAttributionLedger(touchpointCount: number, halfLifeDays: number): AttributionLedger {
  const models = ATTRIBUTION_MODELS.length
  const TIME_DECAY = ATTRIBUTION_MODELS.indexOf('timeDecay')
  // Row-major [model][touchpoint], so one conversion touches a few contiguous cells per model.
  const conversions = new Float64Array(models * touchpointCount)
  const revenue = new Float64Array(models * touchpointCount)
  let totalConversions = 0
  let totalRevenue = 0
  let unattributedConversions = 0
  let unattributedRevenue = 0

  const credit = (touchpoints: Int32Array, times: Float64Array, from: number, to: number, value: number): void => {
    totalConversions += 1
    totalRevenue += value
    const count = to - from
    if (count <= 0) {
      unattributedConversions += 1
      unattributedRevenue += value
      return
    }
    const newest = times[to - 1]!
    let decayTotal = 0
    for (let i = from; i < to; i++) decayTotal += decayWeight(newest - times[i]!, halfLifeDays)
    for (let i = from; i < to; i++) {
      const touchpoint = touchpoints[i]!
      for (let m = 0; m < models; m++) {
        const share = m === TIME_DECAY
          ? decayWeight(newest - times[i]!, halfLifeDays) / decayTotal
          : positionShare(ATTRIBUTION_MODELS[m] as Exclude<AttributionModel, 'timeDecay'>, i - from, count)
        if (share === 0) continue
        const cell = m * touchpointCount + touchpoint
        conversions[cell]! += share
        revenue[cell]! += share * value
      }
    }
  }

  const creditOf = (model: AttributionModel, touchpoint: number): { conversions: number; revenue: number } => {
    const cell = ATTRIBUTION_MODELS.indexOf(model) * touchpointCount + touchpoint
    return { conversions: conversions[cell]!, revenue: revenue[cell]! }
  }

  const results = (touchpointIds: readonly string[]): Record<AttributionModel, AttributionResult> => {
    const byModel = {} as Record<AttributionModel, AttributionResult>
    ATTRIBUTION_MODELS.forEach((model, m) => {
      const credits: AttributionCredit[] = []
      for (let t = 0; t < touchpointCount; t++) {
        const cell = m * touchpointCount + t
        if (conversions[cell]! === 0) continue
        credits.push({
          touchpoint: touchpointIds[t]!,
          conversions: conversions[cell]!,
          revenue: revenue[cell]!,
          share: conversions[cell]! / totalConversions,
        })
      }
      credits.sort((a, b) => b.revenue - a.revenue || b.conversions - a.conversions || compareStrings(a.touchpoint, b.touchpoint))
      byModel[model] = {
        model,
        conversions: totalConversions,
        revenue: totalRevenue,
        credits,
        unattributed: { conversions: unattributedConversions, revenue: unattributedRevenue },
      }
    })
    return byModel
  }

  return { credit, creditOf, results }
}
