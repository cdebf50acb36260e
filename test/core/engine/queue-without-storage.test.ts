import { describe, expect, it } from 'vitest'
import { createQueue, type QueueEvents } from '@touchpoint/core'
import { createFakeClock } from '../../helpers/fake-clock'
import { queuedEvents } from '../../helpers/queued-events'
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
})
