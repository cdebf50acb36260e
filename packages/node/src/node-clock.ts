/**
 * Timers for the engine that never keep a process alive on their own: a script that tracks and
 * ends must not hang for `flushIntervalMs`, and a server's shutdown must not wait on a retry
 * timer it did not ask for. Explicit `flush()` / `shutdown()` hold the process open instead,
 * with {@link keepAlive}, until they resolve.
 */
import type { Clock } from '@touchpoint/core'

/** The real clock with unref'd timers. */
export const unrefClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms)
    timer.unref()
    return timer
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
}

/** Keeps the event loop alive until `promise` settles (retries wait on unref'd timers). */
export function keepAlive<T>(promise: Promise<T>): Promise<T> {
  const holder = setInterval(() => {}, 1 << 30)
  return promise.finally(() => clearInterval(holder))
}

/** Resolves with `promise`, or with `fallback()` after `ms` if it is still pending. */
export function withDeadline<T>(promise: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback()), ms)
  })
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}
