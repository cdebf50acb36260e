/**
 * `@touchpoint/browser`: record a landing page's touchpoints and deliver them, offline-safe and
 * shared across tabs, to any Segment-compatible collector.
 */
export { createTracker, createConsoleLogger, library, type Tracker, type TrackerOptions } from './create-tracker'
export { createIdbStorage, type IdbStorageOptions } from './idb-storage'
export { createFallbackStorage } from './fallback-storage'
export { createFetchTransport, KEEPALIVE_BUDGET_BYTES, type FetchTransport, type FetchTransportOptions } from './fetch-transport'
export { createLeaderLock, type LeaderLock, type LeaderLockOptions } from './leader-lock'
export { createUnloadSender, listenForUnload, type UnloadSenderOptions } from './unload'
