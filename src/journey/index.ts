/** Journeys and the touchpoint catalog: presets, `defineJourney`, stage lookups. */
export { catalog, catalogById, type CatalogById, type CatalogTouchpointId } from './catalog'
export { defineJourney, type JourneyDefinition, type PlacementInput, type StageInput } from './define-journey'
export { createLeanPreset, createLeanPurchaseFunnel, presetNames } from './lean-preset'
export { createTouchpointPlacer, type TouchpointPlacer } from './place-touchpoint'
export { digitalJourney, lifecycle, presets, purchaseFunnel, type DigitalJourney, type LifecycleJourney, type PurchaseFunnelJourney } from './presets'
export { createStageResolver, phaseOf, stageIndex, type StageResolver } from './resolve-stage'
export { digitalJourneyStages, lifecycleStages, purchaseFunnelStages } from './stages'
export type {
  CatalogTouchpoint,
  DigitalJourneyStageId,
  Journey,
  LifecycleStageId,
  PresetName,
  PurchaseFunnelStageId,
  StageDefinition,
  StageId,
  TouchpointId,
  TouchpointInput,
  TouchpointPlacement,
} from './types'
