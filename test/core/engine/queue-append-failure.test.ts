import { describe, expect, it } from 'vitest'
import { createMemoryStorage, createQueue, type Storage, type TransportResult } from '@touchpoint/core'
import { createFakeClock } from '../../helpers/fake-clock'
import { ids, queuedEvents } from '../../helpers/queued-events'
import { createScriptedTransport } from '../../helpers/scripted-transport'

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

  it('still delivers events whose write failed when their batch runs out of attempts', async () => {
    const clock = createFakeClock()
    const inner = createMemoryStorage()
    // A durable storage that is full: every write fails (IndexedDB quota, a full disk).
    const storage: Storage = { ...inner, durable: true, append: () => Promise.reject(new Error('QuotaExceededError')) }
    const transport = createScriptedTransport()
    transport.script(503, 503)
    const queue = createQueue({ transport, storage, clock, random: () => 0.5, retry: { maxAttempts: 2, parkMs: 60_000 } })
    const dropped: unknown[] = []
    queue.on('dropped', (event) => dropped.push(event))
    queue.start()
    await clock.advance(0)

    const events = queuedEvents(5)
    for (const event of events) queue.enqueue(event)
    // Both attempts fail and the batch is parked; the collector is back after that: the events,
    // which were never in storage, must still go.
    await clock.advance(30_000)
    expect(transport.calls.slice(0, 2).map((call) => call.count)).toEqual([5, 5])
    await clock.advance(120_000)
    const flushed = queue.flush({ timeoutMs: 30_000 })
    await clock.advance(30_000)
    await flushed
    expect(ids(transport.delivered)).toEqual(events.map((e) => e.id))
    expect(dropped).toEqual([])
    expect(queue.size()).toBe(0)
  })

  it('writes a parked batch whose first write failed again, and sends it when its rest is over', async () => {
    const clock = createFakeClock()
    const inner = createMemoryStorage()
    let failures = 1
    const storage: Storage = { ...inner, durable: true, append: (events) => (failures-- > 0 ? Promise.reject(new Error('QuotaExceededError')) : inner.append(events)) }
    const transport = createScriptedTransport()
    transport.script(503, 503)
    const queue = createQueue({ transport, storage, clock, random: () => 0.5, retry: { maxAttempts: 2, parkMs: 60_000 } })
    queue.start()
    await clock.advance(0)

    const events = queuedEvents(3)
    for (const event of events) queue.enqueue(event)
    await clock.advance(30_000)
    expect(transport.calls).toHaveLength(2)
    expect(await inner.count()).toBe(3)

    await clock.advance(60_000)
    expect(ids(transport.delivered)).toEqual(events.map((e) => e.id))
    expect(await inner.count()).toBe(0)
    expect(queue.size()).toBe(0)
  })
})

