/**
 * The stage funnel: for each stage in journey order, the customers who reached it. A customer
 * counts as having reached every stage up to their furthest one (a buyer passed through
 * consideration even if no consideration touch was recorded), so the funnel never widens.
 */
import type { Journey } from '../journey/types'
import type { FunnelStage } from './types'

/** Running counts; build with {@link createFunnelTally}. */
export interface FunnelTally {
  /** Records a touch placed on stage `stage` (>= 0) of touchpoint `touchpoint`. */
  touch(stage: number, touchpoint: number): void
  /** Records one customer whose furthest stage is `stage` (-1: on no stage). */
  customer(furthest: number): void
  /** The funnel, in journey order. */
  build(journey: Journey): FunnelStage[]
}

/** Creates an empty funnel tally. */
export function createFunnelTally(stageCount: number, touchpointCount: number): FunnelTally {
  const furthest = new Int32Array(stageCount)
  const touches = new Int32Array(stageCount)
  const distinct = new Int32Array(stageCount)
  // One flag per (stage, touchpoint): counts distinct touchpoints without a Set per stage.
  const seen = new Uint8Array(stageCount * touchpointCount)

  return {
    touch(stage, touchpoint) {
      touches[stage]!++
      const cell = stage * touchpointCount + touchpoint
      if (seen[cell] === 0) {
        seen[cell] = 1
        distinct[stage]!++
      }
    },
    customer(stage) {
      if (stage >= 0) furthest[stage]!++
    },
    build(journey) {
      const reached = new Array<number>(stageCount).fill(0)
      let running = 0
      for (let s = stageCount - 1; s >= 0; s--) {
        running += furthest[s]!
        reached[s] = running
      }
      const first = reached[0] ?? 0
      return journey.stages.map((stage, s) => {
        const customers = reached[s]!
        const previous = s === 0 ? 0 : reached[s - 1]!
        return {
          stage: stage.id,
          name: stage.name,
          phase: stage.phase,
          customers,
          shareOfPrevious: previous > 0 ? customers / previous : null,
          shareOfFirst: first > 0 ? customers / first : null,
          // Nothing follows the last stage, so nobody stalls there.
          stalled: s === stageCount - 1 ? 0 : furthest[s]!,
          touches: touches[s]!,
          touchpoints: distinct[s]!,
        }
      })
    },
  }
}
