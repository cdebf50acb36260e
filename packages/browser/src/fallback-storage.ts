/**
 * A storage that degrades instead of failing: IndexedDB missing (old browsers, some private modes),
 * blocked or over quota switches the queue to memory for the rest of the page's life.
 */
import type { QueuedEvent, Storage } from '@touchpoint/core'

/**
 * Wraps `primary` so that its first failure moves every later operation to `fallback`, calling
 * `onError` exactly once with that failure. No operation ever rejects because of the primary.
 *
 * Events the primary already held before failing stay there (a later visit may deliver them);
 * removals are still forwarded to it, best effort, so acknowledged events do not come back.
 */
export function createFallbackStorage(primary: Storage, fallback: Storage, onError: (error: unknown) => void): Storage & { failed(): boolean } {
  let failed = false

  const fail = (error: unknown): void => {
    if (failed) return
    failed = true
    try {
      onError(error)
    } catch {
      // The reporter must not break storage.
    }
  }

  /** Runs `operation` on the primary while it is healthy; on its first failure, on the fallback. */
  const attempt = async <T>(operation: (storage: Storage) => Promise<T>): Promise<T> => {
    if (!failed) {
      try {
        return await operation(primary)
      } catch (error) {
        fail(error)
      }
    }
    return operation(fallback)
  }

  return {
    shared: primary.shared,
    durable: primary.durable,
    failed: () => failed,
    append: (events: readonly QueuedEvent[]) => attempt((storage) => storage.append(events)),
    read: (limit: number, exclude: ReadonlySet<string>) => attempt((storage) => storage.read(limit, exclude)),
    count: () => attempt((storage) => storage.count()),
    async remove(ids: readonly string[]) {
      if (failed) {
        // Not awaited: a blocked primary never answers, and the fallback is what matters now.
        primary.remove(ids).catch(() => undefined)
        return fallback.remove(ids)
      }
      await attempt((storage) => storage.remove(ids))
      // Ids acknowledged while switching may live in either store.
      if (failed) await fallback.remove(ids)
    },
    async close() {
      await Promise.all([primary.close?.().catch(() => undefined), fallback.close?.()])
    },
  }
}
