/**
 * @touchpoint/node — record post-purchase touchpoints (invoices, order-confirmation emails,
 * support tickets…) from servers, durably: an on-disk journal survives `kill -9`, a keep-alive
 * HTTP transport delivers batches, and the core engine retries until the collector acknowledges.
 */
export { createTracker, type Identity, type NodeTouchpointInput, type NodeTracker } from './tracker'
export type { Durability, NodeTrackerOptions } from './options'
export { createJournalStorage, type JournalOptions, type JournalStorage } from './journal-storage'
export { createHttpTransport, type HttpTransport, type HttpTransportOptions } from './http-transport'
export { createNodeHttpTransport, type NodeHttpTransportOptions } from './node-http-transport'
export type {
  CallOptions,
  FlushResult,
  JourneyToken,
  QueueEvents,
  TouchpointError,
  WireEvent,
} from '@touchpoint/core'
