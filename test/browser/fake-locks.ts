/** A Web Locks stand-in shared by the browser unit tests. */
import type { LockManagerLike } from '../../packages/browser/src/leader-lock'

/** A Web Locks stand-in with the exclusive, first-come-first-served semantics tabs share. */
export function createFakeLocks(): LockManagerLike & { held(): number } {
  const waiting: { callback: (lock: unknown) => unknown; signal?: AbortSignal; resolve: () => void }[] = []
  let holder: Promise<unknown> | undefined
  const next = () => {
    if (holder) return
    const request = waiting.shift()
    if (!request) return
    // The lock is held until the callback's promise settles (at once for a plain value).
    holder = Promise.resolve(request.callback({ name: 'lock' })).finally(() => {
      holder = undefined
      request.resolve()
      next()
    })
  }
  return {
    held: () => (holder ? 1 : 0),
    request(_name, options, callback) {
      if (options.ifAvailable && (holder || waiting.length > 0)) return Promise.resolve(callback(null))
      return new Promise<void>((resolve, reject) => {
        const entry = { callback, signal: options.signal, resolve }
        options.signal?.addEventListener('abort', () => {
          const index = waiting.indexOf(entry)
          if (index >= 0) {
            waiting.splice(index, 1)
            reject(new DOMException('aborted', 'AbortError'))
          }
        })
        waiting.push(entry)
        queueMicrotask(next)
      })
    },
  }
}

