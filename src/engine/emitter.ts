/** A listener for one event type. */
export type Listener<T> = (payload: T) => void

/** A small typed event emitter. */
export interface Emitter<Events extends Record<string, unknown>> {
  /** Subscribe; returns the function that unsubscribes. */
  on<K extends keyof Events>(type: K, listener: Listener<Events[K]>): () => void
  emit<K extends keyof Events>(type: K, payload: Events[K]): void
  /** Whether anyone listens to `type` (lets callers skip building payloads). */
  has(type: keyof Events): boolean
}

/**
 * Creates a typed emitter. A listener that throws is isolated: the error never reaches the
 * engine or the host page, and the other listeners still run.
 */
export function createEmitter<Events extends Record<string, unknown>>(): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<Listener<any>>>()
  return {
    on(type, listener) {
      let set = listeners.get(type)
      if (!set) listeners.set(type, (set = new Set()))
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    },
    emit(type, payload) {
      const set = listeners.get(type)
      if (!set) return
      for (const listener of [...set]) {
        try {
          listener(payload)
        } catch {
          // A faulty listener must not break delivery.
        }
      }
    },
    has(type) {
      return (listeners.get(type)?.size ?? 0) > 0
    },
  }
}
