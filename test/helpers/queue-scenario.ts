/**
 * A random delivery scenario for property tests of the engine with any storage: limits, the
 * collector's answers, offline periods and restarts; and the run that checks its invariants.
 */
import fc from 'fast-check'
import { expect } from 'vitest'
import { createQueue, type FlushResult, type Queue, type QueuedEvent, type QueueOptions, type Storage, type TransportResult } from '@touchpoint/core'
import { createFakeClock, type FakeClock } from './fake-clock'
import { ids, queuedEvents } from './queued-events'
import { createScriptedTransport } from './scripted-transport'

/** What the collector answers, in order, before it settles on 200. */
const answer = fc.oneof(
  fc.constant<TransportResult>({ ok: true, status: 200 }),
  fc.constant<TransportResult>({ ok: false, status: 503 }),
  fc.constant<TransportResult>({ ok: false, status: 0, reason: 'ECONNRESET' }),
  fc.constant<TransportResult>({ ok: false, status: 429, retryAfterMs: 2000 }),
  fc.constant<TransportResult>({ ok: false, status: 413 }),
)

export const queueScenario = fc.record({
  events: fc.integer({ min: 1, max: 250 }),
  /** Events tracked per burst; time passes between bursts. */
  burst: fc.integer({ min: 1, max: 120 }),
  maxInMemory: fc.integer({ min: 1, max: 80 }),
  maxEvents: fc.integer({ min: 1, max: 40 }),
  maxBatchEvents: fc.integer({ min: 1, max: 60 }),
  concurrency: fc.integer({ min: 1, max: 4 }),
  maxAttempts: fc.integer({ min: 1, max: 6 }),
  durable: fc.boolean(),
  /** With a durable storage: close the queue after this many bursts and start a new one on it (a restart). */
  restartAfter: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  answers: fc.array(answer, { maxLength: 30 }),
  /** Whether the queue may send during each burst (offline, or not the sending tab, when false). */
  online: fc.array(fc.boolean(), { maxLength: 8 }),
  /**
   * After each burst, maybe a page hide: a beacon of up to this many bytes takes queued events,
   * and the browser accepts it (`true`: they count as delivered) or refuses it (`false`: back in the queue).
   */
  unloads: fc.array(fc.option(fc.record({ bytes: fc.integer({ min: 100, max: 20_000 }), accepted: fc.boolean() }), { nil: undefined }), { maxLength: 8 }),
})

export type QueueScenario = typeof queueScenario extends fc.Arbitrary<infer S> ? S : never

/**
 * Advances the fake clock until `promise` settles. Each step also waits a real millisecond: a
 * journal's reads and writes take real time, and fake time running ahead of them would fire
 * deadlines that no real collector or disk would have hit.
 */
export async function settle<T>(clock: FakeClock, promise: Promise<T>): Promise<T> {
  let done = false
  void promise.finally(() => (done = true))
  for (let i = 0; i < 2000 && !done; i++) {
    await clock.advance(15_000)
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  expect(done).toBe(true)
  return promise
}

/**
 * Runs a scenario and checks: every event is delivered or reported dropped; a durable queue drops
 * only a lone event answered 413; every flush's `pending` is exactly what is undelivered when it
 * resolves; nothing is pending at the end. `openStorage` gives the storage of each (re)start:
 * the same object for one that lives in memory, a reopened one for a journal; none = memory only.
 */
export async function checkQueueScenario<S extends Storage>(
  s: QueueScenario,
  openStorage?: () => S,
  /** Sees each event, and the storage of the moment, before it is enqueued (Node's `every-event` writes it there). */
  beforeEnqueue?: (event: QueuedEvent, storage: S) => void,
): Promise<void> {
  const clock = createFakeClock()
  const transport = createScriptedTransport()
  transport.script(...s.answers)
  /** Events handed to an accepted beacon: delivered without passing through the transport. */
  const beaconed = new Set<string>()
  const dropped = new Set<string>()
  let online = true
  let storage: S | undefined
  const options: Omit<QueueOptions, 'storage'> = {
    transport,
    canSend: () => online,
    clock,
    random: () => 0.5,
    maxInMemory: s.maxInMemory,
    maxQueueSize: 100_000,
    concurrency: s.concurrency,
    batch: { maxEvents: s.maxEvents, maxBatchEvents: s.maxBatchEvents, intervalMs: 3000 },
    retry: { baseMs: 100, maxMs: 5000, maxAttempts: s.maxAttempts, parkMs: 30_000 },
    flushTimeoutMs: 3_600_000,
  }
  const open = (): Queue => {
    storage = openStorage?.()
    const queue = createQueue({ ...options, ...(storage && { storage }) })
    queue.on('dropped', (payload) => {
      for (const event of payload.events) dropped.add(event.messageId)
    })
    queue.start()
    return queue
  }
  let queue = open()
  const events = queuedEvents(s.events)
  for (let from = 0, bursts = 0; from < events.length; from += s.burst, bursts++) {
    const wasOnline = online
    online = s.online[bursts] ?? true
    if (online && !wasOnline) queue.wake()
    for (const event of events.slice(from, from + s.burst)) {
      if (beforeEnqueue && storage) beforeEnqueue(event, storage)
      queue.enqueue(event)
    }
    await clock.advance(500)
    const unload = s.unloads[bursts]
    if (unload) {
      const beacon = queue.takeForUnload(unload.bytes)
      if (unload.accepted) for (const event of beacon) beaconed.add(event.id)
      queue.settleUnload(beacon.map((event) => event.id), unload.accepted)
    }
    if (storage?.durable && bursts + 1 === s.restartAfter) {
      await settle(clock, queue.close({ timeoutMs: options.flushTimeoutMs }))
      queue = open()
    }
  }
  if (!online) {
    online = true
    queue.wake()
  }
  const outstanding = () => {
    const delivered = new Set([...ids(transport.delivered), ...beaconed])
    return events.filter((event) => !delivered.has(event.id) && !dropped.has(event.id)).length
  }
  // A flush resolves once nothing can move now: batches parked after maxAttempts wait for
  // parkMs and count as pending. Its `pending` must say exactly what is still undelivered,
  // counted when it resolves, not after `settle` moved time on.
  const flush = () => queue.flush().then((flushed): [FlushResult, number] => [flushed, outstanding()])
  let [result, undelivered] = await settle(clock, flush())
  for (let i = 0; i < 20 && result.pending > 0; i++) {
    expect(result.pending).toBe(undelivered)
    await clock.advance(30_000)
    ;[result, undelivered] = await settle(clock, flush())
  }
  const last = storage
  await settle(clock, queue.close({ timeoutMs: options.flushTimeoutMs }))

  expect(result.pending).toBe(0)
  expect(outstanding()).toBe(0)
  if (last?.durable && dropped.size > 0) expect(s.answers.some((a) => a.status === 413)).toBe(true)
  if (!last || !openStorage) return
  // What the next page or process would find: nothing.
  const next = openStorage()
  expect(await next.count()).toBe(0)
  await next.close?.()
}
