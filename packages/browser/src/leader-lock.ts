/**
 * One tab at a time sends the shared IndexedDB queue, so no event goes out twice.
 *
 * Where `navigator.locks` exists (every current browser), the sender holds the Web Lock
 * `touchpoint:sender` for the tab's whole life; the browser hands it to the next waiting tab when
 * the holder closes or crashes. Elsewhere a lease in `localStorage` under the same name is renewed
 * every 2 s, valid 6 s, and taken over when it expires. Without either, every tab sends (the
 * collector dedups by `messageId`); see docs/browser.md.
 */

/** The part of the Web Locks API the lock uses. */
export interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal; ifAvailable?: boolean }, callback: (lock: unknown) => unknown): Promise<unknown>
}

/** The part of `localStorage` the lease fallback uses. */
export type LeaseStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** This tab's claim on sending the shared queue. */
export interface LeaderLock {
  /** Whether this tab sends the shared queue right now. */
  isLeader(): boolean
  /**
   * Settles once the first election is decided (normally a task or two), `true` when this tab
   * became the sender; `false` after 500 ms at the latest, so a `flush()` waiting for it never hangs.
   */
  ready: Promise<boolean>
  /** Gives the role up (page hidden for good, tracker closed) so another tab takes over at once. */
  release(): void
}

const NAME = 'touchpoint:sender'
const LEASE_MS = 6000

/**
 * Starts competing for the sender role; `onAcquire` runs each time this tab becomes the sender
 * (wake the queue: it re-reads the shared store). Uses `navigator.locks`, else a lease in
 * `localStorage`. Never throws: a missing or failing lock API degrades to the lease, a missing
 * or throwing `localStorage` to every tab sending.
 */
export function createLeaderLock(onAcquire: () => void): LeaderLock {
  const id = `${Math.random()}`
  const abort = new AbortController()
  let leader = false
  let released = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let letGo: (() => void) | undefined
  let store: LeaseStore | undefined
  let decide!: (leader: boolean) => void
  const ready = new Promise<boolean>((resolve) => setTimeout((decide = resolve), 500, false))
  const lead = () => {
    if (!leader) {
      leader = true
      decide(true)
      onAcquire()
    }
  }
  // Held until release(): the lock passes to the next tab only when this one goes away. Given up
  // before the browser granted it: let it go at once, or it would be held forever.
  const hold = () => (released ? 0 : (lead(), new Promise<void>((resolve) => (letGo = resolve))))

  /** The lease: a claim is confirmed one tick after writing it, so of two tabs writing at once only the last one leads. */
  const tick = () => {
    let delay = LEASE_MS / 3
    try {
      const [owner, expires] = store!.getItem(NAME)?.split('|') ?? []
      const mine = owner === id
      const free = !owner || +expires! < Date.now()
      if (mine) lead()
      else {
        leader = false
        if (!free) decide(false)
      }
      if (mine || free) {
        store!.setItem(NAME, `${id}|${Date.now() + LEASE_MS}`)
        if (!mine) delay = 50
      }
    } catch {
      lead() // no or throwing localStorage: every tab sends
    }
    if (!released) timer = setTimeout(tick, delay)
  }

  try {
    const locks: LockManagerLike = navigator.locks
    // First ask without waiting, so `ready` knows at once whether another tab leads; then queue up.
    locks
      .request(NAME, { ifAvailable: true }, (lock) => {
        if (lock) return hold()
        decide(false)
        if (!released) locks.request(NAME, { signal: abort.signal }, hold).catch(() => undefined)
      })
      .catch(() => decide(false))
  } catch {
    try {
      store = localStorage
    } catch {} // reading `localStorage` itself throws when storage is disabled
    tick()
  }

  return {
    isLeader: () => leader,
    ready,
    release() {
      released = true
      leader = false
      decide(false)
      abort.abort()
      letGo?.()
      clearTimeout(timer)
      try {
        if (store?.getItem(NAME)?.startsWith(id)) store.removeItem(NAME)
      } catch {}
    },
  }
}
