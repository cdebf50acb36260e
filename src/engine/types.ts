/**
 * The contracts between the delivery engine and the platforms it runs on.
 * The engine never touches a platform global: adapters inject a `Storage`, a `Transport`,
 * a `Clock` and a `Logger`.
 */

/**
 * An event waiting for delivery. The engine keeps the serialized JSON, not the object: it is
 * what goes on the wire (batches are built by joining strings, never re-serialized), it is what
 * storages persist, and a string costs a fraction of the memory of the object graph.
 * Use `parseQueuedEvent` (src/engine/batch.ts) where the object is needed.
 */
export interface QueuedEvent {
  /** The event's `messageId`: the idempotency key and the storage key. */
  readonly id: string
  /** `JSON.stringify(event)`, computed once when the event is built. */
  readonly json: string
  /** Size of `json` in bytes (UTF-8). */
  readonly bytes: number
}

/**
 * Where queued events live until their batch is acknowledged.
 *
 * The engine holds the authoritative order in memory only up to its in-memory cap; a durable
 * storage (IndexedDB, an on-disk journal) keeps everything, so a reload or a crashed process
 * picks up what was written but never acknowledged.
 */
export interface Storage {
  /**
   * Persist new events. The engine calls it once per batch of tracked events (never once per
   * event on the hot path). It resolves when the events are as durable as the storage can make them.
   */
  append(events: readonly QueuedEvent[]): Promise<void>
  /**
   * Optional: the same as `append`, done before returning when the storage can (nothing else in
   * progress), returning `true`; `false` means "use `append`". Throws when the write fails. Lets
   * the engine write a long synchronous burst of `track` calls as it goes instead of holding every
   * event in memory until the burst ends.
   */
  appendSync?(events: readonly QueuedEvent[]): boolean
  /**
   * The oldest stored events, at most `limit`, skipping the ids in `exclude` (events the engine
   * already holds in memory or has in flight). Used on start and to refill after a spill.
   */
  read(limit: number, exclude: ReadonlySet<string>): Promise<QueuedEvent[]>
  /** Forget events that were acknowledged or dropped. Unknown ids are ignored. */
  remove(ids: readonly string[]): Promise<void>
  /** How many events are stored. */
  count(): Promise<number>
  /**
   * `true` when other writers (other tabs of the same site) may append to the same store, so the
   * engine re-reads it before each flush instead of trusting its own memory.
   * @default false
   */
  readonly shared?: boolean
  /**
   * `true` when the storage keeps events that the engine let go of from memory, so the engine may
   * keep only a window of them in RAM and read the rest back later.
   * @default false
   */
  readonly durable?: boolean
  /** Release files, locks or connections. */
  close?(): Promise<void>
}

/** One HTTP request's worth of events, ready for a transport. */
export interface OutgoingBatch {
  /** The events in the batch (for transports that build their own body, e.g. beacons adding `writeKey`). */
  readonly events: readonly QueuedEvent[]
  /** The Segment-spec body: `{ batch, sentAt }` (plus `writeKey` where the transport needs it). */
  readonly body: string
  /** Number of events in the batch. */
  readonly count: number
  /** Byte size of `body`. */
  readonly bytes: number
}

/** What came back from a delivery attempt. A transport never throws: failures are results. */
export type TransportResult =
  | {
      readonly ok: true
      readonly status: number
    }
  | {
      readonly ok: false
      /** HTTP status, or 0 for a network failure, a timeout or a connection reset. */
      readonly status: number
      /** `Retry-After` in milliseconds, when the collector sent one. */
      readonly retryAfterMs?: number
      /** A short reason for logs and `error` events. */
      readonly reason?: string
    }

/** Sends one batch to the collector. */
export interface Transport {
  send(batch: OutgoingBatch): Promise<TransportResult>
}

/** Time, injectable so tests can run an hour of retries in a millisecond. */
export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Where debug decisions go. Every method is optional in spirit: the default logger is silent. */
export interface Logger {
  debug(message: string, data?: unknown): void
  warn(message: string, data?: unknown): void
}
