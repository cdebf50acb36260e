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
 * `consent('granted' | 'denied')` call; then Global Privacy Control: when
 * `navigator.globalPrivacyControl` is true and `respectGlobalPrivacyControl` is on (the default),
 * tracking is `pending` until consent is granted explicitly; then `initial` (default `granted`).
 */
import type { KeyValueStore } from './key-value-store'

/** The consent states. */
export type ConsentState = 'pending' | 'granted' | 'denied'

/** Options of {@link createConsent}. */
export interface ConsentOptions<T = unknown> {
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
   * Where explicit decisions are remembered across page loads (the decision is not an identifier).
   * @default undefined (not remembered)
   */
  store?: KeyValueStore
  /**
   * Storage key of the remembered decision.
   * @default 'tp_consent'
   */
  key?: string
  /**
   * Most events held while pending; beyond it the oldest are dropped.
   * @default 1000
   */
  maxHeld?: number
  /** Called with each held event the cap pushes out, so it can be reported. @default nothing */
  onDrop?: (event: T) => void
}

/** What a transition did. */
export interface ConsentChange<T> {
  from: ConsentState
  to: ConsentState
  /** Held events to send now, in tracking order (pending → granted). */
  released: T[]
  /** Number of held events thrown away (→ denied). */
  purged: number
}

/** The consent state machine. */
export interface Consent<T> {
  state(): ConsentState
  /** Records an explicit decision and remembers it (except `pending`). */
  set(state: ConsentState): ConsentChange<T>
  /** Offers an event: `send` (granted: go on), `held` (pending: kept in memory), `dropped` (denied). */
  admit(event: T): 'send' | 'held' | 'dropped'
  /** Whether identifiers may be written to storage. */
  canPersist(): boolean
}

/** Storage key of the remembered decision (other tabs watch it through `storage` events). */
export const consentKey = 'tp_consent'

const isState = (value: unknown): value is ConsentState => value === 'pending' || value === 'granted' || value === 'denied'

/** Works out the starting state (see the module comment for the order). */
export function initialConsent({ initial, globalPrivacyControl, respectGlobalPrivacyControl = true, store, key = consentKey }: ConsentOptions<never>): ConsentState {
  if (initial === 'denied') return 'denied'
  let remembered: string | null = null
  try {
    remembered = store?.getItem(key) ?? null
  } catch {}
  if (remembered === 'granted' || remembered === 'denied') return remembered
  if (globalPrivacyControl === true && respectGlobalPrivacyControl) return 'pending'
  return isState(initial) ? initial : 'granted'
}

/** Creates the state machine. */
export function createConsent<T>(options: ConsentOptions<T> = {}): Consent<T> {
  const { store, key = consentKey, maxHeld = 1000, onDrop } = options
  let state = initialConsent(options)
  let held: T[] = []
  return {
    state: () => state,
    canPersist: () => state === 'granted',
    set(to) {
      const from = state
      state = to
      if (to !== 'pending') {
        try {
          store?.setItem(key, to)
        } catch {}
      }
      const change: ConsentChange<T> = { from, to, released: [], purged: 0 }
      if (to === 'granted') change.released = held
      if (to === 'denied') change.purged = held.length
      if (to !== 'pending') held = []
      return change
    },
    admit(event) {
      if (state !== 'pending') return state === 'granted' ? 'send' : 'dropped'
      if (held.push(event) > maxHeld) {
        const oldest = held.shift()!
        onDrop?.(oldest)
      }
      return 'held'
    },
  }
}
