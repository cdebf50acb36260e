import type { Phase } from '../event/types'
import type { Journey, TouchpointPlacement } from './types'

/** Gives the stage a journey places a touchpoint on, or `undefined` for an unknown (custom) id. */
export type StageResolver<S extends string = string> = (touchpointId: string) => S | undefined

/**
 * Creates an O(1) stage lookup for a journey. The placements are copied into a `Map` once, so
 * ids such as `constructor` never resolve through an object prototype.
 *
 * @example
 * ```ts
 * const stageOf = createStageResolver(presets.purchaseFunnel)
 * stageOf('invoice') // 'retention'
 * stageOf('my-custom-touchpoint') // undefined
 * ```
 */
export function createStageResolver<S extends string, T extends string>(journey: Journey<S, T>): StageResolver<S> {
  const placements = placementMap(journey)
  return (touchpointId) => placements.get(touchpointId)?.stage
}

/** The journey's placements by touchpoint id, as a `Map` (shared by the resolver and the placer). */
export function placementMap<S extends string, T extends string>(journey: Journey<S, T>): ReadonlyMap<string, TouchpointPlacement<S>> {
  return new Map<string, TouchpointPlacement<S>>(Object.entries<TouchpointPlacement<S>>(journey.touchpoints))
}

/**
 * Position of a stage in the journey's order (0 = first), or -1 when the journey has no such
 * stage. Journeys have a handful of stages, so a scan beats keeping an index around.
 */
export function stageIndex(journey: Journey<string, string>, stage: string): number {
  return journey.stages.findIndex((definition) => definition.id === stage)
}

/** Phase (before, during or after purchase) of a journey's stage, or `undefined` when unknown. */
export function phaseOf(journey: Journey<string, string>, stage: string): Phase | undefined {
  return journey.stages.find((definition) => definition.id === stage)?.phase
}
