import type { Clock, QueuedEvent, Storage } from './types'

/**
 * Write-behind for a `Storage`: tracked events are gathered for `delayMs` and appended in one
 * call (one IndexedDB transaction, one journal write), and every storage operation runs in
 * order, so a remove never overtakes the append of the same events.
 */
export interface WriteBehind {
  /** Buffers an event for the next batched append. */
  add(event: QueuedEvent): void
  /** Starts the append of everything buffered. */
  flush(): void
  /** Chains a removal after every write started so far. */
  remove(ids: readonly string[]): void
  /** Forgets buffered events that must never be written (they left by beacon, or were dropped). */
  discard(ids: ReadonlySet<string>): void
  /** Resolves once every operation started so far, and any chained meanwhile, is done. */
  idle(): Promise<void>
}

export interface WriteBehindOptions {
  storage: Storage
  clock: Clock
  /** Gathering window in ms. */
  delayMs: number
  /** An append failed: the events are not in storage. */
  onAppendError(events: readonly QueuedEvent[], error: unknown): void
  /** A removal failed: the events may be sent again later. */
  onRemoveError(error: unknown): void
}

/** Events gathered before a burst is written without waiting for the window to close. */
const burstSize = 1000

export function createWriteBehind(options: WriteBehindOptions): WriteBehind {
  const { storage, clock, delayMs, onAppendError, onRemoveError } = options
  let buffer: QueuedEvent[] = []
  let timer: unknown
  let chain: Promise<void> = Promise.resolve()
  /** Operations chained and not finished: a synchronous write may only overtake none. */
  let pending = 0

  const track = (op: Promise<void>) => {
    pending++
    chain = op.finally(() => pending--)
  }

  /**
   * Hands what is buffered to storage. A burst that fills the buffer (a server's tight loop)
   * is written synchronously where the storage can and nothing is queued before it, so the
   * events wait on disk rather than in memory; anything else is chained behind earlier work.
   */
  const write = (burst: boolean) => {
    if (timer !== undefined) clock.clearTimeout(timer)
    timer = undefined
    const events = buffer
    if (events.length === 0) return
    buffer = []
    if (burst && pending === 0 && storage.appendSync) {
      try {
        if (storage.appendSync(events)) return
      } catch (error) {
        return onAppendError(events, error)
      }
    }
    track(chain.then(() => storage.append(events)).catch((error) => onAppendError(events, error)))
  }

  const writer: WriteBehind = {
    add(event) {
      buffer.push(event)
      if (buffer.length >= burstSize) write(true)
      else timer ??= clock.setTimeout(writer.flush, delayMs)
    },
    flush: () => write(false),
    remove(ids) {
      // What is still buffered may hold these very events (a collector that answered within the
      // window): their append goes first, or it would write them back after the remove.
      write(false)
      track(chain.then(() => storage.remove(ids)).catch(onRemoveError))
    },
    discard(ids) {
      buffer = buffer.filter((event) => !ids.has(event.id))
    },
    async idle() {
      write(false)
      for (let current = chain; ; current = chain) {
        await current
        if (current === chain) return
      }
    },
  }
  return writer
}
