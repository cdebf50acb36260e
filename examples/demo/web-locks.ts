/**
 * A minimal Web Locks manager (`navigator.locks`) for happy-dom, which has none. One per simulated
 * tab: a closed tab's locks die with it, as in a browser. Exclusive locks only, granted in order.
 */

/** The part of `LockManager` the browser tracker uses. */
export interface SimpleLockManager {
  request(name: string, options: { signal?: AbortSignal } | (() => Promise<unknown>), callback?: (lock: { name: string }) => Promise<unknown>): Promise<unknown>
}

/** Creates an empty lock manager. */
export function createLockManager(): SimpleLockManager {
  const tails = new Map<string, Promise<unknown>>()
  return {
    request(name, options, callback) {
      const run = typeof options === 'function' ? options : callback
      const signal = typeof options === 'function' ? undefined : options.signal
      const previous = tails.get(name) ?? Promise.resolve()
      const held = previous.then(() => {
        if (signal?.aborted) throw new Error('AbortError: the lock request was aborted')
        return run?.({ name })
      })
      tails.set(name, held.catch(() => undefined))
      return held
    },
  }
}
