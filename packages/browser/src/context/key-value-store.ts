/**
 * The small synchronous storage the context modules persist their state in: the shape of
 * `localStorage`, injected so tests pass a map and a page whose storage throws (Safari private
 * mode, disabled cookies, quota) still tracks from memory.
 */

/** A `localStorage`-like store. */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** A store held in memory only: lost on reload, which is what a store without consent should be. */
export function createMemoryStore(): KeyValueStore {
  const map = new Map<string, string>()
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  }
}

/**
 * Wraps a platform store so it never throws: reading `window.localStorage` itself throws where
 * storage is disabled, and `setItem` throws on quota. Each failure falls back to a memory copy,
 * so the page keeps its ids for this page view at least.
 * @param open returns the platform store; called once, lazily, inside a try
 */
export function createSafeStore(open: () => KeyValueStore | undefined): KeyValueStore {
  const memory = createMemoryStore()
  let store: KeyValueStore | undefined | null = null
  const backing = (): KeyValueStore | undefined => {
    if (store === null) {
      try {
        store = open()
      } catch {
        store = undefined
      }
    }
    return store
  }
  return {
    getItem(key) {
      try {
        return backing()?.getItem(key) ?? memory.getItem(key)
      } catch {
        return memory.getItem(key)
      }
    },
    setItem(key, value) {
      memory.setItem(key, value)
      try {
        backing()?.setItem(key, value)
      } catch {}
    },
    removeItem(key) {
      memory.removeItem(key)
      try {
        backing()?.removeItem(key)
      } catch {}
    },
  }
}

/** Reads a JSON value written by {@link writeJson}; anything unreadable counts as absent. */
export function readJson<T>(store: KeyValueStore, key: string): T | undefined {
  try {
    const raw = store.getItem(key)
    return raw ? (JSON.parse(raw) as T) : undefined
  } catch {
    return undefined
  }
}

/** Writes a JSON value, or removes the key when `value` is `undefined`. */
export function writeJson(store: KeyValueStore, key: string, value: unknown): void {
  if (value === undefined) store.removeItem(key)
  else store.setItem(key, JSON.stringify(value))
}

/** A JSON value persisted in a store, kept in memory so reading it on every event costs nothing. */
export interface PersistedValue<T> {
  /** The value: from memory, re-read from the store at most once per `syncMs` (other tabs write too). */
  get(): T | undefined
  /**
   * Sets the value (`undefined` removes it). Written at once when `urgent` or when the last write
   * is `writeMs` old, else at most `writeMs` later: frequent updates (last activity, touch count)
   * cost a store write per `writeMs`, not one per event.
   */
  set(value: T | undefined, urgent?: boolean): void
  /** Writes a pending value now (page hidden or closing). */
  flush(): void
}

/**
 * Keeps `key` of `store` in memory. `localStorage` reads and writes cost microseconds each
 * (writes more, and they reach other tabs as `storage` events), which tracking every event used
 * to pay several times; this pays them at most once per `syncMs` / `writeMs`.
 */
export function createPersistedValue<T>(store: KeyValueStore, key: string, now: () => number, syncMs = 1000, writeMs = 2000): PersistedValue<T> {
  let value: T | undefined
  let readAt = -Infinity
  let writtenAt = -Infinity
  let dirty = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = (): void => {
    clearTimeout(timer)
    timer = undefined
    if (!dirty) return
    dirty = false
    writtenAt = readAt = now()
    writeJson(store, key, value)
  }
  return {
    get() {
      const at = now()
      // While a write is pending, memory is newer than the store.
      if (!dirty && (at - readAt >= syncMs || at < readAt)) {
        value = readJson<T>(store, key)
        readAt = at
      }
      return value
    },
    set(next, urgent) {
      value = next
      dirty = true
      const at = now()
      if (urgent || at - writtenAt >= writeMs || at < writtenAt) flush()
      else if (timer === undefined) {
        timer = setTimeout(flush, writeMs)
        // Server-side rendering: a pending write must not keep Node alive.
        const handle = timer as { unref?: () => void }
        handle.unref?.()
      }
    },
    flush,
  }
}
