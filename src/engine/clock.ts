import type { Clock, Logger } from './types'

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
export const silentLogger: Logger = {
  debug() {},
  warn() {},
}

/**
 * Wraps a host-supplied logger so that one that throws can never break delivery or throw into
 * the host page (a throw inside the engine's pump would be an unhandled rejection, which ends a
 * Node process). No logger gives the silent one.
 */
export function safeLogger(logger: Logger | undefined): Logger {
  if (!logger || logger === silentLogger) return silentLogger
  return {
    debug(message, data) {
      try {
        logger.debug(message, data)
      } catch {}
    },
    warn(message, data) {
      try {
        logger.warn(message, data)
      } catch {}
    },
  }
}
