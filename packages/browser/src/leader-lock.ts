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
  /** Settles once the first election is decided: `true` when this tab became the sender. */
  ready: Promise<boolean>
  /** Gives the role up (page hidden for good, tracker closed) so another tab takes over at once. */
  release(): void
}

const NAME = 'touchpoint:sender'
const LEASE_MS = 6000

/**
 * Starts competing for the sender role; `onAcquire` runs each time this tab becomes the sender
 * (wake the queue: it re-reads the shared store). Never throws: a missing or failing lock API
 * degrades to the lease, a missing or throwing `localStorage` to every tab sending.
 *
 * @param locks Web Locks; `null` forces the lease. @default navigator.locks
 * @param store Where the lease lives; `null` makes every tab a sender. @default localStorage
 */
export function createLeaderLock(onAcquire: () => void, locks?: LockManagerLike | null, store?: LeaseStore | null): LeaderLock {
  const id = Math.random().toString(36).slice(2)
  const abort = new AbortController()
  let leader = false
  let released = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let letGo: (() => void) | undefined
  let decide!: (leader: boolean) => void
  const ready = new Promise<boolean>((resolve) => (decide = resolve))
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
      const free = !owner || Number(expires) < Date.now()
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
    locks = locks === undefined ? navigator.locks : locks
    // First ask without waiting, so `ready` knows at once whether another tab leads; then queue up.
    locks!
      .request(NAME, { ifAvailable: true }, (lock) => {
        if (lock) return hold()
        decide(false)
        if (!released) locks!.request(NAME, { signal: abort.signal }, hold).catch(() => undefined)
      })
      .catch(() => decide(false))
  } catch {
    try {
      store = store === undefined ? localStorage : store
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
