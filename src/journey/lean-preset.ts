import { catalogRows, parseCatalogRow, presetKeys, type CatalogTouchpointId } from './catalog'
import type { DigitalJourney, LifecycleJourney, PurchaseFunnelJourney } from './presets'
import { purchaseFunnelStageList, stageLists, type BareStage } from './stages'
import type { Journey, PresetName, TouchpointPlacement } from './types'

/** Display names of the presets. */
export const presetNames: { readonly [K in PresetName]: string } = {
  purchaseFunnel: 'Purchase funnel',
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
  return leanPreset(key, stageLists[key]) as PresetJourneys[K]
}

/**
 * `createLeanPreset('purchaseFunnel')` (the trackers' default journey), referencing only the
 * purchase funnel's stages so a bundle leaves the other presets' out.
 */
export function createLeanPurchaseFunnel(): PurchaseFunnelJourney {
  return leanPreset('purchaseFunnel', purchaseFunnelStageList) as PurchaseFunnelJourney
}

function leanPreset(key: PresetName, stages: readonly BareStage[]): Journey<string, CatalogTouchpointId> {
  const column = presetKeys.indexOf(key)
  const touchpoints: Record<string, TouchpointPlacement> = Object.create(null)
  for (const row of catalogRows) {
    const [id, indexes] = parseCatalogRow(row)
    touchpoints[id] = Object.freeze({ stage: stages[indexes[column]!]!.id })
  }
  return Object.freeze({
    id: key,
    name: presetNames[key],
    stages: Object.freeze(stages.map((stage) => Object.freeze({ ...stage }))),
    touchpoints: Object.freeze(touchpoints) as Journey<string, CatalogTouchpointId>['touchpoints'],
  })
}
