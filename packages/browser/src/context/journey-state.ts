/**
 * Where the visitor stands on the journey: the furthest stage reached (in the journey's stage
 * order) and how many touches it took, kept in the visitor record. Entering a further stage
 * yields exactly one `Stage Entered` event; going back to an earlier stage yields none (the
 * funnel counts reach).
 *
 * A tracked event (as the core client built it) moves the visitor to:
 * - `touchpoint`: its `stage` (given, or the stage the client's journey places the touchpoint on);
 * - a conversion (`Order Completed` by default): the journey's first stage in the `during`
 *   phase (purchase, decision, onboarding in the presets), unless already further.
 */
import type { Journey, JsonObject } from '@touchpoint/core'
import type { JourneySnapshot } from './context-types'
import type { VisitorRecord, VisitorStore } from './visitor-store'

/** Journey state tracker. */
export interface JourneyState {
  /**
   * Feeds one tracked event; returns the `Stage Entered` properties when it moved the visitor
   * to a further stage, else `undefined`.
   */
  observe_(event: string, properties: JsonObject): JsonObject | undefined
  /** The current state, with the remembered first and last touch. */
  snapshot_(): JourneySnapshot
}

/** Creates the tracker over the visitor record. */
export function createJourneyState(journey: Journey, store: VisitorStore, conversionEvents: readonly string[]): JourneyState {
  const stages = journey.stages.map((stage) => stage.id)
  const purchaseStage = journey.stages.find((stage) => stage.phase === 'during')?.id
  /** This journey's state; another journey's (the site switched presets) says nothing about it. */
  const current = ({ j }: VisitorRecord): NonNullable<VisitorRecord['j']> => (j?.j === journey.id && typeof j.n === 'number' ? j : { j: journey.id, n: 0 })
  return {
    observe_(event, properties) {
      const touch = event === 'touchpoint'
      if (touch || conversionEvents.includes(event)) {
        const { stage, touchpoint } = properties
        // A touch's stage: the core client already placed it on the journey when it had none.
        const next = (touch ? stage : purchaseStage) as string
        // A stage the journey does not have is at -1: never entered.
        const further = (state: NonNullable<VisitorRecord['j']>): boolean => stages.indexOf(next) > stages.indexOf(state.s!)
        // About to enter a stage: read the record again first, another tab may have entered it
        // in the last second (the record is otherwise re-read at most once a second).
        const record = store.get_(further(current(store.get_())))
        const state = (record.j = current(record))
        const previous = state.s
        if (touch) {
          state.n++
          store.touched_()
        }
        const entered = further(state)
        if (entered) state.s = next
        store.save_(entered)
        if (entered) {
          // Absent values stay `undefined` keys: the event leaves them out.
          return { stage: next!, journey: journey.id, touches: state.n, previousStage: previous, touchpoint: typeof touchpoint === 'string' ? touchpoint : undefined } as JsonObject
        }
      }
    },
    snapshot_() {
      const record = store.get_()
      const { s, n } = current(record)
      // Absent values stay `undefined` keys: JSON and `toEqual` ignore them alike.
      return { journey: journey.id, stage: s, touches: n, firstTouch: record.f, lastTouch: record.l }
    },
  }
}
