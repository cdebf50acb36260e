import type { WireEvent } from '../event/types'
import type { QueuedEvent } from './types'

/** Default most events per batch (`batch.maxBatchEvents`); the contract's hard limit is the body size. */
export const MAX_BATCH_EVENTS = 100
/** Hard ceiling from the collector contract: no body is ever larger, whatever the options say. */
export const MAX_BATCH_BYTES = 500_000

/** Bytes the `{"batch":[…],"sentAt":"…"}` envelope adds around the events (writeKey excluded). */
export const BATCH_OVERHEAD_BYTES = 64

/**
 * Serializes a Segment-spec batch body by joining the events' stored JSON (no second
 * `JSON.stringify` of the events). `writeKey` goes in the body only where no `Authorization`
 * header can be set (beacons).
 */
export function serializeBatch(events: readonly QueuedEvent[], sentAt: string, writeKey?: string): string {
  let body = '{"batch":['
  for (let i = 0; i < events.length; i++) body += (i === 0 ? '' : ',') + (events[i] as QueuedEvent).json
  body += '],"sentAt":' + JSON.stringify(sentAt)
  if (writeKey !== undefined) body += ',"writeKey":' + JSON.stringify(writeKey)
  return body + '}'
}

/** The event object behind a queued event. */
export function parseQueuedEvent(event: QueuedEvent): WireEvent {
  return JSON.parse(event.json) as WireEvent
}

/**
 * How many events from `events[start..end)` fit in one batch of at most `maxEvents` events and
 * `maxBytes` bytes. At least one when any is left, so an event larger than the limit still goes
 * out alone and the collector's 413 decides its fate.
 */
export function batchLength(events: readonly QueuedEvent[], start: number, end: number, maxEvents: number, maxBytes: number): number {
  let bytes = BATCH_OVERHEAD_BYTES
  let n = 0
  for (let i = start; i < end && n < maxEvents; i++) {
    const size = (events[i] as QueuedEvent).bytes + 1
    if (n > 0 && bytes + size > maxBytes) break
    bytes += size
    n++
  }
  return n
}

/** Body size of a batch of these events. */
export function batchBytes(events: readonly QueuedEvent[]): number {
  let bytes = BATCH_OVERHEAD_BYTES
  for (const event of events) bytes += event.bytes + 1
  return bytes
}
