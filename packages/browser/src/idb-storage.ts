/**
 * Durable, tab-shared storage for the delivery queue: one IndexedDB object store, events keyed by
 * `messageId`. UUIDv7 ids sort by time, so IndexedDB's key order is the delivery order.
 */
import { createStore, delMany, promisifyRequest, setMany, type UseStore } from 'idb-keyval'
import type { QueuedEvent, Storage } from '@touchpoint/core'

/** Options of {@link createIdbStorage}. */
export interface IdbStorageOptions {
  /**
   * IndexedDB database name. Every tab of the site shares it.
   * @default 'touchpoint'
   */
  dbName?: string
  /**
   * Object store name inside the database.
   * @default 'queue'
   */
  storeName?: string
  /**
   * How long the first operation (which opens the database) may take before IndexedDB is
   * considered blocked. Later operations are not timed: once open, IndexedDB answers.
   * @default 3000
   */
  openTimeoutMs?: number
}

/** Rejects when `promise` has not settled after `ms`: a blocked `indexedDB.open` never settles. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`IndexedDB did not open within ${ms} ms (blocked)`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

/** Values written by an older or foreign writer are skipped rather than crash the queue. */
function isQueuedEvent(value: unknown): value is QueuedEvent {
  const event = value as QueuedEvent | null
  return typeof event === 'object' && event !== null && typeof event.id === 'string' && typeof event.json === 'string'
}

/**
 * Creates the IndexedDB storage (idb-keyval with a store of its own). Nothing is opened until the
 * first operation, so creating it at import time or during SSR is harmless. Missing IndexedDB
 * makes every operation reject; wrap it in {@link createFallbackStorage} to fall back to memory.
 */
export function createIdbStorage(options: IdbStorageOptions = {}): Storage {
  const { dbName = 'touchpoint', storeName = 'queue', openTimeoutMs = 3000 } = options
  let store: UseStore | undefined
  let opened = false

  // `async` turns a synchronous throw (no `indexedDB` global, SecurityError) into a rejection.
  const use: UseStore = async (mode, callback) => {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available')
    store ??= createStore(dbName, storeName)
    if (opened) return store(mode, callback)
    const result = await withTimeout(store(mode, callback), openTimeoutMs)
    opened = true
    return result
  }

  return {
    shared: true,
    durable: true,
    // One transaction per append: setMany puts every event of the batch in a single readwrite transaction.
    append: (events) => setMany(events.map((event) => [event.id, event]), use),
    read: (limit, exclude) =>
      use('readonly', (objectStore) => {
        const out: QueuedEvent[] = []
        if (limit <= 0) return out
        // A cursor walks keys in ascending (time) order and stops as soon as `limit` is reached.
        const request = objectStore.openCursor()
        return new Promise<QueuedEvent[]>((resolve, reject) => {
          request.onerror = () => reject(request.error)
          request.onsuccess = () => {
            const cursor = request.result
            if (!cursor) return resolve(out)
            const value: unknown = cursor.value
            if (isQueuedEvent(value) && !exclude.has(value.id)) out.push(value)
            if (out.length >= limit) return resolve(out)
            cursor.continue()
          }
        })
      }),
    remove: (ids) => (ids.length === 0 ? Promise.resolve() : delMany([...ids], use)),
    count: () => use('readonly', (objectStore) => promisifyRequest(objectStore.count())),
  }
}
