import type { Clock } from './types'

/**
 * Longest delay platform timers honour (2^31 - 1 ms, about 24.8 days). Browsers and Node fire a
 * longer one at once, which would turn `flush({ timeoutMs: Infinity })` into "resolve now".
 */
const maxTimerMs = 2_147_483_647

/**
 * The real clock. Reads the timer functions at call time, never at import time, so fake timers
 * installed later (tests) and platforms without timers at load (SSR) both work. Delays beyond
 * what timers hold are capped rather than left to overflow.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, Math.min(ms, maxTimerMs)),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** A logger that says nothing: the default outside debug mode. */
export const silentLogger = {
  debug() {},
  warn() {},
}
