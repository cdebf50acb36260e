import type { QueuedEvent, Storage } from './types'

/**
 * The default `Storage`: events live in memory, in insertion order. Nothing survives a reload or
 * a restart; platform adapters swap in IndexedDB or an on-disk journal for that.
 */
export function createMemoryStorage(): Storage {
  const events = new Map<string, QueuedEvent>()
  return {
    async append(batch) {
      for (const event of batch) events.set(event.id, event)
    },
    async read(limit, exclude) {
      const out: QueuedEvent[] = []
      for (const event of events.values()) {
        if (out.length >= limit) break
        if (!exclude.has(event.id)) out.push(event)
      }
      return out
    },
    async remove(ids) {
      for (const id of ids) events.delete(id)
    },
    async count() {
      return events.size
    },
  }
}
