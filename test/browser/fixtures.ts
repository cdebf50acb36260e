/** Test data shared by the browser unit tests. */
import type { QueuedEvent, TrackEvent } from '@touchpoint/core'

/** A UUIDv7-shaped id whose order follows `n`, so storage order can be asserted. */
export function idFor(n: number): string {
  const hex = n.toString(16).padStart(12, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`
}

/** A track event numbered `n`, queued as the engine would. */
export function makeQueuedEvent(n: number, extra: Record<string, string> = {}): QueuedEvent {
  const event: TrackEvent = {
    type: 'track',
    event: 'touchpoint',
    messageId: idFor(n),
    timestamp: new Date(1_700_000_000_000 + n).toISOString(),
    anonymousId: 'anon-1',
    properties: { touchpoint: 'facebook-ad', n, ...extra },
    context: { library: { name: '@touchpoint/browser', version: '0.0.0' } },
  }
  const json = JSON.stringify(event)
  return { id: event.messageId, json, bytes: new TextEncoder().encode(json).length }
}
