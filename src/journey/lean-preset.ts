import { catalogEntries, presetKeys, type CatalogTouchpointId } from './catalog'
import type { DigitalJourney, LifecycleJourney, PurchaseFunnelJourney } from './presets'
import { purchaseFunnelStageList, stageLists, type BareStage } from './stages'
import type { Journey, PresetName, TouchpointPlacement } from './types'

/** The purchase funnel's display name, named apart so the lean funnel carries no other preset's. */
const purchaseFunnelName = 'Purchase funnel'

/** Display names of the presets. */
export const presetNames: { readonly [K in PresetName]: string } = {
  purchaseFunnel: purchaseFunnelName,
  digitalJourney: 'Digital customer journey',
  lifecycle: 'Customer lifecycle',
}

/** The preset journey type of each preset name. */
interface PresetJourneys {
  purchaseFunnel: PurchaseFunnelJourney
  digitalJourney: DigitalJourney
  lifecycle: LifecycleJourney
}

/**
 * A preset as a tracker needs it: the same id, stage ids, stage phases and stage of every catalog
 * touchpoint as `presets[key]`, without touchpoint names, channels, interactions or stage
 * descriptions. It places touchpoints exactly as the full preset does, for a fraction of the
 * bytes: a browser bundle that imports only this leaves the catalog's texts out (~2 KB gzip).
 * Built on each call (trackers call it once); frozen like the presets.
 *
 * @example
 * ```ts
 * createLeanPreset('purchaseFunnel').touchpoints['invoice'] // { stage: 'retention' }
 * ```
 */
export function createLeanPreset<K extends PresetName>(key: K): PresetJourneys[K] {
  return leanPreset(key, stageLists[key], presetKeys.indexOf(key), presetNames[key]) as PresetJourneys[K]
}

/**
 * `createLeanPreset('purchaseFunnel')` (the trackers' default journey), referencing only the
 * purchase funnel's stages so a bundle leaves the other presets' out.
 */
export function createLeanPurchaseFunnel(): PurchaseFunnelJourney {
  return leanPreset('purchaseFunnel', purchaseFunnelStageList, 0, purchaseFunnelName) as PurchaseFunnelJourney
}

/** `column`: the preset's index in `presetKeys` (its column of the catalog rows). */
function leanPreset(key: PresetName, stages: readonly BareStage[], column: number, name: string): Journey<string, CatalogTouchpointId> {
  const touchpoints: Record<string, TouchpointPlacement> = Object.create(null)
  for (const [id, indexes] of catalogEntries()) {
    touchpoints[id] = Object.freeze({ stage: stages[indexes[column]!]!.id })
  }
  return Object.freeze({
    id: key,
    name,
    stages: Object.freeze(stages.map((stage) => Object.freeze({ ...stage }))),
    touchpoints: Object.freeze(touchpoints) as Journey<string, CatalogTouchpointId>['touchpoints'],
  })
}
