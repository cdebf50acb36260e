/**
 * The visitor's consent decision applied to the whole context: `granted` writes the held state
 * through and releases the held events to the queue, `denied` forgets the ids and purges the
 * device.
 */
import type { Queue, QueuedEvent } from '@touchpoint/core'
import type { Consent, ConsentState } from './consent'
import type { ConsentStore } from './consent-store'
import type { Identity } from './identity'
import { safely } from './safely'

/** Keys the context keeps on the device, removed when consent is denied. */
const stateKeys = ['tp_session', 'tp_touches', 'tp_journey']

/**
 * Applies a decision and returns the state now; an unknown value only reads the state.
 * `fromOtherTab`: the decision was taken in another tab (its stored state is the newer one).
 */
export type ConsentDecision = (state: ConsentState, fromOtherTab?: boolean) => ConsentState

/** The `consent(state)` method: never throws, whatever storage does. */
export function createConsentDecision(
  consent: Consent<QueuedEvent>,
  identity: Identity,
  store: ConsentStore,
  queue: Pick<Queue, 'enqueue'>,
): ConsentDecision {
  return (state, fromOtherTab = false) => {
    if (state !== 'pending' && state !== 'granted' && state !== 'denied') return consent.state()
    safely(() => {
      const change = consent.set(state)
      identity.persist(state === 'granted')
      if (state === 'granted') {
        store.commit(fromOtherTab)
        for (const queued of change.released) queue.enqueue(queued)
      }
      if (state === 'denied') {
        identity.forget()
        store.purge(stateKeys)
      }
    })
    return consent.state()
  }
}
