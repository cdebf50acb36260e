/**
 * The page's queue storage: IndexedDB (database `touchpoint`, store `queue`, through idb-keyval's
 * custom store), shared by every tab of the site, events keyed by `messageId` (UUIDv7 ids sort by
 * time, so key order is delivery order). IndexedDB missing (old browsers, some private modes),
 * blocked or over quota switches this page to memory for the rest of its life.
 */
import { createStore, promisifyRequest } from 'idb-keyval'
import { createMemoryStorage, type QueuedEvent, type Storage } from '@touchpoint/core'

/** How long the first operation (which opens the database) may take before IndexedDB counts as blocked. */
const OPEN_TIMEOUT_MS = 3000

/**
 * Creates the storage. Nothing is opened until the first operation (idb-keyval opens the
 * database on the store's first use), so creating it during SSR is harmless.
 *
 * The first IndexedDB failure rejects that one operation — the queue reports it as its one
 * `error` event (code `storage`) and keeps the events of a failed write in memory — and moves
 * every later operation to memory. `shared` turns `false` then: this page's queue is its own.
 * Events IndexedDB already held stay there (a later visit delivers them), and removals are still
 * sent to it, unawaited, so acknowledged events do not come back.
 */
export function createIdbStorage(): Storage {
  const store = createStore('touchpoint', 'queue')
  let opened = false
  let memory: Storage | undefined

  // `async` turns a synchronous throw (no `indexedDB` global, SecurityError) into a rejection.
  const use = async <T>(mode: IDBTransactionMode, callback: (store: IDBObjectStore) => T | PromiseLike<T>): Promise<T> => {
    const result = store(mode, callback)
    if (!opened) {
      // A blocked `indexedDB.open` never settles; once open, IndexedDB answers. (The timer's late
      // rejection is ignored: the race has settled by then.)
      await Promise.race([result, new Promise((_, reject) => setTimeout(reject, OPEN_TIMEOUT_MS, new Error('IndexedDB blocked')))])
      opened = true
    }
    return result
  }
  /** One readwrite transaction for the whole batch, never one per event. */
  const write = (each: (store: IDBObjectStore) => void) => use('readwrite', (objectStore) => (each(objectStore), promisifyRequest(objectStore.transaction)))
  const run = async <T>(idb: () => Promise<T>, inMemory: (memory: Storage) => Promise<T>): Promise<T> => {
    if (!memory) {
      try {
        return await idb()
      } catch (error) {
        // Operations already under way when IndexedDB failed move over quietly: one error only.
        if (!memory) {
          memory = createMemoryStorage()
          throw error
        }
      }
    }
    return inMemory(memory)
  }
  const removeFromIdb = (ids: readonly string[]) =>
    write((objectStore) => {
      for (const id of ids) objectStore.delete(id)
    })

  return {
    get shared() {
      return !memory
    },
    durable: true,
    append: (events) =>
      run(
        () =>
          write((objectStore) => {
            for (const event of events) objectStore.put(event, event.id)
          }),
        (memory) => memory.append(events),
      ),
    read: (limit, exclude) =>
      run(
        async () =>
          // Values an older or foreign writer left are skipped rather than crash the queue.
          (await use('readonly', (objectStore) => promisifyRequest(objectStore.getAll() as IDBRequest<QueuedEvent[]>)))
            .filter((event) => event?.json && !exclude.has(event.id))
            .slice(0, limit),
        (memory) => memory.read(limit, exclude),
      ),
    remove: (ids) =>
      run(
        () => removeFromIdb(ids),
        // A blocked IndexedDB never answers: not awaited.
        (memory) => (removeFromIdb(ids).catch(() => undefined), memory.remove(ids)),
      ),
    count: () =>
      run(
        () => use('readonly', (objectStore) => promisifyRequest(objectStore.count())),
        (memory) => memory.count(),
      ),
  }
}
