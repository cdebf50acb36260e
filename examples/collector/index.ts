/** The reference collector: `createCollector` and the pieces it is made of. */
export { createCollector, type Collector, type CollectorOptions } from './create-collector'
export { createEventStore, type EventStore, type InsertResult, type StoredEvent } from './event-store'
export { basicAuth } from './write-key'
