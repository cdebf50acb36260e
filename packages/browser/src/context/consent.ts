/**
 * Consent: a small state machine over the events the page tracks (`createBrowserContext` holds,
 * releases and purges them; this module knows the states and where a session starts).
 *
 * | state | events | identifiers (anonymousId, session, touches) | sent |
 * |---|---|---|---|
 * | `granted` | queued and persisted as usual | persisted (storage + cookie) | yes |
 * | `pending` | held in memory, in order, not persisted (at most 1000, oldest dropped and reported) | kept in memory, nothing new written | no |
 * | `denied` | dropped; held events purged | stored copies and cookie removed, nothing written | no |
 *
 * | transition | effect |
 * |---|---|
 * | pending → granted | held events released in the order they were tracked |
 * | pending → denied | held events purged |
 * | granted → denied | identifiers removed; events already queued still go (they were consented) |
 * | denied / granted → pending | events held again until the next decision (remembered: the next page starts pending too) |
 *
 * Starting state: `consent: 'denied'` wins; then the state remembered from an earlier
 * `consent(…)` call (`localStorage` `tp_consent`, not an identifier); then
 * Global Privacy Control: when `navigator.globalPrivacyControl` is true and
 * `respectGlobalPrivacyControl` is on (the default), tracking is `pending` until consent is
 * granted explicitly; then `consent` (default `granted`).
 */
import { attempt } from '../attempt'
import type { ContextOptions, ContextWindow } from './context-types'

/** The consent states. */
export type ConsentState = 'pending' | 'granted' | 'denied'

/** Storage key of the remembered decision (other tabs watch it through `storage` events). */
export const consentKey = 'tp_consent'

/** Whether `value` is a consent state. */
export const isConsentState = (value: unknown): value is ConsentState => /^(pending|granted|denied)$/.test(value as string)

/**
 * The starting state (see the module comment for the order).
 * @param win where the decision is remembered and Global Privacy Control is read
 */
export function initialConsent(
  { consent: initial, respectGlobalPrivacyControl }: Pick<ContextOptions, 'consent' | 'respectGlobalPrivacyControl'>,
  win: Pick<ContextWindow, 'localStorage' | 'navigator'> | undefined,
): ConsentState {
  const remembered = attempt(() => win?.localStorage!.getItem(consentKey))
  return initial === 'denied' ? initial
    : isConsentState(remembered) ? remembered
    : win?.navigator.globalPrivacyControl === true && respectGlobalPrivacyControl !== false ? 'pending'
    : isConsentState(initial) ? initial
    : 'granted'
}
