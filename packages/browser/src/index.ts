/**
 * `@touchpoint/browser`: record a landing page's touchpoints and deliver them, offline-safe and
 * shared across tabs, to any Segment-compatible collector.
 */
export { createTracker, library, type Tracker, type TrackerOptions } from './create-tracker'
export { createIdbStorage } from './idb-storage'
export { createFetchTransport, KEEPALIVE_BUDGET_BYTES, type FetchTransport } from './fetch-transport'
export { createLeaderLock, type LeaderLock, type LockManagerLike, type LeaseStore } from './leader-lock'
