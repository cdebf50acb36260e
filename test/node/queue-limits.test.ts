import { describe, expect, it } from 'vitest'
import { queueLimits } from '../../packages/node/src/queue-limits'

describe('queueLimits', () => {
  it('holds one round of full batches in memory when a journal keeps the rest', () => {
    expect(queueLimits({}, true)).toEqual({ maxQueueSize: 1_000_000, maxInMemory: 2_000, maxBatchEvents: 500, concurrency: 4 })
    expect(queueLimits({ concurrency: 2, maxBatchEvents: 100 }, true).maxInMemory).toBe(200)
  })

  it('holds the whole queue in memory without a journal, since memory is its only home', () => {
    expect(queueLimits({}, false)).toEqual({ maxQueueSize: 250_000, maxInMemory: 250_000, maxBatchEvents: 500, concurrency: 4 })
    expect(queueLimits({ maxQueueSize: 50 }, false).maxInMemory).toBe(50)
  })

  it('keeps what the caller set', () => {
    expect(queueLimits({ maxInMemory: 10_000, maxQueueSize: 20_000, concurrency: 8, maxBatchEvents: 50 }, true)).toEqual({
      maxQueueSize: 20_000,
      maxInMemory: 10_000,
      maxBatchEvents: 50,
      concurrency: 8,
    })
  })
})
