/**
 * One tab at a time sends the shared IndexedDB queue, so no event goes out twice.
 *
 * Where `navigator.locks` exists (every current browser), the sender holds the Web Lock
 * `touchpoint:sender` for the tab's whole life; the browser hands it to the next waiting tab when
 * the holder closes or crashes. Elsewhere a lease in `localStorage` is renewed by a heartbeat and
 * taken over when it expires. Without either, every tab sends (the collector dedups by
 * `messageId`); see docs/browser.md.
 */
import type { Clock } from '@touchpoint/core'

/** The part of the Web Locks API the lock uses. */
export interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal; ifAvailable?: boolean }, callback: (lock: unknown) => Promise<void>): Promise<unknown>
}

/** The part of `localStorage` the lease fallback uses. */
export interface LeaseStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** Options of {@link createLeaderLock}. */
export interface LeaderLockOptions {
  /** Called when this tab becomes the sender (wake the queue: it re-reads the shared store). */
  onAcquire: () => void
  /**
   * Lock (and lease key) name; tabs using the same name elect one sender.
   * @default 'touchpoint:sender'
   */
  name?: string
  /**
   * Web Locks; `undefined` switches to the lease.
   * @default globalThis.navigator?.locks
   */
  locks?: LockManagerLike
  /**
   * Where the lease lives when Web Locks are missing; `undefined` makes every tab a sender.
   * @default globalThis.localStorage
   */
  leaseStore?: LeaseStore
  /**
   * How long a lease lasts without renewal; renewed every third of it.
   * @default 6000
   */
  leaseMs?: number
  /** Timers and time. @default systemClock */
  clock: Clock
}

/** This tab's claim on sending the shared queue. */
export interface LeaderLock {
  /** Whether this tab sends the shared queue right now. */
  isLeader(): boolean
  /** Resolves once the first election is decided: `true` when this tab became the sender. */
  ready(): Promise<boolean>
  /** Gives the role up (page unload) so another tab takes over at once. */
  release(): void
}

function webLock(locks: LockManagerLike, name: string, onAcquire: () => void): LeaderLock {
  let leader = false
  let releaseHeld: (() => void) | undefined
  let decided: (leader: boolean) => void = () => undefined
  const ready = new Promise<boolean>((resolve) => (decided = resolve))
  const abort = new AbortController()
  const hold = () => {
    // Given up (pagehide) before the browser granted it: let it go at once, or it is held forever.
    if (abort.signal.aborted) return Promise.resolve()
    leader = true
    decided(true)
    onAcquire()
    // Held until release(): the lock passes to the next tab only when this one goes away.
    return new Promise<void>((resolve) => (releaseHeld = resolve))
  }
  // First ask without waiting, so `ready` knows at once whether another tab leads; then queue up.
  locks
    .request(name, { ifAvailable: true }, (lock) => {
      if (lock) return hold()
      decided(false)
      if (!abort.signal.aborted) locks.request(name, { signal: abort.signal }, hold).catch(() => undefined)
      return Promise.resolve()
    })
    .catch(() => decided(false))
  return {
    isLeader: () => leader,
    ready: () => ready,
    release() {
      leader = false
      abort.abort()
      decided(false)
      releaseHeld?.()
    },
  }
}

/** Wait before a new lease claim is read back and confirmed. */
const CONFIRM_MS = 50

function lease(store: LeaseStore, name: string, leaseMs: number, clock: Clock, onAcquire: () => void): LeaderLock {
  const id = `${clock.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  let leader = false
  let timer: unknown
  let released = false
  let decided: (leader: boolean) => void = () => undefined
  const ready = new Promise<boolean>((resolve) => (decided = resolve))

  const read = (): { owner: string; expires: number } | undefined => {
    const [owner = '', expires = '0'] = (store.getItem(name) ?? '').split('|')
    return owner ? { owner, expires: Number(expires) } : undefined
  }
  const tick = (): void => {
    let delay = leaseMs / 3
    try {
      const current = read()
      const mine = current?.owner === id
      // Leadership is confirmed one tick after writing: two tabs writing at once both read the
      // winner's id back on their next tick, so only the last writer leads.
      if (mine && !leader) {
        leader = true
        decided(true)
        onAcquire()
      } else if (!mine) leader = false
      if (current && !mine && current.expires >= clock.now()) decided(false)
      if (mine || !current || current.expires < clock.now()) {
        store.setItem(name, `${id}|${clock.now() + leaseMs}`)
        // A fresh claim is confirmed soon: a tab writing in the same instant has written by then.
        if (!mine) delay = CONFIRM_MS
      }
    } catch {
      // localStorage throws (disabled, quota): fall back to every tab sending.
      if (!leader) {
        leader = true
        decided(true)
        onAcquire()
      }
    }
    if (!released) timer = clock.setTimeout(tick, delay)
  }
  tick()
  return {
    isLeader: () => leader,
    ready: () => ready,
    release() {
      released = true
      leader = false
      decided(false)
      clock.clearTimeout(timer)
      try {
        if (read()?.owner === id) store.removeItem(name)
      } catch {}
    },
  }
}

/**
 * Starts competing for the sender role. Never throws: a failing lock API degrades to the lease,
 * a failing lease to every tab sending.
 */
export function createLeaderLock(options: LeaderLockOptions): LeaderLock {
  const { onAcquire, name = 'touchpoint:sender', leaseMs = 6000, clock } = options
  const locks = 'locks' in options ? options.locks : (globalThis.navigator?.locks as LockManagerLike | undefined)
  if (locks) {
    try {
      return webLock(locks, name, onAcquire)
    } catch {}
  }
  let store: LeaseStore | undefined
  try {
    store = 'leaseStore' in options ? options.leaseStore : globalThis.localStorage
  } catch {} // reading localStorage itself throws when storage is disabled
  if (store) return lease(store, name, leaseMs, clock, onAcquire)
  queueMicrotask(onAcquire)
  return { isLeader: () => true, ready: () => Promise.resolve(true), release() {} }
}
