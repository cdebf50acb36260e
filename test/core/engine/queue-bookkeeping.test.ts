import { describe, expect, it } from 'vitest'
import { createMemoryStorage, createQueue, type Storage } from '@touchpoint/core'
import { createFakeClock } from '../../helpers/fake-clock'
import { queuedEvents } from '../../helpers/queued-events'
import { createScriptedTransport } from '../../helpers/scripted-transport'

describe('createQueue bookkeeping', () => {
  it('counts events tracked while it is counting a shared storage', async () => {
    const clock = createFakeClock()
    const inner = createMemoryStorage()
    let counts = 0
    let answer: () => void = () => undefined
    const storage: Storage = {
      ...inner,
      shared: true,
      durable: true,
      // The second count (after the first read of the shared store) answers late, as a busy
      // IndexedDB does, with what the store held when it was asked.
      count: async () => {
        const n = await inner.count()
        if (++counts === 2) await new Promise<void>((resolve) => (answer = resolve))
        return n
      },
    }
    const queue = createQueue({ storage, clock, transport: { send: () => new Promise(() => undefined) } })
    queue.start()
    await clock.settle()
    expect(counts).toBe(2)
    for (const event of queuedEvents(3)) queue.enqueue(event)
    answer()
    await clock.settle()
    // Before the fix the late count overwrote these three: `flush()` said `pending: 0` with three queued.
    expect(queue.size()).toBe(3)
  })

  it('does not write events whose batch was acknowledged before their write window closed', async () => {
    const clock = createFakeClock()
    const inner = createMemoryStorage()
    const appended: string[] = []
    const storage: Storage = { ...inner, durable: true, append: (events) => (appended.push(...events.map((e) => e.id)), inner.append(events)) }
    const transport = createScriptedTransport()
    // A one-day write window: the acknowledgement arrives while the events are still buffered.
    const queue = createQueue({ storage, clock, transport, writeDelayMs: 86_400_000, batch: { maxEvents: 2 } })
    queue.start()
    await clock.settle() // the stored backlog (none) was read: new events go to memory and the write-behind
    for (const event of queuedEvents(2)) queue.enqueue(event)
    await clock.advance(0)
    expect(transport.delivered).toHaveLength(2)
    const result = await queue.flush({ timeoutMs: 1000 })
    expect(result.pending).toBe(0)
    expect(await storage.count()).toBe(0)
    // Neither written late (and read back and sent again) nor written at all.
    expect(appended).toEqual([])
  })

  it('delivers a backlog left by an earlier process that is larger than maxInMemory, not only its first window', async () => {
    const clock = createFakeClock()
    const storage: Storage = { ...createMemoryStorage(), durable: true }
    await storage.append(queuedEvents(50))
    const transport = createScriptedTransport()
    const queue = createQueue({ storage, clock, transport, maxInMemory: 10, batch: { maxEvents: 5, maxBatchEvents: 5 } })
    queue.start()
    const flushed = queue.flush({ timeoutMs: 60_000 })
    await clock.settle()
    // Before the fix memory was filled once, and the 40 events behind it waited for new ones to spill.
    expect(await flushed).toEqual({ sent: 50, pending: 0, dropped: 0 })
    expect(transport.delivered).toHaveLength(50)
    expect(await storage.count()).toBe(0)
  })

  it('does not count acknowledged events as pending when they were acknowledged while storage was counting', async () => {
    const clock = createFakeClock()
    const inner = createMemoryStorage()
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    // Counts answer late with what storage held when asked; batches in flight are acknowledged meanwhile.
    const storage: Storage = { ...inner, durable: true, count: async () => {
      const n = await inner.count()
      await later(5)
      return n
    } }
    await storage.append(queuedEvents(60))
    let delivered = 0
    const transport = { send: async (batch: { count: number }) => (await later(1), (delivered += batch.count), { ok: true as const, status: 200 }) }
    const queue = createQueue({ storage, clock, transport, maxInMemory: 10, concurrency: 2, batch: { maxEvents: 5, maxBatchEvents: 5 } })
    queue.start()
    const flushed = queue.flush({ timeoutMs: 60_000 })
    for (let i = 0; i < 200 && delivered < 60; i++) {
      await clock.settle()
      await later(1)
    }
    await clock.settle()
    expect(delivered).toBe(60)
    // Before the fix `known` took the late count, acknowledged events included: pending stayed above 0.
    expect(await flushed).toEqual({ sent: 60, pending: 0, dropped: 0 })
    expect(queue.size()).toBe(0)
  })

  it('reads storage again after a failed read, so events tracked before it are not stuck there', async () => {
    const clock = createFakeClock()
    const inner = createMemoryStorage()
    let failures = 1
    const storage: Storage = { ...inner, durable: true, read: (limit, exclude) => (failures-- > 0 ? Promise.reject(new Error('EMFILE')) : inner.read(limit, exclude)) }
    const transport = createScriptedTransport()
    const queue = createQueue({ storage, clock, transport, batch: { maxEvents: 1 } })
    const errors: string[] = []
    queue.on('error', (error) => errors.push(error.message))
    // Tracked before the first read: it waits in storage behind what an earlier session left.
    queue.enqueue(queuedEvents(1)[0]!)
    queue.start()
    await clock.advance(0)
    expect(errors).toEqual(['storage read failed'])
    const flushed = queue.flush({ timeoutMs: 60_000 })
    await clock.advance(3000)
    // Before the fix the failed read marked storage as holding nothing more: the event stayed
    // there for the rest of the session and every flush said it was pending.
    expect((await flushed).pending).toBe(0)
    expect(transport.delivered).toHaveLength(1)
  })
})
