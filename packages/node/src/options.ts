import type { Journey, Logger, PurchaseFunnelJourney, RetryOptions } from '@touchpoint/core'

/** How much a crash may cost when `dataDir` is set. */
export type Durability =
  /**
   * Tracked events are gathered for `appendWindowMs` (by default until the current burst of
   * synchronous code ends) and written in one append. `kill -9` loses at most that window.
   */
  | 'batch'
  /** Every event is written to the journal before `track` returns. Slower; loses nothing on `kill -9`. */
  | 'every-event'

/** Options of `createTracker` in `@touchpoint/node`. */
export interface NodeTrackerOptions<J extends Journey<string, string> = PurchaseFunnelJourney> {
  /** The collector's batch endpoint, e.g. `https://collect.example.com/v1/batch`. */
  endpoint: string
  /** Your write key, sent as HTTP Basic auth (`base64(writeKey + ':')`). @default none */
  writeKey?: string
  /**
   * Directory of the on-disk journal (created when missing). Without it events live in memory
   * only and a crash or restart loses what was not yet delivered.
   * @default undefined (memory only)
   */
  dataDir?: string
  /** Send a batch as soon as this many events wait (at most `maxBatchEvents`). @default 100 */
  flushAt?: number
  /**
   * Most events in one request when more wait (a burst, or the backlog after an outage); each
   * body also stays within 500 KB. Servers send in bulk: 500 per request instead of 100 cut a
   * 200,000-event burst from 2,000 requests to 400 and its delivery time by about half (bench:node).
   * @default 500
   */
  maxBatchEvents?: number
  /** Send what waits at least this often, in ms. @default 10000 */
  flushIntervalMs?: number
  /**
   * Most events kept queued; past it the oldest are dropped and reported (`dropped`, reason
   * `queue-full`). With a journal this bounds disk use, not memory.
   * @default 1_000_000 with `dataDir`, 250_000 without
   */
  maxQueueSize?: number
  /**
   * Most events held in RAM. With `dataDir`, the rest wait in the journal and are read back in
   * order, so memory stays flat while the collector is down.
   * @default `concurrency × maxBatchEvents` (2,000) with `dataDir`, `maxQueueSize` without
   */
  maxInMemory?: number
  /** Batches in flight at once. @default 4 */
  concurrency?: number
  /**
   * Retry policy for 408, 429, 5xx and network failures: exponential backoff with jitter,
   * `Retry-After` honoured. With `dataDir`, a batch that used up its attempts is parked in the
   * journal and tried again later instead of being dropped.
   * @default { baseMs: 1000, factor: 2, maxMs: 60000, maxAttempts: 10, maxRetryAfterMs: 60000 }
   */
  retry?: RetryOptions
  /** Timeout of one HTTP request, in ms. @default 10000 */
  timeoutMs?: number
  /** Bodies of more bytes than this are gzipped (`Infinity` disables). @default 2048 */
  gzipThreshold?: number
  /** Extra HTTP headers on every request. @default {} */
  headers?: Record<string, string>
  /** The `fetch` to use (proxies, custom agents, tests); `transport: 'fetch'` only. @default globalThis.fetch */
  fetch?: typeof fetch
  /**
   * How batches are posted: `'fetch'` (global `fetch`, undici, keep-alive) or `'http'`
   * (`node:http` / `node:https` with a keep-alive `Agent` of `concurrency` sockets), which spends
   * about a third of the CPU per request (measured on loopback) but ignores the `fetch` option.
   * @default 'fetch'
   */
  transport?: 'fetch' | 'http'
  /** See {@link Durability}. Only meaningful with `dataDir`. @default 'batch' */
  durability?: Durability
  /**
   * With `durability: 'batch'`, how long tracked events are gathered into one journal write, in ms.
   * `0` writes at the end of the current burst of synchronous calls (next macrotask).
   * @default 0
   */
  appendWindowMs?: number
  /** `fsync` the journal after every write, to survive power loss as well as crashes. @default false */
  fsync?: boolean
  /**
   * Flush on `SIGTERM`, `SIGINT` (then exit as the signal would have) and once on `beforeExit`.
   * @default false
   */
  handleSignals?: boolean
  /** Default deadline of `flush()` and of signal-triggered shutdowns, in ms. @default 10000 */
  flushTimeoutMs?: number
  /** Log decisions (batching, retries, drops, invalid input) to the console. @default false */
  debug?: boolean
  /** Where logs go. @default console when `debug`, silent otherwise */
  logger?: Logger
  /** The journey touchpoints are placed on (stage lookup for `touchpoint` events). @default presets.purchaseFunnel */
  journey?: J
}
