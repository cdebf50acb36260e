import type { QueuedEvent } from './types'

/**
 * A FIFO of queued events with O(1) take-from-front: an array and a head index, compacted
 * when the dead prefix outgrows the live part (so 200,000 queued events never cost a shift each).
 */
export interface EventList {
  readonly items: readonly QueuedEvent[]
  readonly head: number
  readonly end: number
  readonly length: number
  push(event: QueuedEvent): void
  pushAll(events: readonly QueuedEvent[]): void
  /** Puts events back at the front, in their order (a batch that could not be sent). */
  unshiftAll(events: readonly QueuedEvent[]): void
  /** Removes and returns the first `n` events. */
  take(n: number): QueuedEvent[]
  /** Removes the events whose id is in `ids`; returns them. */
  removeIds(ids: ReadonlySet<string>): QueuedEvent[]
  ids(): IterableIterator<string>
}

export function createEventList(): EventList {
  let items: QueuedEvent[] = []
  let head = 0
  const compact = () => {
    if (head > 1024 && head * 2 > items.length) {
      items = items.slice(head)
      head = 0
    }
  }
  return {
    get items() {
      return items
    },
    get head() {
      return head
    },
    get end() {
      return items.length
    },
    get length() {
      return items.length - head
    },
    push(event) {
      items.push(event)
    },
    pushAll(events) {
      for (const event of events) items.push(event)
    },
    unshiftAll(events) {
      if (events.length === 0) return
      items = [...events, ...items.slice(head)]
      head = 0
    },
    take(n) {
      const out = items.slice(head, head + n)
      head += out.length
      if (head === items.length) {
        items = []
        head = 0
      } else compact()
      return out
    },
    removeIds(ids) {
      const kept: QueuedEvent[] = []
      const removed: QueuedEvent[] = []
      for (let i = head; i < items.length; i++) {
        const event = items[i] as QueuedEvent
        ;(ids.has(event.id) ? removed : kept).push(event)
      }
      items = kept
      head = 0
      return removed
    },
    *ids() {
      for (let i = head; i < items.length; i++) yield (items[i] as QueuedEvent).id
    },
  }
}
