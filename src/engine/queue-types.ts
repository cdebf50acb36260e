import type { TouchpointError } from '../errors'
import type { WireEvent } from '../event/types'
import type { BackoffOptions } from './backoff'
import type { Clock, Logger, QueuedEvent, Storage, Transport } from './types'

/** When a batch goes out. */
export interface BatchOptions {
  /**
   * Send as soon as this many events wait (at most `maxBatchEvents`).
   * @default 20
   */
  maxEvents?: number
  /**
   * Most events in one batch: a backlog (after an outage, or a burst faster than the sends) goes
   * out in batches of this many, bounded by `maxBytes` too. The collector contract caps the body
   * at 500 KB, not the count, so servers may raise it to send fewer, larger requests.
   * @default 100
   */
  maxBatchEvents?: number
  /**
   * Largest request body in bytes. Never above 500 KB.
   * @default 500000
   */
  maxBytes?: number
  /**
   * Send what waits at least this often, in ms.
   * @default 3000
   */
  intervalMs?: number
}

/** How failed batches are retried. */
export interface RetryOptions extends BackoffOptions {
  /**
   * Attempts per batch, the first send included. After the last one a batch is dropped
   * (`dropped` with reason `max-attempts`) — unless the storage is durable, in which case it is
   * parked: released from memory, kept in storage and tried again after `parkMs`, so a collector
   * that is down for an hour never costs a journalled event.
   * @default 10
   */
  maxAttempts?: number
  /**
   * Longest `Retry-After` honoured, in ms; a longer one is cut to this.
   * @default 60000
   */
  maxRetryAfterMs?: number
  /**
   * How long a parked batch rests before it is tried again, in ms (durable storages only).
   * @default 300000
   */
  parkMs?: number
}

/** Options of {@link createQueue}. */
export interface QueueOptions {
  /** Sends batches to the collector. */
  transport: Transport
  /**
   * Where events wait for their acknowledgement. Without one, events live in the queue's memory
   * only (nothing is written anywhere) and `maxInMemory` is raised to `maxQueueSize`.
   * @default none: memory only
   */
  storage?: Storage
  /**
   * Batching thresholds.
   * @default `{ maxEvents: 20, maxBatchEvents: 100, maxBytes: 500000, intervalMs: 3000 }`
   */
  batch?: BatchOptions
  /**
   * Retry policy.
   * @default `{ baseMs: 1000, factor: 2, maxMs: 60000, maxAttempts: 10, maxRetryAfterMs: 60000, parkMs: 300000 }`
   */
  retry?: RetryOptions
  /**
   * Most events kept queued; past it the oldest are dropped and reported (`queue-full`).
   * @default 10000
   */
  maxQueueSize?: number
  /**
   * Most events held in RAM. With a durable storage the rest wait in storage and are read back
   * in order, so memory stays flat however long the collector is away.
   * @default maxQueueSize
   */
  maxInMemory?: number
  /**
   * Batches in flight at once.
   * @default 1
   */
  concurrency?: number
  /**
   * Window in ms during which tracked events are gathered into one `storage.append`.
   * @default 0 (the next macrotask: one write per burst of synchronous calls)
   */
  writeDelayMs?: number
  /**
   * Gate checked before each send: `false` holds events (offline, or another tab is the sender).
   * Call `wake()` when it may have turned `true`.
   * @default () => true
   */
  canSend?: () => boolean
  /**
   * Longest a `flush()` waits when the caller gives no `timeoutMs`, in ms. `Infinity` waits until
   * every batch has settled (delivered, dropped or parked).
   * @default 10000
   */
  flushTimeoutMs?: number
  /** @default the real clock */
  clock?: Clock
  /** @default a silent logger */
  logger?: Logger
  /** Source of randomness for backoff jitter. @default Math.random */
  random?: () => number
}

/** What a flush achieved. */
export interface FlushResult {
  /** Events acknowledged by the collector while the flush ran. */
  sent: number
  /** Events still queued when it resolved (collector down, offline, deadline reached). */
  pending: number
  /** Events dropped while it ran. */
  dropped: number
}

/** Why events were dropped. */
export type DropReason = 'rejected' | 'too-large' | 'max-attempts' | 'queue-full' | 'closed'

/** Events the queue emits. */
export interface QueueEvents {
  [key: string]: unknown
  /** A batch was acknowledged (2xx), or handed to the browser at unload (status 0). */
  delivered: { events: readonly WireEvent[]; status: number }
  /** Events left the queue without delivery. Never silent. */
  dropped: { events: readonly WireEvent[]; reason: DropReason; status?: number }
  /** Something went wrong that did not lose events by itself (storage failure, bad input). */
  error: TouchpointError
}

/** The delivery engine shared by every platform. */
export interface Queue {
  /** Queue one event. Synchronous and cheap; never throws. */
  enqueue(event: QueuedEvent): void
  /** Send everything queued; resolves by the deadline with what is left. Never rejects. */
  flush(options?: { timeoutMs?: number }): Promise<FlushResult>
  /** Subscribe to `delivered`, `dropped`, `error`; returns the unsubscribe function. */
  on<K extends keyof QueueEvents & string>(type: K, listener: (payload: QueueEvents[K]) => void): () => void
  /** Pick up what storage already holds (an earlier page or process) and start the timer. */
  start(): void
  /** `canSend` may have turned true, or another writer appended: try to send now. */
  wake(): void
  /** Resolves once every enqueued event has been handed to `storage.append`. */
  persisted(): Promise<void>
  /** Takes queued events (oldest first, not in flight) whose batch fits in `maxBytes`. */
  takeForUnload(maxBytes: number): QueuedEvent[]
  /** After an unload send: `true` forgets the events, `false` puts them back. */
  settleUnload(ids: readonly string[], sent: boolean): void
  /** Events queued and not yet acknowledged, as far as this queue knows. */
  size(): number
  /** Flush, stop timers and close the storage. */
  close(options?: { timeoutMs?: number }): Promise<FlushResult>
}
