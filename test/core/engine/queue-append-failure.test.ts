import { describe, expect, it } from 'vitest'
import { createMemoryStorage, createQueue, type Storage, type TransportResult } from '@touchpoint/core'
import { createFakeClock } from '../../helpers/fake-clock'
import { queuedEvents } from '../../helpers/queued-events'

describe('createQueue when a storage write fails', () => {
  it('does not queue a second copy of a batch that is already in flight', async () => {
    const clock = createFakeClock()
    let failAppend!: (error: Error) => void
    const storage: Storage = {
      ...createMemoryStorage(),
      // The write fails only once the batch of the same events is already being sent.
      append: () => new Promise<void>((_, reject) => (failAppend = reject)),
    }
    let answer!: (result: TransportResult) => void
    const sent: number[] = []
    const transport = {
      send: (batch: { count: number }) => {
        sent.push(batch.count)
        return new Promise<TransportResult>((resolve) => (answer = resolve))
      },
    }
    const queue = createQueue({ transport, storage, clock })
    const errors: Error[] = []
    queue.on('error', (error) => errors.push(error))
    queue.start()
    await clock.advance(0)

    for (const event of queuedEvents(20)) queue.enqueue(event)
    await clock.advance(0)
    expect(sent).toEqual([20])

    failAppend(new Error('QuotaExceededError'))
    await clock.settle()
    expect(errors[0]?.message).toMatch(/storage write failed/)
    answer({ ok: true, status: 200 })
    await clock.advance(10_000)
    expect(sent).toEqual([20])
    expect(queue.size()).toBe(0)
  })
})
