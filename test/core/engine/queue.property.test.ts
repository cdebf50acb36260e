import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMemoryStorage, createQueue, type FlushResult, type Queue, type QueueOptions, type Storage, type TransportResult } from '@touchpoint/core'
import { createFakeClock, type FakeClock } from '../../helpers/fake-clock'
import { queuedEvents } from '../../helpers/queued-events'

/** What the collector answers, in order, before it settles on 200. */
const answer = fc.oneof(
  fc.constant<TransportResult>({ ok: true, status: 200 }),
  fc.constant<TransportResult>({ ok: false, status: 503 }),
  fc.constant<TransportResult>({ ok: false, status: 0, reason: 'ECONNRESET' }),
  fc.constant<TransportResult>({ ok: false, status: 429, retryAfterMs: 2000 }),
  fc.constant<TransportResult>({ ok: false, status: 413 }),
)

const scenario = fc.record({
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
})

/** Advances the fake clock until `promise` settles (flush and close resolve by their own deadlines). */
async function settle<T>(clock: FakeClock, promise: Promise<T>): Promise<T> {
  let done = false
  void promise.finally(() => (done = true))
  for (let i = 0; i < 500 && !done; i++) await clock.advance(60_000)
  expect(done).toBe(true)
  return promise
}

describe('createQueue under any limits and collector answers', () => {
  it('delivers or reports every event, and ends with nothing pending', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const clock = createFakeClock()
        const inner = createMemoryStorage()
        const storage: Storage | undefined = s.durable ? { ...inner, durable: true } : undefined
        const answers = [...s.answers]
        const delivered = new Set<string>()
        const dropped = new Set<string>()
        const transport = {
          async send(batch: { events: readonly { id: string }[] }): Promise<TransportResult> {
            const result = answers.shift() ?? { ok: true, status: 200 }
            if (result.ok) for (const event of batch.events) delivered.add(event.id)
            return result
          },
        }
        let online = true
        const options: QueueOptions = {
          transport,
          canSend: () => online,
          ...(storage && { storage }),
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
          const queue = createQueue(options)
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
          for (const event of events.slice(from, from + s.burst)) queue.enqueue(event)
          await clock.advance(500)
          if (storage && bursts + 1 === s.restartAfter) {
            await settle(clock, queue.close({ timeoutMs: 1000 }))
            queue = open()
          }
        }
        if (!online) {
          online = true
          queue.wake()
        }
        const outstanding = () => events.filter((event) => !delivered.has(event.id) && !dropped.has(event.id)).length
        // A flush resolves once nothing can move now: batches parked after maxAttempts wait for
        // parkMs and count as pending. Its `pending` must say exactly what is still undelivered.
        // What was undelivered when the flush resolved, not after `settle` moved time on.
        const flush = () => queue.flush().then((flushed): [FlushResult, number] => [flushed, outstanding()])
        let [result, undelivered] = await settle(clock, flush())
        for (let i = 0; i < 20 && result.pending > 0; i++) {
          expect(result.pending).toBe(undelivered)
          await clock.advance(30_000)
          ;[result, undelivered] = await settle(clock, flush())
        }
        await settle(clock, queue.close({ timeoutMs: 1000 }))

        expect(result.pending).toBe(0)
        expect(outstanding()).toBe(0)
        // A durable queue parks what it cannot deliver; it drops only a lone event answered 413.
        if (s.durable && dropped.size > 0) expect(s.answers.some((a) => a.status === 413)).toBe(true)
        if (storage) expect(await storage.count()).toBe(0)
      }),
      { numRuns: 150 },
    )
  }, 120_000)
})
