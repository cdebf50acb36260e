/**
 * Consent as a small state machine over the events the page tracks.
 *
 * | state | events | identifiers (anonymousId, session, touches) | sent |
 * |---|---|---|---|
 * | `granted` | queued and persisted as usual | persisted (storage + cookie) | yes |
 * | `pending` | held in memory, in order, not persisted (at most `maxHeld`, oldest dropped) | kept in memory, nothing new written | no |
 * | `denied` | dropped; held events purged | stored copies and cookie removed, nothing written | no |
 *
 * | transition | effect |
 * |---|---|
 * | pending → granted | held events released in the order they were tracked |
 * | pending → denied | held events purged |
 * | granted → denied | identifiers removed; events already queued still go (they were consented) |
 * | denied / granted → pending | events held again until the next decision |
 *
 * Starting state: `initial: 'denied'` wins; then a decision remembered from an earlier
 * `consent('granted' | 'denied')` call (`localStorage` `tp_consent`, not an identifier); then
 * Global Privacy Control: when `navigator.globalPrivacyControl` is true and
 * `respectGlobalPrivacyControl` is on (the default), tracking is `pending` until consent is
 * granted explicitly; then `initial` (default `granted`).
 */
import type { KeyValueStore } from './context-types'

/** The consent states. */
export type ConsentState = 'pending' | 'granted' | 'denied'

/** Options of {@link createConsent}. */
export interface ConsentOptions<T> {
  /**
   * State before any decision is known.
   * @default 'granted'
   */
  initial?: ConsentState
  /** Value of `navigator.globalPrivacyControl`. @default undefined (no signal) */
  globalPrivacyControl?: boolean
  /**
   * Treat a visitor sending Global Privacy Control as `pending` until `consent('granted')`.
   * @default true
   */
  respectGlobalPrivacyControl?: boolean
  /**
   * Where explicit decisions are remembered across page loads.
   * @default undefined (not remembered)
   */
  store?: () => KeyValueStore | undefined
  /**
   * Most events held while pending; beyond it the oldest are dropped.
   * @default 1000
   */
  maxHeld?: number
  /** Called with each held event the cap pushes out, so it can be reported. @default nothing */
  onDrop?: (event: T) => void
}

/** The consent state machine. */
export interface Consent<T> {
  state(): ConsentState
  /**
   * Records a decision, remembered unless `pending`; returns the held events to send now, in
   * tracking order (→ granted; → denied purges them).
   */
  set(state: ConsentState): T[]
  /** Offers an event; returns the state: `granted` go on, `pending` held in memory, `denied` dropped. */
  admit(event: T): ConsentState
}

/** Storage key of the remembered decision (other tabs watch it through `storage` events). */
export const consentKey = 'tp_consent'

/** Whether `value` is a consent state. */
export const isConsentState = (value: unknown): value is ConsentState => value === 'pending' || value === 'granted' || value === 'denied'

/** Creates the state machine, in its starting state (see the module comment for the order). */
export function createConsent<T>({ initial, globalPrivacyControl, respectGlobalPrivacyControl = true, store, maxHeld = 1000, onDrop }: ConsentOptions<T> = {}): Consent<T> {
  let remembered: string | null | undefined
  try {
    remembered = store?.()?.getItem(consentKey)
  } catch {}
  let state: ConsentState =
    initial === 'denied' ? initial
    : remembered === 'granted' || remembered === 'denied' ? remembered
    : globalPrivacyControl === true && respectGlobalPrivacyControl ? 'pending'
    : isConsentState(initial) ? initial
    : 'granted'
  let held: T[] = []
  return {
    state: () => state,
    set(to) {
      const released = to === 'granted' ? held : []
      state = to
      if (to !== 'pending') {
        held = []
        try {
          store?.()?.setItem(consentKey, to)
        } catch {}
      }
      return released
    },
    admit(event) {
      if (state === 'pending' && held.push(event) > maxHeld) onDrop?.(held.shift()!)
      return state
    },
  }
}
