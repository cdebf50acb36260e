import type { NodeTrackerOptions } from './options'

/** The engine's limits for a tracker, defaults applied (see {@link NodeTrackerOptions}). */
export interface QueueLimits {
  maxQueueSize: number
  maxInMemory: number
  maxBatchEvents: number
  concurrency: number
}

/**
 * Resolves the limits of a tracker's queue. With a journal, RAM holds one round of full batches
 * waiting behind the `concurrency` ones in flight: every request slot stays busy, and the rest of
 * a backlog waits on disk. Holding more bought no speed and cost memory: events read back live
 * until acknowledged, V8 lets the heap grow to a multiple of what is live, and 10,000 held
 * events put bench:node's peak RSS with `dataDir` at 157–164 MB against 145–146 MB with 2,000.
 */
export function queueLimits(options: Pick<NodeTrackerOptions, 'maxQueueSize' | 'maxInMemory' | 'maxBatchEvents' | 'concurrency'>, journalled: boolean): QueueLimits {
  const maxQueueSize = options.maxQueueSize ?? (journalled ? 1_000_000 : 250_000)
  const maxBatchEvents = options.maxBatchEvents ?? 500
  const concurrency = options.concurrency ?? 4
  const maxInMemory = options.maxInMemory ?? (journalled ? concurrency * maxBatchEvents : maxQueueSize)
  return { maxQueueSize, maxInMemory, maxBatchEvents, concurrency }
}
