import { describe, expect, it } from 'vitest'
import { createQueue, type QueueEvents } from '@touchpoint/core'
import { createFakeClock } from '../../helpers/fake-clock'
import { ids, queuedEvents } from '../../helpers/queued-events'
import { createScriptedTransport } from '../../helpers/scripted-transport'

/** A queue given no storage, as the Node tracker without `dataDir` creates it. */
function setup(options: { maxInMemory?: number; maxQueueSize?: number }) {
  const clock = createFakeClock()
  const transport = createScriptedTransport()
  let open = false
  const queue = createQueue({ transport, clock, canSend: () => open, batch: { maxEvents: 10 }, ...options })
  const dropped: QueueEvents['dropped'][] = []
  queue.on('dropped', (e) => dropped.push(e))
  queue.start()
  return { clock, transport, queue, dropped, openGate: () => (open = true) }
}

describe('createQueue without a storage', () => {
  it('keeps every event in memory, beyond maxInMemory, and delivers them in order', async () => {
    const { transport, queue, dropped, openGate } = setup({ maxInMemory: 10, maxQueueSize: 1000 })
    const events = queuedEvents(55)
    for (const event of events) queue.enqueue(event)
    expect(queue.size()).toBe(55)
    openGate()
    const result = await queue.flush({ timeoutMs: 1000 })
    expect(result).toEqual({ sent: 55, dropped: 0, pending: 0 })
    expect(transport.delivered.map((e) => e.messageId)).toEqual(events.map((e) => e.id))
    expect(dropped).toEqual([])
  })

  it('drops the oldest events past maxQueueSize and reports them', async () => {
    const { transport, queue, dropped, openGate } = setup({ maxQueueSize: 20 })
    const events = queuedEvents(25)
    for (const event of events) queue.enqueue(event)
    expect(queue.size()).toBe(20)
    expect(dropped.every((d) => d.reason === 'queue-full')).toBe(true)
    expect(dropped.reduce((n, d) => n + d.events.length, 0)).toBe(5)
    openGate()
    await queue.flush({ timeoutMs: 1000 })
    expect(transport.delivered.map((e) => e.messageId)).toEqual(events.slice(5).map((e) => e.id))
  })

  it('loses no event through a 413 split, retries, a flush deadline and close', async () => {
    const { clock, transport, queue, dropped, openGate } = setup({ maxQueueSize: 1000 })
    // 413 halves the batch; then a server error and a network failure are retried.
    transport.script(413, 503, { ok: false, status: 0, reason: 'ECONNRESET' })
    const events = queuedEvents(30)
    for (const event of events) queue.enqueue(event)
    openGate()
    // A deadline shorter than the retries: what is not sent yet stays queued.
    const early = queue.flush({ timeoutMs: 10 })
    await clock.advance(10)
    expect((await early).pending).toBeGreaterThan(0)
    const closed = queue.close({ timeoutMs: 60_000 })
    await clock.advance(60_000)
    expect(await closed).toMatchObject({ pending: 0, dropped: 0 })
    expect(dropped).toEqual([])
    expect(ids(transport.delivered).sort()).toEqual(events.map((e) => e.id))
    expect(new Set(ids(transport.delivered)).size).toBe(30)
    // The batch the collector found too large went again in halves.
    expect(transport.calls[1]!.count).toBeLessThan(transport.calls[0]!.count)
  })
})

