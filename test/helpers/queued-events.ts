import type { QueuedEvent, WireEvent } from '@touchpoint/core'

/** A minimal valid touchpoint event, serialized the way the engine holds it. */
export function queuedEvent(n: number, padding = 0): QueuedEvent {
  const event: WireEvent = {
    type: 'track',
    event: 'touchpoint',
    messageId: `msg-${String(n).padStart(6, '0')}`,
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    anonymousId: 'anon-1',
    properties: padding > 0 ? { touchpoint: 'landing-page', note: 'x'.repeat(padding) } : { touchpoint: 'landing-page' },
    context: { library: { name: 'test', version: '0' } },
  }
  const json = JSON.stringify(event)
  return { id: event.messageId, json, bytes: json.length }
}

/** `count` events numbered from `from`. */
export function queuedEvents(count: number, from = 0, padding = 0): QueuedEvent[] {
  return Array.from({ length: count }, (_, i) => queuedEvent(from + i, padding))
}

/** The message ids of wire events, for order assertions. */
export const ids = (events: readonly { messageId: string }[]) => events.map((e) => e.messageId)
