/**
 * Neglected parts of the journey: stages where the brand recorded no touchpoint at all (often
 * after the sale: support, feedback, loyalty) and stages where customers stall before the next.
 */
import type { Phase } from '../event/types'
import type { Journey } from '../journey/types'
import type { FunnelStage, StageDropOff, StageWithoutTouchpoints } from './types'

const PHASE_WORDS: Record<Phase, string> = {
  before: 'prospects get no contact before they decide to buy',
  during: 'customers get no help while they buy',
  after: 'customers hear nothing after the sale (support, feedback, loyalty)',
}

const percent = (share: number): string => `${Math.round(share * 100)}%`

/** Stages with no touch recorded, in journey order. */
export function findStagesWithoutTouchpoints(funnel: readonly FunnelStage[], journey: Journey): StageWithoutTouchpoints[] {
  const placed = new Set<string>(Object.values(journey.touchpoints).map((placement) => (placement as { stage: string }).stage))
  return funnel
    .filter((stage) => stage.touchpoints === 0)
    .map((stage) => {
      const placedByJourney = placed.has(stage.stage)
      const cause = placedByJourney ? 'the journey places touchpoints here but none was recorded' : 'the journey places no touchpoint here'
      return {
        stage: stage.stage,
        phase: stage.phase,
        placedByJourney,
        reason: `No touch on ${stage.name}: ${cause}, so ${PHASE_WORDS[stage.phase]}.`,
      }
    })
}

/**
 * The `limit` transitions that lose the most customers (ties: higher drop rate, then journey
 * order). Ranked by customers lost rather than by rate so a 1-of-1 drop on a tiny stage does
 * not outrank a real leak.
 */
export function findDropOffs(funnel: readonly FunnelStage[], limit: number): StageDropOff[] {
  const drops: (StageDropOff & { order: number })[] = []
  for (let s = 0; s + 1 < funnel.length; s++) {
    const stage = funnel[s]!
    const next = funnel[s + 1]!
    if (stage.customers === 0 || stage.stalled === 0) continue
    const dropRate = stage.stalled / stage.customers
    drops.push({
      order: s,
      stage: stage.stage,
      nextStage: next.stage,
      reached: stage.customers,
      stalled: stage.stalled,
      dropRate,
      reason: `${percent(dropRate)} of the ${stage.customers} customers who reached ${stage.name} never reached ${next.name} (${stage.stalled} stalled).`,
    })
  }
  drops.sort((a, b) => b.stalled - a.stalled || b.dropRate - a.dropRate || a.order - b.order)
  return drops.slice(0, limit).map(({ order: _order, ...drop }) => drop)
}
