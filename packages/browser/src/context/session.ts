/**
 * The browser session: one id while the visitor keeps interacting, renewed after 30 minutes idle
 * or 24 hours in total (the web-analytics convention). Kept in `localStorage`, not
 * `sessionStorage`, so every tab of the site shares one session, as a visitor would expect.
 * Held in memory between events: a new session is written at once, the last-activity time at
 * most every 2 s and when the page is hidden (see `createPersistedValue`).
 */
import { createPersistedValue, type KeyValueStore } from './key-value-store'

/** Options of {@link createSession}. */
export interface SessionOptions {
  store: KeyValueStore
  /** Current time in milliseconds. */
  now: () => number
  /** Makes a new session id. */
  newId: () => string
  /**
   * Inactivity after which the next event starts a new session.
   * @default 1_800_000 (30 minutes)
   */
  idleMs?: number
  /**
   * Longest a session lasts, however active the visitor is.
   * @default 86_400_000 (24 hours)
   */
  maxMs?: number
  /**
   * Storage key.
   * @default 'tp_session'
   */
  key?: string
}

/** What is persisted: the id and the two times the expiry rules need. */
interface SessionRecord {
  id: string
  /** Start, ms since epoch. */
  start: number
  /** Last activity, ms since epoch. */
  last: number
}

/** A session tracker. */
export interface Session {
  /**
   * Records activity now and returns the session id; `isNew` is `true` when this call started
   * the session (first event ever, after idle timeout, after the maximum length, after `end()`).
   */
  touch(): { id: string; isNew: boolean }
  /** The live session id without recording activity; `undefined` when none is live. */
  current(): string | undefined
  /** Ends the session: the next `touch()` starts a new one. */
  end(): void
  /** Writes the last activity now (page hidden or closing). */
  flush(): void
}

/** Creates a session tracker over a store. Nothing is read until the first call. */
export function createSession({ store, now, newId, idleMs = 1_800_000, maxMs = 86_400_000, key = 'tp_session' }: SessionOptions): Session {
  const saved = createPersistedValue<SessionRecord>(store, key, now)
  const live = (at: number): SessionRecord | undefined => {
    const record = saved.get()
    if (!record || typeof record.id !== 'string') return undefined
    // A clock set back (or a corrupted record) must not keep a session alive forever.
    if (at - record.last > idleMs || at - record.start >= maxMs || record.start > at + idleMs) return undefined
    return record
  }
  return {
    touch() {
      const at = now()
      const record = live(at)
      if (!record) {
        const id = newId()
        saved.set({ id, start: at, last: at }, true)
        return { id, isNew: true }
      }
      if (at > record.last) saved.set({ id: record.id, start: record.start, last: at })
      return { id: record.id, isNew: false }
    },
    current: () => live(now())?.id,
    end: () => saved.set(undefined, true),
    flush: saved.flush,
  }
}
