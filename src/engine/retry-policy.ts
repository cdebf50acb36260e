import type { TransportResult } from './types'

/** What the engine does with a batch after a delivery attempt. */
export type Verdict = 'ack' | 'retry' | 'split' | 'drop'

/**
 * The collector contract as a pure function: 2xx acknowledges every event; 408, 429, 5xx and
 * network failures (status 0) are retried; 413 splits the batch; every other status drops it.
 */
export function classify(result: TransportResult): Verdict {
  if (result.ok) return 'ack'
  const { status } = result
  if (status >= 200 && status < 300) return 'ack'
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry'
  if (status === 413) return 'split'
  return 'drop'
}
