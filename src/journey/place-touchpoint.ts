import type { TouchpointProperties } from '../event/types'
import { placementMap } from './resolve-stage'
import type { Journey } from './types'

/** Fills in what a journey knows about a touchpoint the caller left out. */
export type TouchpointPlacer = <P extends TouchpointProperties>(properties: P) => P

/**
 * Creates the function trackers run on every `touchpoint` event: a touch tracked without
 * `stage`, `channel` or `interaction` gets the journey's placement of its touchpoint; whatever
 * the caller gave wins; an unknown (custom) touchpoint id is returned unchanged, keeping the
 * stage it was given. The input is never mutated, and is returned as is when nothing is missing.
 *
 * @example
 * ```ts
 * const place = createTouchpointPlacer(presets.digitalJourney)
 * place({ touchpoint: 'invoice' }) // { touchpoint: 'invoice', stage: 'delivery-use', channel: 'email', interaction: 'direct' }
 * ```
 */
export function createTouchpointPlacer(journey: Journey<string, string>): TouchpointPlacer {
  const placements = placementMap(journey)
  return (properties) => {
    const placement = placements.get(properties.touchpoint)
    if (placement === undefined) return properties
    const missing: Partial<TouchpointProperties> = {}
    if (properties.stage === undefined) missing.stage = placement.stage
    if (properties.channel === undefined && placement.channel !== undefined) missing.channel = placement.channel
    if (properties.interaction === undefined && placement.interaction !== undefined) missing.interaction = placement.interaction
    return Object.keys(missing).length === 0 ? properties : { ...properties, ...missing }
  }
}
