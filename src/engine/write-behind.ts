import type { Clock, QueuedEvent, Storage } from './types'

/**
 * Write-behind for a `Storage`: tracked events are gathered for `delayMs` and appended in one
 * call (one IndexedDB transaction, one journal write), and every storage operation runs in
 * order, so a remove never overtakes the append of the same events.
 */
export interface WriteBehind {
  /** Buffers an event for the next batched append (or appends it now with `sync`). */
  add(event: QueuedEvent): void
  /** Starts the append of everything buffered. */
  flush(): void
  /** Chains a removal after every write started so far. */
  remove(ids: readonly string[]): void
  /** Forgets buffered events that must never be written (they left by beacon, or were dropped). */
  discard(ids: ReadonlySet<string>): void
  /** Resolves once every operation started so far, and any chained meanwhile, is done. */
  idle(): Promise<void>
  /** Events buffered and not yet handed to storage. */
  readonly buffered: number
}

export interface WriteBehindOptions {
  storage: Storage
  clock: Clock
  /** Gathering window in ms. */
  delayMs: number
  /** Start each event's own append before `add` returns (a synchronous storage has then written it). */
  sync: boolean
  /** An append failed: the events are not in storage. */
  onAppendError(events: readonly QueuedEvent[], error: unknown): void
  /** A removal failed: the events may be sent again later. */
  onRemoveError(error: unknown): void
}

/** Events gathered before a burst is written without waiting for the window to close. */
const burstSize = 1000

export function createWriteBehind(options: WriteBehindOptions): WriteBehind {
  const { storage, clock, delayMs, sync, onAppendError, onRemoveError } = options
  let buffer: QueuedEvent[] = []
  let timer: unknown
  let chain: Promise<void> = Promise.resolve()
  /** Operations chained and not finished: a synchronous write may only overtake none. */
  let pending = 0

  const track = (op: Promise<void>) => {
    pending++
    chain = op.finally(() => pending--)
  }

  const append = (events: QueuedEvent[]) => {
    track(chain.then(() => storage.append(events)).catch((error) => onAppendError(events, error)))
  }
  /** Starts the append now, so a storage that writes synchronously has written before we return. */
  const appendNow = (events: QueuedEvent[]) => {
    let written: Promise<void>
    try {
      written = storage.append(events)
    } catch (error) {
      written = Promise.reject(error)
    }
    track(chain.then(() => written).catch((error) => onAppendError(events, error)))
  }

  /** A full buffer in a synchronous burst: written now where the storage can, so memory stays flat. */
  const spill = () => {
    const events = buffer
    buffer = []
    if (pending === 0 && storage.appendSync) {
      try {
        if (storage.appendSync(events)) return
      } catch (error) {
        return onAppendError(events, error)
      }
    }
    append(events)
  }

  const writer: WriteBehind = {
    add(event) {
      if (sync) return appendNow([event])
      buffer.push(event)
      if (buffer.length >= burstSize) spill()
      else if (timer === undefined) timer = clock.setTimeout(writer.flush, delayMs)
    },
    flush() {
      if (timer !== undefined) clock.clearTimeout(timer)
      timer = undefined
      if (buffer.length === 0) return
      const events = buffer
      buffer = []
      append(events)
    },
    remove(ids) {
      track(chain.then(() => storage.remove(ids)).catch(onRemoveError))
    },
    discard(ids) {
      buffer = buffer.filter((event) => !ids.has(event.id))
    },
    async idle() {
      writer.flush()
      for (let current = chain; ; current = chain) {
        await current
        if (current === chain) return
      }
    },
    get buffered() {
      return buffer.length
    },
  }
  return writer
}
