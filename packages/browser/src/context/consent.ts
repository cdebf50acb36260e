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
 * Starting state: `consent: 'denied'` wins; then a decision remembered from an earlier
 * `consent('granted' | 'denied')` call (`localStorage` `tp_consent`, not an identifier); then
 * Global Privacy Control: when `navigator.globalPrivacyControl` is true and
 * `respectGlobalPrivacyControl` is on (the default), tracking is `pending` until consent is
 * granted explicitly; then `consent` (default `granted`).
 */
import type { ContextOptions, ContextWindow } from './context-types'

/** The consent states. */
export type ConsentState = 'pending' | 'granted' | 'denied'

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
export const isConsentState = (value: unknown): value is ConsentState => /^(pending|granted|denied)$/.test(value as string)

/**
 * Creates the state machine in its starting state (see the module comment for the order).
 * @param win where the decision is remembered and Global Privacy Control is read
 * @param onDrop called with each held event the cap pushes out, so it can be reported
 * @param maxHeld most events held while pending; beyond it the oldest are dropped. @default 1000
 */
export function createConsent<T>(
  { consent: initial, respectGlobalPrivacyControl }: Pick<ContextOptions, 'consent' | 'respectGlobalPrivacyControl'>,
  win: Pick<ContextWindow, 'localStorage' | 'navigator'> | undefined,
  onDrop?: (event: T) => void,
  maxHeld = 1000,
): Consent<T> {
  let remembered: string | null | undefined
  try {
    remembered = win?.localStorage!.getItem(consentKey)
  } catch {}
  let state: ConsentState =
    initial === 'denied' ? initial
    : /^(granted|denied)$/.test(remembered!) ? (remembered as ConsentState)
    : win?.navigator.globalPrivacyControl === true && respectGlobalPrivacyControl !== false ? 'pending'
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
          win?.localStorage!.setItem(consentKey, to)
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
