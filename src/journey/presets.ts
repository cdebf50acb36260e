import { catalog, type CatalogTouchpointId } from './catalog'
import { presetNames } from './lean-preset'
import { digitalJourneyStages, lifecycleStages, purchaseFunnelStages } from './stages'
import type {
  CatalogTouchpoint,
  DigitalJourneyStageId,
  Journey,
  LifecycleStageId,
  PresetName,
  PurchaseFunnelStageId,
  StageDefinition,
  TouchpointPlacement,
} from './types'

/** The purchase funnel: awareness → consideration → purchase → retention. */
export type PurchaseFunnelJourney = Journey<PurchaseFunnelStageId, CatalogTouchpointId>
/** The digital customer journey: awareness → consideration → decision → delivery & use → loyalty & advocacy. */
export type DigitalJourney = Journey<DigitalJourneyStageId, CatalogTouchpointId>
/** The customer lifecycle: awareness → acquisition → onboarding → engagement → retention → advocacy. */
export type LifecycleJourney = Journey<LifecycleStageId, CatalogTouchpointId>

/**
 * The purchase funnel preset, placing every catalog touchpoint on one of its 4 stages.
 * Built from the catalog (never copied by hand) by a pure call a bundler drops when unused.
 */
export const purchaseFunnel: PurchaseFunnelJourney = /* @__PURE__ */ buildPreset('purchaseFunnel', purchaseFunnelStages)

/** The digital customer journey preset, placing every catalog touchpoint on one of its 5 stages. */
export const digitalJourney: DigitalJourney = /* @__PURE__ */ buildPreset('digitalJourney', digitalJourneyStages)

/** The customer lifecycle preset, placing every catalog touchpoint on one of its 6 stages. */
export const lifecycle: LifecycleJourney = /* @__PURE__ */ buildPreset('lifecycle', lifecycleStages)

/**
 * The three journey presets from the customer-journey literature. Each places every catalog
 * touchpoint, so `track('touchpoint', { touchpoint: 'invoice' })` gets its stage filled in.
 *
 * @example
 * ```ts
 * presets.digitalJourney.touchpoints['invoice'].stage // 'delivery-use'
 * ```
 */
export const presets: {
  readonly purchaseFunnel: PurchaseFunnelJourney
  readonly digitalJourney: DigitalJourney
  readonly lifecycle: LifecycleJourney
} = { purchaseFunnel, digitalJourney, lifecycle }

/** Builds a frozen preset journey whose placements come from `catalog[i].stages[key]`. */
function buildPreset<S extends string>(key: PresetName, stages: readonly StageDefinition<S>[]): Journey<S, CatalogTouchpointId> {
  const touchpoints: Record<string, TouchpointPlacement<S>> = Object.create(null)
  for (const touchpoint of catalog) touchpoints[touchpoint.id] = placementOf(touchpoint, key) as TouchpointPlacement<S>
  return Object.freeze({
    id: key,
    name: presetNames[key],
    stages: Object.freeze(stages.map((stage) => Object.freeze({ ...stage }))),
    touchpoints: Object.freeze(touchpoints) as Journey<S, CatalogTouchpointId>['touchpoints'],
  })
}

function placementOf(touchpoint: CatalogTouchpoint, key: PresetName): TouchpointPlacement {
  const { name, channel, interaction } = touchpoint
  return Object.freeze({ stage: touchpoint.stages[key], name, channel, interaction })
}
