/** How retries back off. */
export interface BackoffOptions {
  /**
   * Delay ceiling for the first retry, in ms.
   * @default 1000
   */
  baseMs?: number
  /**
   * Growth per attempt.
   * @default 2
   */
  factor?: number
  /**
   * Largest delay, in ms.
   * @default 60000
   */
  maxMs?: number
}

/**
 * Delay before retry number `attempt` (1 = first retry): exponential growth, capped, with
 * "full jitter" (a uniform draw between 0 and the capped exponential) so that many clients
 * that failed together do not come back together.
 *
 * Pure: give it the same `random` and you get the same delay.
 */
export function backoff(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const { baseMs = 1000, factor = 2, maxMs = 60_000 } = options
  const exponent = Math.max(0, attempt - 1)
  const ceiling = Math.min(maxMs, baseMs * factor ** exponent)
  return Math.floor(random() * ceiling)
}
