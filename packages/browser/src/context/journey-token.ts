/**
 * The journey token the page hands to its server: anonymous id, session id and first/last touch,
 * so server-side touchpoints join this visitor's journey.
 */
import { encodeJourneyToken } from '@touchpoint/core'
import type { TouchMemory } from './first-last-touch'
import type { Identity } from './identity'

/** Longest token `decodeJourneyToken` accepts (core's `maxJourneyTokenLength`). */
const maxTokenLength = 4096

/** The token for the live `sessionId` (if any); without the touches when they would make it too long. */
export function journeyTokenOf(identity: Identity, sessionId: string | undefined, touches: TouchMemory): string {
  const base = { v: 1, anonymousId: identity.anonymousId(), ...(sessionId ? { sessionId } : {}) } as const
  const token = encodeJourneyToken({ ...base, ...touches.get() })
  return token.length <= maxTokenLength ? token : encodeJourneyToken(base)
}
