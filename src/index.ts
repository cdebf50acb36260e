/**
 * @touchpoint/core — the event model, journeys and catalog, the one delivery engine and the
 * journey analysis. Platform adapters (`@touchpoint/browser`, `@touchpoint/node`) inject storage
 * and transport; nothing here touches a platform global, and nothing runs at import time.
 */
export * from './errors'
export type * from './event/types'
export type * from './engine/types'
export type * from './journey/types'

export { createQueue } from './engine/queue'
export type * from './engine/queue-types'
export { backoff, type BackoffOptions } from './engine/backoff'
export { createEmitter, type Emitter, type Listener } from './engine/emitter'
export { createMemoryStorage } from './engine/memory-storage'
export { systemClock, silentLogger } from './engine/clock'
export { serializeBatch, parseQueuedEvent, batchLength, batchBytes, MAX_BATCH_BYTES, MAX_BATCH_EVENTS } from './engine/batch'
export { classify, type Verdict } from './engine/retry-policy'

export { createClient, createClientWith, type Client, type ClientOptions, type CallOptions, type TrackTouchpoint, type TrackAnyEvent } from './client'
export { createEventBuilder, createEventBuilderWith, stableContext, type BuildResult, type EventBuilder, type EventBuilderOptions } from './event/build-event'
export { serializeEvent, defaultMaxEventBytes, type EventWriter, type EventWriterFactory } from './event/serialize-event'
export { createPlainEventWriter } from './event/plain-writer'
export { utf8Length } from './event/utf8'
export { decodeJourneyToken, encodeJourneyToken, maxJourneyTokenLength, type JourneyToken } from './event/journey-token'
export { createUuidV7, uuidv7, type RandomBytes } from './event/uuid-v7'
export { sanitizeJson, type SanitizeOptions, type SanitizeResult } from './event/sanitize-json'
// The zod schemas live at '@touchpoint/core/schemas', so trackers never bundle zod.
export * from './journey/index'

export { analyzeJourneys } from './analysis/analyze-journeys'
export { attributionShares } from './analysis/attribution-models'
export { ATTRIBUTION_MODELS } from './analysis/options'
export { SEGMENT_RULES, SEGMENTS, classifyCustomer } from './analysis/segments'
export type * from './analysis/types'
export { parseRetryAfter } from './engine/retry-after'
