/**
 * The browser session: one id while the visitor keeps interacting, renewed after 30 minutes idle
 * or 24 hours in total (the web-analytics convention). Kept in the visitor record in
 * `localStorage`, not `sessionStorage`, so every tab of the site shares one session, as a visitor
 * would expect. A new session is written at once, the last activity at most every 2 s.
 */
import type { VisitorRecord, VisitorStore } from './visitor-store'

/** Longest a session lasts, however active the visitor is: 24 hours. */
const maxSessionMs = 86_400_000

/** The live session of `record` at `at`, or `undefined` once it expired (idle or too long). */
export function liveSession({ s }: VisitorRecord, at: number, idleMs: number): VisitorRecord['s'] {
  // A clock set back (or a corrupted record) must not keep a session alive forever.
  if (typeof s?.i === 'string' && at - s.l <= idleMs && at - s.b < maxSessionMs && s.b <= at + idleMs) return s
}

/**
 * Records activity at `at`: returns the session id and whether this call started the session
 * (first event ever, after the idle timeout or the maximum length, after `reset()`).
 */
export function touchSession(store: VisitorStore, at: number, idleMs: number, newId: () => string): [id: string, isNew: boolean] {
  const record = store.get_()
  const live = liveSession(record, at, idleMs)
  if (!live) {
    record.s = { i: newId(), b: at, l: at }
    store.save_(true)
    return [record.s.i, true]
  }
  if (at > live.l) {
    live.l = at
    store.save_()
  }
  return [live.i, false]
}
