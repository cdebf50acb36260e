import { TouchpointError } from '../errors'
import { backoff } from './backoff'
import { BATCH_OVERHEAD_BYTES, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, batchBytes, batchLength, parseQueuedEvent, serializeBatch } from './batch'
import { safeLogger, systemClock } from './clock'
import { createEmitter } from './emitter'
import { createMemoryStorage } from './memory-storage'
import { createWriteBehind } from './write-behind'
import type { DropReason, FlushResult, Queue, QueueEvents, QueueOptions } from './queue-types'
import { classify } from './retry-policy'
import type { QueuedEvent, TransportResult } from './types'

export type * from './queue-types'

/** A batch that left memory: being sent, or waiting for its retry timer. */
interface Flight {
  events: QueuedEvent[]
  attempts: number
  timer?: unknown
}

/**
 * The one delivery engine, shared by every platform. Events are persisted in batched writes,
 * sent in batches, retried with backoff, and leave storage only once their batch is
 * acknowledged (at-least-once; collectors dedup by `messageId`).
 */
export function createQueue(options: QueueOptions): Queue {
  const { transport, canSend = () => true, storage = createMemoryStorage(), clock = systemClock, random = Math.random, retry = {}, batch = {} } = options
  // Without a storage, memory is the only home of events: nothing is written anywhere (a memory
  // storage beside the in-memory list would hold every event twice and cost a Map insert and
  // delete per event), and memory may hold up to the whole queue.
  const volatile = !options.storage
  const logger = safeLogger(options.logger)
  // Defaults applied; the body is clamped to the contract's 500 KB below. A batch holds up to
  // `maxBatchEvents`; a partial one goes as soon as `maxEvents` wait (never more than fit in one).
  const maxBatchEvents = Math.max(1, batch.maxBatchEvents ?? MAX_BATCH_EVENTS)
  const maxEvents = Math.min(maxBatchEvents, Math.max(1, batch.maxEvents ?? 20))
  const intervalMs = batch.intervalMs ?? 3000
  const maxAttempts = Math.max(1, retry.maxAttempts ?? 10)
  const maxRetryAfterMs = retry.maxRetryAfterMs ?? 60_000
  const maxQueueSize = Math.max(1, options.maxQueueSize ?? 10_000)
  const maxInMemory = volatile ? maxQueueSize : Math.max(maxBatchEvents, options.maxInMemory ?? maxQueueSize)
  const concurrency = Math.max(1, options.concurrency ?? 1)
  const flushTimeoutMs = options.flushTimeoutMs ?? 10_000
  const emitter = createEmitter<QueueEvents>()

  /** Largest body the collector accepts; halved on each 413 and kept for the session. */
  let maxBytes = Math.min(MAX_BATCH_BYTES, batch.maxBytes ?? MAX_BATCH_BYTES)
  /**
   * Events in RAM waiting to be sent, oldest first: `items` from `head` on. Taking a batch moves
   * `head` instead of shifting the rest of an array that may hold 200,000 events.
   */
  let items: QueuedEvent[] = []
  let head = 0
  const inMemory = () => items.length - head
  const take = (n: number): QueuedEvent[] => {
    const out = items.slice(head, head + n)
    head += out.length
    // Compacted once the taken part is most of the array, so memory follows what is left.
    if (head === items.length || (head > 1024 && head * 2 > items.length)) {
      items = items.slice(head)
      head = 0
    }
    return out
  }
  /** Puts events back in front, in order (a batch that could not go yet). */
  const putBack = (events: readonly QueuedEvent[]) => {
    items = [...events, ...items.slice(head)]
    head = 0
  }
  /** `into` plus the ids of the events in memory. */
  const withMemoryIds = (into: Set<string>) => {
    for (let i = head; i < items.length; i++) into.add((items[i] as QueuedEvent).id)
    return into
  }
  const flights = new Set<Flight>()
  /** Events handed to an unload send and not yet settled. */
  const unloading = new Map<string, QueuedEvent>()
  /** Ids of batches parked after `maxAttempts` (durable storages), and when they may go again. */
  const parked = new Map<string, number>()
  const parkMs = retry.parkMs ?? 300_000
  /** Events whose storage write failed: not in storage, so a parked batch must write them again. */
  const unsaved = new WeakSet<QueuedEvent>()
  /** Storage holds events that memory does not (overflow, or tracked before the first read). */
  let spilled = false
  /** Whether what storage held before this queue started (an earlier page or process) was read. */
  let loaded = volatile
  let spills = 0
  let known = 0
  /** Events forgotten so far (acknowledged, dropped, sent by beacon): see `readBack`'s count. */
  let forgotten = 0
  let sent = 0
  let dropped = 0
  let sendTimer: unknown
  let kick: unknown
  let pumping = false
  /** Flushes under way: while any runs, partial batches go out at once. */
  let draining = 0
  /** The interval elapsed or someone woke the queue: partial batches go until memory is empty. */
  let urgent = false
  let closed = false
  const waiters = new Set<() => void>()

  const fail = (code: string, message: string, cause?: unknown) => {
    logger.warn(message, cause)
    emitter.emit('error', new TouchpointError(code, message, { cause }))
  }
  /** Event objects for a payload, parsed back only when someone listens to that event type. */
  const objects = (type: 'delivered' | 'dropped', events: readonly QueuedEvent[]) => (emitter.has(type) ? events.map(parseQueuedEvent) : [])
  const writer = createWriteBehind({
    storage,
    clock,
    delayMs: options.writeDelayMs ?? 0,
    onAppendError(events, error) {
      // Storage refused them: memory becomes their only home, so they are still delivered. Ones
      // already in memory, in a batch being sent or handed to a beacon need no second copy.
      const present = withMemoryIds(inFlightIds())
      for (const event of events) {
        unsaved.add(event)
        if (!present.has(event.id)) items.push(event)
      }
      fail('storage', `storage write failed; ${events.length} event(s) kept in memory only`, error)
    },
    onRemoveError: (error) => fail('storage', 'storage delete failed; these events may be sent again', error),
  })

  function forget(events: readonly QueuedEvent[]): void {
    known = Math.max(0, known - events.length)
    forgotten += events.length
    if (volatile) return
    const ids = events.map((event) => event.id)
    // Acknowledged, dropped or sent by beacon before the write-behind wrote them: they must never
    // be written after their removal. Every caller relies on this one discard.
    writer.discard(new Set(ids))
    writer.remove(ids)
  }

  function drop(events: readonly QueuedEvent[], reason: DropReason, status?: number): void {
    forget(events)
    reportDrop(events, reason, status)
  }

  function reportDrop(events: readonly QueuedEvent[], reason: DropReason, status?: number): void {
    dropped += events.length
    logger.warn(`dropped ${events.length} event(s): ${reason}${status ? ` (HTTP ${status})` : ''}`)
    emitter.emit('dropped', { events: objects('dropped', events), reason, ...(status ? { status } : {}) })
  }

  /**
   * Past the cap, the oldest queued events go, counted and reported. Memory holds the oldest
   * events it knows; when they are in storage only (spilled), they are read back to be dropped.
   */
  function capMemory(): void {
    const oldest = take(Math.min(known - maxQueueSize, inMemory()))
    if (oldest.length > 0) {
      drop(oldest, 'queue-full')
    }
  }

  let trimming = false
  function enforceCap(): void {
    capMemory()
    if (known <= maxQueueSize || trimming) return
    trimming = true
    void exclusive(async () => {
      try {
        await writer.idle()
        while (known > maxQueueSize) {
          capMemory()
          if (known <= maxQueueSize) break
          const oldest = await storage.read(known - maxQueueSize, inFlightIds())
          if (oldest.length === 0) break
          drop(oldest, 'queue-full')
          await writer.idle()
        }
      } catch (error) {
        fail('storage', 'storage could not be trimmed to maxQueueSize', error)
      } finally {
        trimming = false
      }
    })
  }

  /** Storage reads that decide what memory holds run one at a time (refill, trim). */
  let lock: Promise<void> = Promise.resolve()
  function exclusive(fn: () => Promise<void>): Promise<void> {
    const run = lock.then(fn)
    lock = run.catch(() => undefined)
    return run
  }

  function inFlightIds(): Set<string> {
    const exclude = new Set<string>(unloading.keys())
    for (const flight of flights) for (const event of flight.events) exclude.add(event.id)
    return exclude
  }

  function schedule(ms: number): void {
    if (closed) return
    if (ms === 0) {
      if (kick === undefined) kick = clock.setTimeout(() => ((kick = undefined), void pump()), 0)
    } else if (sendTimer === undefined) {
      sendTimer = clock.setTimeout(() => ((sendTimer = undefined), void pump(true)), ms)
    }
  }

  /** Reads stored events that memory does not hold yet (spills, earlier sessions, other tabs). */
  function refill(): Promise<void> {
    return exclusive(readBack)
  }

  async function readBack(): Promise<void> {
    const spillsBefore = spills
    await writer.idle()
    loaded = true
    const room = maxInMemory - inMemory()
    if (room <= 0) return
    const exclude = withMemoryIds(inFlightIds())
    // Parked batches rest in storage until their time comes.
    const now = clock.now()
    for (const [id, until] of parked) {
      if (until > now) exclude.add(id)
      else parked.delete(id)
    }
    try {
      const found = await storage.read(room, exclude)
      // An enqueue may have put some of the same events in memory while we awaited.
      const present = withMemoryIds(new Set())
      for (const event of found) if (!present.has(event.id)) items.push(event)
      // A read that filled memory may have left more behind (an earlier process's backlog larger
      // than `maxInMemory`): read again once memory drains, or that backlog waits for new spills.
      if (found.length >= room) spilled = true
      else if (spills === spillsBefore) spilled = false
      // Counted before `known` is read: events tracked during the count are not overwritten.
      // Removals already started reach storage first; events forgotten while it counts are still
      // in its count (their removal runs after it), so they come off again.
      if (storage.shared || found.length > 0) {
        await writer.idle()
        const before = forgotten
        const count = await storage.count()
        known = Math.max(known, inMemory(), count - (forgotten - before))
      }
      if (found.length > 0) logger.debug(`read ${found.length} stored event(s)`)
    } catch (error) {
      // What storage holds is unknown now, not gone: read again at the next interval, or what
      // was tracked before this read would wait there until some later event spills.
      spilled = true
      fail('storage', 'storage read failed', error)
    }
  }

  /** A parked batch's rest is over. */
  function parkedDue(): boolean {
    const now = clock.now()
    for (const until of parked.values()) if (until <= now) return true
    return false
  }

  /**
   * Starts as many batches as concurrency allows; one pump at a time. Full batches always go;
   * a partial batch goes only when the interval elapsed or a flush asked (`partial`).
   */
  async function pump(partial = false): Promise<void> {
    if (partial) urgent = true
    if (pumping || closed) return
    pumping = true
    if (urgent && sendTimer !== undefined) {
      clock.clearTimeout(sendTimer)
      sendTimer = undefined
    }
    try {
      // A gated queue (offline, not the sending tab) leaves a shared store alone: once it may
      // send, it reads what is left then instead of re-sending what another sender delivered.
      if (!loaded && canSend()) await refill()
      // `closed` again after every await: a batch started once the queue closed is released at
      // once by `attempt`, and this loop would take it again forever (a shutdown during a read).
      while (!closed && canSend() && flights.size < concurrency) {
        if (!inMemory() && (spilled || storage.shared || parkedDue())) await refill()
        if (closed || !inMemory() || !canSend()) break
        const n = batchLength(items, head, items.length, maxBatchEvents, maxBytes)
        if (n === inMemory() && n < maxEvents && !urgent && draining === 0) break
        const flight: Flight = { events: take(n), attempts: 0 }
        flights.add(flight)
        logger.debug(`batched ${flight.events.length} event(s)`)
        void attempt(flight)
      }
    } finally {
      pumping = false
      if (!inMemory()) urgent = false
      if (inMemory() || spilled || storage.shared || parked.size > 0) schedule(intervalMs)
      else if (sendTimer !== undefined) {
        clock.clearTimeout(sendTimer)
        sendTimer = undefined
      }
      settle()
    }
  }

  async function attempt(flight: Flight): Promise<void> {
    flight.timer = undefined
    if (!canSend() || closed) return release(flight)
    flight.attempts++
    const { events } = flight
    const body = serializeBatch(events, new Date(clock.now()).toISOString())
    // The body's UTF-8 size from its parts' known sizes: the wrapper is ASCII, so only the events'
    // own multi-byte characters add to its length. Measuring the body would scan every byte again.
    let bytes = body.length
    for (const event of events) bytes += event.bytes - event.json.length
    let result: TransportResult
    try {
      result = await transport.send({ body, count: events.length, bytes, events })
    } catch (error) {
      result = { ok: false, status: 0, reason: String(error) }
    }
    const verdict = classify(result)
    if (verdict === 'retry' && flight.attempts < maxAttempts && !closed) return retryLater(flight, result)
    flights.delete(flight)
    if (verdict === 'ack') {
      sent += events.length
      forget(events)
      logger.debug(`sent ${events.length} event(s) (HTTP ${result.status})`)
      emitter.emit('delivered', { events: objects('delivered', events), status: result.status })
    } else if (verdict === 'split') {
      if (events.length === 1) drop(events, 'too-large', 413)
      else {
        maxBytes = BATCH_OVERHEAD_BYTES + Math.ceil((batchBytes(events) - BATCH_OVERHEAD_BYTES) / 2)
        logger.debug(`collector answered 413: batches now at most ${maxBytes} bytes`)
        putBack(events)
      }
    } else if (verdict === 'drop') drop(events, 'rejected', result.status)
    else if (closed) putBack(events)
    else park(flight, result.status)
    // Pump before telling waiting flushes: it is marked running before its first await, so a
    // flush does not resolve while a shared store (other tabs' events) is still to be read.
    void pump()
    settle()
  }

  function retryLater(flight: Flight, result: TransportResult): void {
    const retryAfter = result.ok ? undefined : result.retryAfterMs
    const delay = retryAfter !== undefined ? Math.min(Math.max(0, retryAfter), maxRetryAfterMs) : backoff(flight.attempts, retry, random)
    const why = result.ok ? '' : `${result.status || 'network error'}${result.reason ? `, ${result.reason}` : ''}`
    logger.debug(`retrying ${flight.events.length} event(s) in ${delay} ms (attempt ${flight.attempts}: ${why})`)
    flight.timer = clock.setTimeout(() => void attempt(flight), delay)
  }

  /** Out of attempts: a durable storage keeps the events for later; memory cannot, so they drop. */
  function park(flight: Flight, status: number): void {
    const { events } = flight
    if (!storage.durable) return drop(events, 'max-attempts', status || undefined)
    const until = clock.now() + parkMs
    for (const event of events) {
      parked.set(event.id, until)
      // Parking leaves the events to storage: one whose write failed would be in neither place.
      // Written again now; should that fail too, the write error puts it back in memory.
      if (unsaved.delete(event)) writer.add(event)
    }
    spilled = true
    fail('delivery', `collector unreachable after ${flight.attempts} attempts; ${events.length} event(s) kept in storage for later`)
  }

  /** The gate closed (offline, not the sender): the batch goes back to memory, in order. */
  function release(flight: Flight): void {
    flights.delete(flight)
    putBack(flight.events)
    settle()
  }

  function settle(): void {
    for (const waiter of [...waiters]) waiter()
  }

  /** Nothing left that this queue can move now. */
  function quiet(): boolean {
    return flights.size === 0 && (!canSend() || (!inMemory() && !spilled && loaded))
  }

  const queue: Queue = {
    enqueue(event) {
      // After close nothing is stored or sent; say so rather than lose the event silently.
      if (closed) return reportDrop([event], 'closed')
      known++
      // Until storage was read once, new events wait there behind what an earlier session left.
      // Without a storage, memory is the only home: the cap below makes room by dropping the oldest.
      if (volatile || (loaded && !spilled && inMemory() < maxInMemory)) items.push(event)
      else {
        spilled = true
        spills++
      }
      if (!volatile) writer.add(event)
      if (known > maxQueueSize) enforceCap()
      schedule(inMemory() >= maxEvents || spilled ? 0 : intervalMs)
    },

    flush({ timeoutMs = flushTimeoutMs } = {}) {
      const sentBefore = sent
      const droppedBefore = dropped
      writer.flush()
      return new Promise<FlushResult>((resolve) => {
        let finished = false
        const done = () => {
          if (finished) return
          finished = true
          draining--
          waiters.delete(check)
          clock.clearTimeout(deadline)
          resolve({ sent: sent - sentBefore, dropped: dropped - droppedBefore, pending: known })
        }
        const check = () => {
          if (quiet() && !pumping) void writer.idle().then(() => (quiet() ? done() : undefined))
        }
        const deadline = clock.setTimeout(done, Math.max(0, timeoutMs))
        draining++
        waiters.add(check)
        void writer.idle().then(() => pump(true)).then(check)
      })
    },

    on: (type, listener) => emitter.on(type, listener),

    start() {
      void writer
        .idle()
        .then(() => storage.count())
        .then((count) => {
          known = Math.max(known, count)
          if (count === 0) return pump()
          // A backlog from an earlier page or process goes now, not at the next interval.
          logger.debug(`found ${count} stored event(s) from an earlier session`)
          return pump(true)
        })
        .catch((error) => fail('storage', 'storage could not be read at start', error))
    },

    wake() {
      void pump(true)
    },

    persisted: () => writer.idle(),

    takeForUnload(limit) {
      const n = batchLength(items, head, items.length, Infinity, limit)
      if (n === 0 || batchBytes(items.slice(head, head + n)) > limit) return []
      const events = take(n)
      for (const event of events) unloading.set(event.id, event)
      return events
    },

    settleUnload(ids, ok) {
      const events: QueuedEvent[] = []
      for (const id of ids) {
        const event = unloading.get(id)
        if (event) events.push(event)
        unloading.delete(id)
      }
      if (!ok) return putBack(events)
      // Sent by beacon: no acknowledgement will come, so the events are forgotten now (`forget`
      // also keeps ones not yet written from ever being written, so no later visit re-sends them).
      sent += events.length
      forget(events)
      emitter.emit('delivered', { events: objects('delivered', events), status: 0 })
    },

    size: () => known,

    async close(closeOptions) {
      const result = await queue.flush(closeOptions)
      closed = true
      for (const timer of [sendTimer, kick]) if (timer !== undefined) clock.clearTimeout(timer)
      for (const flight of flights) if (flight.timer !== undefined) clock.clearTimeout(flight.timer)
      await writer.idle()
      try {
        await storage.close?.()
      } catch (error) {
        fail('storage', 'storage did not close cleanly', error)
      }
      return result
    },
  }
  return queue
}
