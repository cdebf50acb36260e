import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS } from './batch'
import type { QueueOptions } from './queue-types'

/** `QueueOptions` with every default applied and every limit clamped to the contract. */
export function resolveQueueSettings(options: QueueOptions) {
  const retry = options.retry ?? {}
  const maxEvents = Math.min(MAX_BATCH_EVENTS, Math.max(1, options.batch?.maxEvents ?? 20))
  const maxQueueSize = Math.max(1, options.maxQueueSize ?? 10_000)
  return {
    retry,
    maxEvents,
    maxBytes: Math.min(MAX_BATCH_BYTES, options.batch?.maxBytes ?? MAX_BATCH_BYTES),
    intervalMs: options.batch?.intervalMs ?? 3000,
    maxAttempts: Math.max(1, retry.maxAttempts ?? 10),
    maxRetryAfterMs: retry.maxRetryAfterMs ?? 60_000,
    parkMs: retry.parkMs ?? 300_000,
    maxQueueSize,
    maxInMemory: Math.max(maxEvents, options.maxInMemory ?? maxQueueSize),
    concurrency: Math.max(1, options.concurrency ?? 1),
    flushTimeoutMs: options.flushTimeoutMs ?? 10_000,
  }
}
