/**
 * Lookups the analysis needs from a journey: stage positions and where each known touchpoint sits.
 */
import type { Journey } from '../journey/types'

/** A journey turned into index lookups. */
export interface JourneyIndex {
  readonly journey: Journey
  /** Position of a stage id in the journey, if it has that stage. */
  readonly stageIndex: ReadonlyMap<string, number>
  /**
   * Position of the first "during purchase" stage (purchase, decision, onboarding), which a
   * conversion proves the customer reached; -1 when the journey has none.
   */
  readonly purchaseStage: number
  /** Position of the stage the journey places a touchpoint on; -1 when unknown. */
  placement(touchpoint: string): number
}

/** Builds the lookups once per analysis. */
export function indexJourney(journey: Journey): JourneyIndex {
  const stageIndex = new Map<string, number>()
  journey.stages.forEach((stage, index) => {
    if (!stageIndex.has(stage.id)) stageIndex.set(stage.id, index)
  })
  const placements = new Map<string, number>()
  for (const [id, placement] of Object.entries(journey.touchpoints) as [string, { stage: string } | undefined][]) {
    const index = placement === undefined ? undefined : stageIndex.get(placement.stage)
    if (index !== undefined) placements.set(id, index)
  }
  return {
    journey,
    stageIndex,
    purchaseStage: journey.stages.findIndex((stage) => stage.phase === 'during'),
    placement: (touchpoint) => placements.get(touchpoint) ?? -1,
  }
}
