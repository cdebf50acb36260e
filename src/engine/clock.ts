import type { Clock } from './types'

/**
 * The real clock. Reads the timer functions at call time, never at import time, so fake timers
 * installed later (tests) and platforms without timers at load (SSR) both work.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** A logger that says nothing: the default outside debug mode. */
export const silentLogger = {
  debug() {},
  warn() {},
}
