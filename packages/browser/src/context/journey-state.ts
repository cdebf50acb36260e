/**
 * Where the visitor stands on the journey: the furthest stage reached (in the journey's stage
 * order) and how many touches it took. Entering a further stage yields exactly one
 * `Stage Entered` event; going back to an earlier stage yields none (the funnel counts reach).
 *
 * A tracked event moves the visitor to:
 * - `touchpoint`: its `stage`, or the stage its journey places the touchpoint on;
 * - a conversion (`Order Completed` by default): the journey's first stage in the `during`
 *   phase (purchase, decision, onboarding in the presets), unless already further.
 */
import type { Journey, JsonObject } from '@touchpoint/core'
import { defaultConversionEvents, type Touches } from './first-last-touch'
import { createPersistedValue, type KeyValueStore } from './key-value-store'

/** Name of the event emitted on entering a new stage. */
export const stageEnteredEvent = 'Stage Entered'

/** What `journey()` returns. */
export interface JourneySnapshot extends Touches {
  /** Journey id, e.g. `purchaseFunnel`. */
  journey: string
  /** Furthest stage reached; `undefined` before the first placed touch. */
  stage?: string
  /** Touchpoint events recorded so far (in this browser, across sessions). */
  touches: number
}

/** Options of {@link createJourneyState}. */
export interface JourneyStateOptions {
  journey: Journey
  store: KeyValueStore
  /**
   * Storage key.
   * @default 'tp_journey'
   */
  key?: string
  /**
   * Events that mean a purchase.
   * @default ['Order Completed']
   */
  conversionEvents?: readonly string[]
  /** @default Date.now */
  now?: () => number
}

/** Journey state tracker. */
export interface JourneyState {
  /**
   * Feeds one tracked event; returns the `Stage Entered` properties when it moved the visitor
   * to a further stage, else `undefined`.
   */
  observe(event: string, properties: JsonObject): JsonObject | undefined
  /** The current state, with the touches the caller remembers. */
  snapshot(touches?: Touches): JourneySnapshot
  /** Forgets the state (reset, consent denied). */
  clear(): void
  /** Writes a pending touch count now (page hidden or closing). */
  flush(): void
}

/** Persisted record: journey id, stage, touch count (short keys, it is written on every touch). */
interface JourneyRecord {
  j: string
  s?: string
  n: number
}

/**
 * Creates the tracker. The record is held in memory: a new stage is written at once, a touch
 * count at most every 2 s and when the page is hidden.
 */
export function createJourneyState({ journey, store, key = 'tp_journey', conversionEvents = defaultConversionEvents, now = Date.now }: JourneyStateOptions): JourneyState {
  const saved = createPersistedValue<JourneyRecord>(store, key, now)
  const stages = journey.stages.map((stage) => stage.id)
  const purchaseStage = journey.stages.find((stage) => stage.phase === 'during')?.id
  const read = (): JourneyRecord => {
    const record = saved.get()
    // Another journey's state (the site switched presets) says nothing about this one.
    return record && record.j === journey.id && typeof record.n === 'number' ? { ...record } : { j: journey.id, n: 0 }
  }
  const stageOf = (event: string, properties: JsonObject): string | undefined => {
    if (event === 'touchpoint') {
      const { stage, touchpoint } = properties
      if (typeof stage === 'string' && stages.includes(stage)) return stage
      const placements = journey.touchpoints as Readonly<Record<string, { stage: string } | undefined>>
      return typeof touchpoint === 'string' && Object.prototype.hasOwnProperty.call(placements, touchpoint) ? placements[touchpoint]?.stage : undefined
    }
    return conversionEvents.includes(event) ? purchaseStage : undefined
  }
  return {
    observe(event, properties) {
      if (event !== 'touchpoint' && !conversionEvents.includes(event)) return undefined
      const record = read()
      if (event === 'touchpoint') record.n += 1
      const stage = stageOf(event, properties)
      const from = record.s ? stages.indexOf(record.s) : -1
      const entered = stage !== undefined && stages.indexOf(stage) > from
      const previous = record.s
      if (entered) record.s = stage
      saved.set(record, entered)
      if (!entered) return undefined
      const result: JsonObject = { stage: stage!, journey: journey.id, touches: record.n }
      if (previous) result.previousStage = previous
      if (typeof properties.touchpoint === 'string') result.touchpoint = properties.touchpoint
      return result
    },
    snapshot(touches = {}) {
      const { s, n } = read()
      return { journey: journey.id, ...(s ? { stage: s } : {}), touches: n, ...touches }
    },
    clear: () => saved.set(undefined, true),
    flush: saved.flush,
  }
}
