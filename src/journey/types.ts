import type { Interaction, Phase, TouchpointProperties } from '../event/types'

/** One stage of a journey, e.g. `awareness`. */
export interface StageDefinition<S extends string = string> {
  /** Short lowercase id, used as `stage` in touchpoint events. */
  readonly id: S
  /** Human name for reports, e.g. `Delivery & use`. */
  readonly name: string
  /** Before, during or after purchase. */
  readonly phase: Phase
  /** What the customer does in this stage and, where the literature gives them, its metrics. */
  readonly description?: string
}

/** How a journey places one touchpoint. */
export interface TouchpointPlacement<S extends string = string> {
  /** Stage a touch of this touchpoint is given when it is tracked without one. */
  readonly stage: S
  /** Human name for reports, e.g. `Facebook ad`. */
  readonly name?: string
  /** Channel filled in when the touch is tracked without one (`social`, `email`, …). */
  readonly channel?: string
  /** Interaction filled in when the touch is tracked without one. */
  readonly interaction?: Interaction
}

/**
 * A journey: ordered stages and the touchpoints it knows, each placed on a stage.
 * Presets (`presets.purchaseFunnel`, …) and `defineJourney(...)` both produce one;
 * the type parameters carry the stage and touchpoint ids so trackers autocomplete them.
 */
export interface Journey<S extends string = string, T extends string = string> {
  /** Journey id, e.g. `digitalJourney` or the id given to `defineJourney`. */
  readonly id: string
  /** Human name for reports. */
  readonly name: string
  /** Stages in journey order. */
  readonly stages: readonly StageDefinition<S>[]
  /** Touchpoints this journey places, by id. Objects built by Touchpoint have no prototype. */
  readonly touchpoints: { readonly [K in T]: TouchpointPlacement<S> }
}

/** Stage ids of `presets.purchaseFunnel`. */
export type PurchaseFunnelStageId = 'awareness' | 'consideration' | 'purchase' | 'retention'
/** Stage ids of `presets.digitalJourney`. */
export type DigitalJourneyStageId = 'awareness' | 'consideration' | 'decision' | 'delivery-use' | 'loyalty-advocacy'
/** Stage ids of `presets.lifecycle`. */
export type LifecycleStageId = 'awareness' | 'acquisition' | 'onboarding' | 'engagement' | 'retention' | 'advocacy'

/** The preset names, as keys of `presets` and of `CatalogTouchpoint.stages`. */
export type PresetName = 'purchaseFunnel' | 'digitalJourney' | 'lifecycle'

/** A touchpoint of the built-in catalog. */
export interface CatalogTouchpoint<Id extends string = string> {
  /** kebab-case id used in `track('touchpoint', { touchpoint: id })`. */
  readonly id: Id
  /** Human name for reports. */
  readonly name: string
  /** `social`, `search`, `paid`, `email`, `web`, `store`, `phone`, `chat`, `event`, `referral`, … */
  readonly channel: string
  /** `direct`: the brand's own people, place or 1:1 channel; `indirect`: third-party media. */
  readonly interaction: Interaction
  /** Before, during or after purchase; equal to the phase of its stage in every preset. */
  readonly phase: Phase
  /** Stage in each preset. */
  readonly stages: {
    readonly purchaseFunnel: PurchaseFunnelStageId
    readonly digitalJourney: DigitalJourneyStageId
    readonly lifecycle: LifecycleStageId
  }
}

/** The stage ids of a journey, e.g. `StageId<typeof presets.lifecycle>`. */
export type StageId<J extends Journey<string, string>> = J['stages'][number]['id']

/** The touchpoint ids a journey places, e.g. `TouchpointId<typeof myJourney>`. */
export type TouchpointId<J extends Journey<string, string>> = keyof J['touchpoints'] & string

/**
 * Touchpoint event properties for a journey: `touchpoint` and `stage` autocomplete the
 * journey's ids while any custom string stays allowed (`string & {}` keeps the literals
 * visible to the editor instead of widening the union to `string`).
 */
export type TouchpointInput<J extends Journey<string, string>> = Omit<TouchpointProperties, 'touchpoint' | 'stage'> & {
  /** A touchpoint id of the journey, or any custom id. */
  touchpoint: TouchpointId<J> | (string & {})
  /** A stage of the journey; when omitted, the journey's placement of the touchpoint is used. */
  stage?: StageId<J> | (string & {})
}
