import { describe, expect, it } from 'vitest'
import { createMemoryStorage, createQueue, type QueueEvents, type QueueOptions, type Storage } from '@touchpoint/core'
import { createFakeClock } from '../../helpers/fake-clock'
import { ids, queuedEvents } from '../../helpers/queued-events'
import { createScriptedTransport } from '../../helpers/scripted-transport'

function setup(overrides: Partial<QueueOptions> = {}) {
  const clock = createFakeClock()
  const transport = createScriptedTransport()
  const storage = overrides.storage ?? createMemoryStorage()
  const queue = createQueue({ transport, storage, clock, random: () => 0.5, ...overrides })
  const seen = { delivered: [] as QueueEvents['delivered'][], dropped: [] as QueueEvents['dropped'][], errors: [] as Error[] }
  queue.on('delivered', (e) => seen.delivered.push(e))
  queue.on('dropped', (e) => seen.dropped.push(e))
  queue.on('error', (e) => seen.errors.push(e))
  queue.start()
  return { clock, transport, storage, queue, seen }
}

/** A storage that keeps events across queues, like IndexedDB or a journal does across reloads. */
function durableStorage(): Storage & { appends: number } {
  const inner = createMemoryStorage()
  const storage = { ...inner, durable: true, appends: 0, append: (events: Parameters<Storage['append']>[0]) => ((storage.appends += 1), inner.append(events)) }
  return storage
}

describe('createQueue batching', () => {
  it('sends a batch as soon as maxEvents events wait', async () => {
    const { clock, transport, queue } = setup()
    for (const event of queuedEvents(20)) queue.enqueue(event)
    await clock.advance(0)
    expect(transport.calls.map((c) => c.count)).toEqual([20])
  })

  it('sends a partial batch when the interval elapses, not before', async () => {
    const { clock, transport, queue } = setup()
    for (const event of queuedEvents(5)) queue.enqueue(event)
    await clock.advance(2999)
    expect(transport.calls).toHaveLength(0)
    await clock.advance(1)
    expect(transport.calls.map((c) => c.count)).toEqual([5])
  })

  it('splits batches by bytes so no body exceeds maxBytes', async () => {
    const { clock, transport, queue } = setup({ batch: { maxBytes: 100_000 } })
    for (const event of queuedEvents(20, 0, 20_000)) queue.enqueue(event)
    await clock.advance(3000)
    expect(transport.calls.length).toBeGreaterThan(1)
    for (const call of transport.calls) expect(call.bytes).toBeLessThanOrEqual(100_000)
    expect(transport.delivered).toHaveLength(20)
  })

  it('sends a backlog in batches of maxBatchEvents, 100 by default', async () => {
    const { clock, transport, queue } = setup({ concurrency: 4 })
    for (const event of queuedEvents(250)) queue.enqueue(event)
    await clock.advance(0)
    expect(transport.calls.map((c) => c.count)).toEqual([100, 100, 50])
    await clock.settle()
    expect(transport.delivered).toHaveLength(250)
  })

  it('sends as soon as maxEvents wait, in batches up to a larger maxBatchEvents', async () => {
    const { clock, transport, queue } = setup({ batch: { maxEvents: 10, maxBatchEvents: 500 }, concurrency: 4 })
    for (const event of queuedEvents(9)) queue.enqueue(event)
    await clock.advance(0)
    expect(transport.calls).toHaveLength(0)
    for (const event of queuedEvents(1191, 9)) queue.enqueue(event)
    await clock.advance(0)
    expect(transport.calls.map((c) => c.count)).toEqual([500, 500, 200])
    await clock.settle()
    expect(transport.delivered).toHaveLength(1200)
  })

  it('sends a full batch of maxBatchEvents when maxEvents is set above it', async () => {
    const { clock, transport, queue } = setup({ batch: { maxEvents: 1000, maxBatchEvents: 50 } })
    for (const event of queuedEvents(50)) queue.enqueue(event)
    await clock.advance(0)
    expect(transport.calls.map((c) => c.count)).toEqual([50])
  })

  it('tells the transport the body size in UTF-8 bytes, not characters', async () => {
    const { transport, queue } = setup()
    const [event] = queuedEvents(1)
    const json = event!.json.replace('landing-page', 'trang-đích')
    queue.enqueue({ ...event!, json, bytes: new TextEncoder().encode(json).length })
    await queue.flush()
    expect(transport.calls[0]!.bytes).toBe(new TextEncoder().encode(transport.calls[0]!.body).length)
    expect(transport.calls[0]!.bytes).toBeGreaterThan(transport.calls[0]!.body.length)
  })

  it('sends a Segment-spec body with every event in order', async () => {
    const { transport, queue } = setup()
    const events = queuedEvents(3)
    for (const event of events) queue.enqueue(event)
    await queue.flush()
    const body = JSON.parse(transport.calls[0]!.body)
    expect(ids(body.batch)).toEqual(events.map((e) => e.id))
    expect(typeof body.sentAt).toBe('string')
  })

  it('writes each burst of tracked events to storage in one append', async () => {
    const storage = durableStorage()
    const { clock, queue } = setup({ storage, canSend: () => false })
    for (const event of queuedEvents(50)) queue.enqueue(event)
    await clock.advance(0)
    expect(storage.appends).toBe(1)
    expect(await storage.count()).toBe(50)
  })
})

describe('createQueue retries', () => {
  it('waits 2 s after a 429 with Retry-After 2', async () => {
    const { clock, transport, queue } = setup()
    transport.script({ ok: false, status: 429, retryAfterMs: 2000 })
    for (const event of queuedEvents(20)) queue.enqueue(event)
    await clock.advance(0)
    expect(transport.calls).toHaveLength(1)
    await clock.advance(1999)
    expect(transport.calls).toHaveLength(1)
    await clock.advance(1)
    expect(transport.calls).toHaveLength(2)
    expect(transport.delivered).toHaveLength(20)
  })

  it('caps a very long Retry-After', async () => {
    const { clock, transport, queue } = setup({ retry: { maxRetryAfterMs: 5000 } })
    transport.script({ ok: false, status: 429, retryAfterMs: 3_600_000 })
    for (const event of queuedEvents(20)) queue.enqueue(event)
    await clock.advance(5000)
    expect(transport.calls).toHaveLength(2)
  })

  it.each([408, 500, 503, 0])('retries status %i with backoff and delivers', async (status) => {
    const { clock, transport, queue, seen } = setup()
    transport.script(status, status)
    for (const event of queuedEvents(20)) queue.enqueue(event)
    await clock.advance(0)
    // random() = 0.5: the first retry waits 500 ms, the second 1000 ms.
    await clock.advance(499)
    expect(transport.calls).toHaveLength(1)
    await clock.advance(1)
    expect(transport.calls).toHaveLength(2)
    await clock.advance(1000)
    expect(transport.calls).toHaveLength(3)
    expect(seen.delivered.flatMap((d) => d.events)).toHaveLength(20)
  })

  it('treats a transport that throws as a network failure and retries', async () => {
    let calls = 0
    const { clock, queue, seen } = setup({
      transport: {
        async send() {
          if (calls++ === 0) throw new Error('socket hang up')
          return { ok: true, status: 200 }
        },
      },
    })
    for (const event of queuedEvents(20)) queue.enqueue(event)
    await clock.advance(1000)
    expect(seen.delivered).toHaveLength(1)
  })

  it('halves a batch on 413 until it fits', async () => {
    const { transport, queue, seen } = setup()
    transport.script(413, 413)
    for (const event of queuedEvents(20)) queue.enqueue(event)
    await queue.flush()
    expect(transport.calls.map((c) => c.count)).toEqual([20, 10, 5, 5, 5, 5])
    expect(seen.delivered.flatMap((d) => d.events)).toHaveLength(20)
    expect(seen.dropped).toEqual([])
  })

  it('drops and reports a single event the collector finds too large', async () => {
    const { transport, queue, seen } = setup()
    transport.script(413)
    const [big] = queuedEvents(1, 0, 30_000)
    queue.enqueue(big!)
    const result = await queue.flush()
    expect(seen.dropped).toEqual([{ events: [JSON.parse(big!.json)], reason: 'too-large', status: 413 }])
    expect(result).toEqual({ sent: 0, pending: 0, dropped: 1 })
  })

  it('drops a batch the collector rejects with another 4xx and reports the status', async () => {
    const { transport, queue, seen, storage } = setup()
    transport.script(400)
    for (const event of queuedEvents(3)) queue.enqueue(event)
    await queue.flush()
    expect(seen.dropped.map((d) => [d.reason, d.status, d.events.length])).toEqual([['rejected', 400, 3]])
    expect(await storage.count()).toBe(0)
    expect(transport.calls).toHaveLength(1)
  })

  it('gives up after maxAttempts and reports the drop when storage is memory', async () => {
    const { clock, transport, queue, seen } = setup({ retry: { maxAttempts: 3 } })
    transport.fallback = 503
    for (const event of queuedEvents(20)) queue.enqueue(event)
    await clock.advance(60_000)
    expect(transport.calls).toHaveLength(3)
    expect(seen.dropped.map((d) => [d.reason, d.status])).toEqual([['max-attempts', 503]])
  })

  it('parks a batch in a durable storage after maxAttempts and tries it again later', async () => {
    const storage = durableStorage()
    const { clock, transport, queue, seen } = setup({ storage, retry: { maxAttempts: 2, parkMs: 60_000 } })
    transport.fallback = 503
    for (const event of queuedEvents(20)) queue.enqueue(event)
    await clock.advance(5_000)
    expect(transport.calls).toHaveLength(2)
    expect(seen.dropped).toEqual([])
    expect(seen.errors.map((e) => (e as { code?: string }).code)).toContain('delivery')
    expect(await storage.count()).toBe(20)
    transport.fallback = 200
    await clock.advance(65_000)
    expect(seen.delivered.flatMap((d) => d.events)).toHaveLength(20)
    expect(await storage.count()).toBe(0)
  })
})

describe('createQueue delivery guarantees', () => {
  it('keeps events in storage until their batch is acknowledged', async () => {
    const { clock, transport, queue, storage } = setup()
    transport.script(503)
    for (const event of queuedEvents(20)) queue.enqueue(event)
    await clock.advance(0)
    expect(await storage.count()).toBe(20)
    await clock.advance(1000)
    expect(await storage.count()).toBe(0)
  })

  it('leaves nothing in storage for a batch acknowledged before its write window closed', async () => {
    // A fast collector answers before `writeDelayMs` (Node's appendWindowMs) is over.
    const storage = durableStorage()
    const { clock, transport, queue } = setup({ storage, writeDelayMs: 50 })
    await clock.advance(0) // storage read once: new events go straight to memory
    const events = queuedEvents(20)
    for (const event of events) queue.enqueue(event)
    await clock.advance(0)
    expect(ids(transport.delivered)).toEqual(events.map((e) => e.id))
    await clock.advance(100)
    // Otherwise the next session would send all 20 again.
    expect(await storage.count()).toBe(0)
    expect(await storage.read(100, new Set())).toEqual([])
  })

  it('re-sends what an earlier session left in storage, oldest first', async () => {
    const storage = durableStorage()
    const first = setup({ storage, canSend: () => false })
    for (const event of queuedEvents(5)) first.queue.enqueue(event)
    await first.clock.advance(0)
    const second = setup({ storage })
    for (const event of queuedEvents(2, 100)) second.queue.enqueue(event)
    const result = await second.queue.flush()
    expect(result).toEqual({ sent: 7, pending: 0, dropped: 0 })
    expect(ids(second.transport.delivered)).toEqual([...queuedEvents(5), ...queuedEvents(2, 100)].map((e) => e.id))
  })

  it('holds events while canSend is false and sends them on wake', async () => {
    let online = false
    const { clock, transport, queue } = setup({ canSend: () => online })
    for (const event of queuedEvents(30)) queue.enqueue(event)
    await clock.advance(10_000)
    expect(transport.calls).toHaveLength(0)
    online = true
    queue.wake()
    await clock.advance(0)
    expect(transport.delivered).toHaveLength(30)
  })

  it('keeps only maxInMemory events in RAM and reads the rest back from a durable storage in order', async () => {
    const storage = durableStorage()
    let reads = 0
    const read = storage.read
    storage.read = (limit, exclude) => ((reads += 1), read(limit, exclude))
    const { transport, queue } = setup({ storage, maxInMemory: 50, batch: { maxEvents: 20 } })
    const events = queuedEvents(500)
    for (const event of events) queue.enqueue(event)
    const result = await queue.flush()
    expect(result.sent).toBe(500)
    expect(ids(transport.delivered)).toEqual(events.map((e) => e.id))
    expect(reads).toBeGreaterThan(5)
  })

  it('drops the oldest events past maxQueueSize and reports them', async () => {
    let open = true
    const { queue, seen, transport, clock } = setup({ maxQueueSize: 10, canSend: () => open })
    await clock.advance(0)
    open = false
    for (const event of queuedEvents(15)) queue.enqueue(event)
    expect(queue.size()).toBe(10)
    expect(seen.dropped.flatMap((d) => ids(d.events))).toEqual(queuedEvents(5).map((e) => e.id))
    expect(seen.dropped.every((d) => d.reason === 'queue-full')).toBe(true)
    expect(transport.calls).toHaveLength(0)
  })

  it('leaves a shared store alone while it may not send, so it never re-sends what another sender delivered', async () => {
    const storage = { ...durableStorage(), shared: true }
    let sender = false
    const { queue, transport, clock } = setup({ storage, canSend: () => sender })
    for (const event of queuedEvents(5)) queue.enqueue(event)
    await clock.advance(0)
    // Another tab, the sender, delivers three of them meanwhile.
    await storage.remove(queuedEvents(3).map((e) => e.id))
    sender = true
    queue.wake()
    await clock.advance(0)
    expect(ids(transport.delivered)).toEqual(queuedEvents(2, 3).map((e) => e.id))
  })

  it('drops the oldest stored events past maxQueueSize even before memory has read them', async () => {
    const storage = durableStorage()
    const { queue, seen, clock } = setup({ storage, maxQueueSize: 10, canSend: () => false })
    for (const event of queuedEvents(15)) queue.enqueue(event)
    await clock.advance(0)
    expect(queue.size()).toBe(10)
    expect(await storage.count()).toBe(10)
    expect(seen.dropped.flatMap((d) => ids(d.events))).toEqual(queuedEvents(5).map((e) => e.id))
  })

  it('writes a long synchronous burst as it goes through appendSync, so memory does not hold it all', () => {
    const written: number[] = []
    const storage: Storage = { ...createMemoryStorage(), durable: true, appendSync: (events) => (written.push(events.length), true) }
    const { queue } = setup({ storage, maxInMemory: 100, maxQueueSize: 10_000 })
    for (const event of queuedEvents(2500)) queue.enqueue(event)
    expect(written).toEqual([1000, 1000])
  })

  it('sends a backlog found at start right away instead of waiting for the interval', async () => {
    const storage = durableStorage()
    await storage.append(queuedEvents(3))
    const { clock, transport } = setup({ storage })
    await clock.advance(0)
    expect(transport.delivered).toHaveLength(3)
  })

  it('reports a failing storage write as an error and still delivers from memory', async () => {
    const storage: Storage = { ...createMemoryStorage(), append: () => Promise.reject(new Error('QuotaExceededError')) }
    const { queue, seen } = setup({ storage })
    for (const event of queuedEvents(3)) queue.enqueue(event)
    const result = await queue.flush()
    expect(seen.errors[0]?.message).toMatch(/storage write failed/)
    expect(result.sent).toBe(3)
  })
})

describe('createQueue flush', () => {
  it('resolves with what was sent, pending and dropped', async () => {
    const { queue } = setup()
    for (const event of queuedEvents(45)) queue.enqueue(event)
    await expect(queue.flush()).resolves.toEqual({ sent: 45, pending: 0, dropped: 0 })
  })

  it('waits for a batch in backoff instead of returning early', async () => {
    const { clock, transport, queue } = setup()
    transport.script(503)
    for (const event of queuedEvents(3)) queue.enqueue(event)
    let result: unknown
    void queue.flush({ timeoutMs: 10_000 }).then((r) => (result = r))
    await clock.advance(499)
    expect(result).toBeUndefined()
    await clock.advance(1)
    expect(result).toEqual({ sent: 3, pending: 0, dropped: 0 })
  })

  it('resolves at its deadline with the events still pending when the collector is dead', async () => {
    const { clock, transport, queue } = setup()
    transport.fallback = 503
    for (const event of queuedEvents(3)) queue.enqueue(event)
    let result: unknown
    void queue.flush({ timeoutMs: 5000 }).then((r) => (result = r))
    await clock.advance(4999)
    expect(result).toBeUndefined()
    await clock.advance(1)
    expect(result).toEqual({ sent: 0, pending: 3, dropped: 0 })
  })

  it('resolves at once with everything pending when sending is not allowed', async () => {
    const { queue } = setup({ canSend: () => false })
    for (const event of queuedEvents(4)) queue.enqueue(event)
    await expect(queue.flush()).resolves.toEqual({ sent: 0, pending: 4, dropped: 0 })
  })

  it('close resolves by its deadline and leaves undelivered events in a durable storage', async () => {
    const storage = durableStorage()
    const { clock, transport, queue } = setup({ storage })
    transport.fallback = 0
    for (const event of queuedEvents(3)) queue.enqueue(event)
    let result: unknown
    void queue.close({ timeoutMs: 5000 }).then((r) => (result = r))
    await clock.advance(5000)
    await clock.settle()
    expect(result).toEqual({ sent: 0, pending: 3, dropped: 0 })
    expect(await storage.count()).toBe(3)
    expect(clock.pending()).toBe(0)
  })
})

describe('createQueue on a shared store', () => {
  it("sends in the same flush what another tab stored while the sender's last batch was in flight", async () => {
    const inner = createMemoryStorage()
    const storage: Storage = { ...inner, shared: true, durable: true }
    let answer: () => void = () => undefined
    const sent: string[][] = []
    const transport = {
      send: async (batch: { events: readonly { id: string }[] }) => {
        sent.push(batch.events.map((event) => event.id))
        // The first batch is acknowledged only after the other tab wrote its event.
        if (sent.length === 1) await new Promise<void>((resolve) => (answer = resolve))
        return { ok: true as const, status: 200 }
      },
    }
    const { queue, clock } = setup({ storage, transport })
    await clock.advance(0)
    queue.enqueue(queuedEvents(1)[0]!)
    const flushed = queue.flush()
    await clock.settle()
    expect(sent).toHaveLength(1)
    await storage.append(queuedEvents(1, 1)) // the other tab
    answer()
    await clock.settle()
    // Before the fix the flush resolved on the first acknowledgement, with the other tab's event pending.
    expect(await flushed).toEqual({ sent: 2, pending: 0, dropped: 0 })
    expect(sent).toEqual([['msg-000000'], ['msg-000001']])
  })
})

describe('createQueue after close', () => {
  it('reports an event enqueued after close as dropped instead of losing it silently', async () => {
    const { queue, seen, clock } = setup()
    const closing = queue.close({ timeoutMs: 100 })
    await clock.advance(100)
    await closing
    const [late] = queuedEvents(1)
    queue.enqueue(late!)
    expect(seen.dropped).toEqual([{ events: [JSON.parse(late!.json)], reason: 'closed' }])
    expect(queue.size()).toBe(0)
  })

  it('stops sending when it closes while storage is being read, instead of spinning', async () => {
    const inner = createMemoryStorage()
    await inner.append(queuedEvents(20))
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    let reads = 0
    // The second read (the backlog behind the first window) is still running when close() comes.
    const storage: Storage = { ...inner, durable: true, read: async (limit, exclude) => ((++reads === 2 ? await held : undefined), inner.read(limit, exclude)) }
    let checks = 0
    // Before the fix the send loop took the batch that close released, again and again, without
    // ever yielding: this bound turns that hang into a failure.
    const canSend = () => {
      if (++checks > 10_000) throw new Error('the send loop is spinning')
      return true
    }
    const { queue, clock, transport } = setup({ storage, canSend, maxInMemory: 5, batch: { maxEvents: 5, maxBatchEvents: 5 } })
    await clock.advance(0)
    expect(reads).toBe(2)
    const closing = queue.close({ timeoutMs: 100 })
    await clock.advance(100)
    release()
    await clock.settle()
    await closing
    expect(checks).toBeLessThan(100)
    expect(transport.delivered).toHaveLength(5)
    // What was not sent stays in storage for the next process.
    expect(await inner.count()).toBe(15)
  })
})

describe('createQueue unload', () => {
  it('hands over queued events within a byte budget and forgets them once sent', async () => {
    let open = true
    const { queue, storage, clock } = setup({ canSend: () => open })
    await clock.advance(0)
    open = false
    for (const event of queuedEvents(10, 0, 1000)) queue.enqueue(event)
    await clock.advance(0)
    const taken = queue.takeForUnload(5000)
    expect(taken.length).toBeGreaterThan(0)
    expect(taken.length).toBeLessThan(10)
    expect(taken.reduce((n, e) => n + e.bytes + 1, 64)).toBeLessThanOrEqual(5000)
    queue.settleUnload(taken.map((e) => e.id), true)
    await queue.persisted()
    expect(await storage.count()).toBe(10 - taken.length)
  })

  it('puts events back in order when the unload send failed', async () => {
    let online = true
    const { queue, transport, clock } = setup({ canSend: () => online })
    await clock.advance(0)
    online = false
    const events = queuedEvents(5)
    for (const event of events) queue.enqueue(event)
    const taken = queue.takeForUnload(64_000)
    queue.settleUnload(taken.map((e) => e.id), false)
    online = true
    queue.wake()
    await clock.advance(0)
    expect(ids(transport.delivered)).toEqual(events.map((e) => e.id))
  })

  it('never writes an event to storage after it left by beacon', async () => {
    let open = true
    const { queue, storage, clock } = setup({ canSend: () => open })
    await clock.advance(0)
    open = false
    for (const event of queuedEvents(3)) queue.enqueue(event)
    const taken = queue.takeForUnload(64_000)
    queue.settleUnload(taken.map((e) => e.id), true)
    await queue.persisted()
    expect(await storage.count()).toBe(0)
  })
})
