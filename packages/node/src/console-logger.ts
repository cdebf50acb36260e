import type { Logger } from '@touchpoint/core'

/** The `debug: true` logger: decisions to the console, prefixed so they are easy to grep. */
export function createConsoleLogger(prefix = '[touchpoint]'): Logger {
  return {
    debug: (message, data) => (data === undefined ? console.debug(prefix, message) : console.debug(prefix, message, data)),
    warn: (message, data) => (data === undefined ? console.warn(prefix, message) : console.warn(prefix, message, data)),
  }
}
