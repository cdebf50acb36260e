/**
 * The five attribution models as pure share functions: given a touch's position among the
 * touches in a conversion's window, the share of that conversion it earns. Shares of one
 * conversion always sum to 1.
 */
import type { AttributionModel } from './types'

/** Milliseconds in a day: `halfLifeDays` and `lookbackDays` are in days. */
export const DAY_MS = 86_400_000

/** Share of a touch under a position model (every model but `timeDecay`). `count >= 1`. */
export function positionShare(model: Exclude<AttributionModel, 'timeDecay'>, position: number, count: number): number {
  switch (model) {
    case 'firstTouch':
      return position === 0 ? 1 : 0
    case 'lastTouch':
      return position === count - 1 ? 1 : 0
    case 'linear':
      return 1 / count
    case 'positionBased':
      // 40/20/40; with fewer than three touches there is no middle, so the ends share it all.
      if (count === 1) return 1
      if (count === 2) return 0.5
      return position === 0 || position === count - 1 ? 0.4 : 0.2 / (count - 2)
  }
}

/**
 * Unnormalised time-decay weight of a touch `ageMs` older than the newest touch in the window.
 * Measuring age from the newest touch rather than the conversion gives the same shares after
 * normalising, and the newest touch weighs 1, so a long window never underflows to 0/0.
 */
export function decayWeight(ageMs: number, halfLifeDays: number): number {
  return 2 ** (-ageMs / (halfLifeDays * DAY_MS))
}

/**
 * Shares of each touch in one conversion's window (`times` ascending, epoch ms), per model.
 * Convenience for docs, tests and reports; the analysis itself inlines the same functions.
 */
export function attributionShares(model: AttributionModel, times: readonly number[], halfLifeDays = 7): number[] {
  const count = times.length
  if (count === 0) return []
  if (model !== 'timeDecay') return times.map((_, position) => positionShare(model, position, count))
  const newest = times[count - 1]!
  const weights = times.map((time) => decayWeight(newest - time, halfLifeDays))
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  return weights.map((weight) => weight / total)
}
