/**
 * Everything the context remembers about the visitor, in ONE record: `localStorage` `tp_state`
 * (identity, session, first/last touch, journey state), plus a first-party cookie `tp_aid` with
 * the anonymous id so it survives cleared storage and reaches subdomains.
 *
 * One record means one read and one write per change instead of one per concept: `localStorage`
 * calls cost microseconds each and every write reaches the other tabs as a `storage` event. The
 * record lives in memory between events; it is re-read at most once a second (other tabs write
 * too) and written at once for a change that matters (`save(true)`: new id, session, stage,
 * touch) or at most every 2 s for the rest (last activity, touch count), and on `flush()`. Those
 * minor writes go on top of the stored record, so they never undo another tab's `identify`.
 *
 * Consent decides whether it is written at all (`persist`): reading what a previous visit stored
 * is always fine, writing is not. A store that throws (Safari private mode, disabled storage,
 * quota) leaves the memory copy working for the page.
 */
import type { JsonObject, TouchSummary } from '@touchpoint/core'
import { attempt } from '../attempt'
import type { ContextWindow } from './context-types'

/** The persisted record; short keys, it is written often. */
export interface VisitorRecord {
  /** Anonymous id. */
  a?: string
  /** User id and traits from `identify`. */
  u?: string
  t?: JsonObject
  /** Session: id, start and last activity (ms since epoch). */
  s?: { i: string; b: number; l: number }
  /** First and last touch. */
  f?: TouchSummary
  l?: TouchSummary
  /** Journey state: journey id, furthest stage, touch count. */
  j?: { j: string; s?: string; n: number }
}

/** The visitor's record, held in memory and persisted when consent allows. */
export interface VisitorStore {
  /** The record (mutate it, then `save`); `fresh`: re-read now, not at most once a second. */
  get_(fresh?: boolean): VisitorRecord
  /** Replaces the whole record (logout) and writes it at once. */
  set_(record: VisitorRecord): void
  /**
   * The record changed: written now when `urgent`; a minor change (last activity, touch count) is
   * written now when the last write is 2 s old, else within 2 s, on top of the stored record.
   */
  save_(urgent?: boolean): void
  /** Writes pending minor changes now (page hidden or closing). */
  flush_(): void
  /**
   * Consent: `true` writes the record (and from then on every change), `false` keeps changes in
   * memory. `keepStored`: the grant came from another tab, whose stored values are newer.
   */
  persist_(on: boolean, keepStored?: boolean): void
  /** Consent denied: removes the stored record and the cookie; the page keeps its memory copy. */
  forget_(): void
  /** The anonymous id: stored, else the cookie's, else new (written when allowed). */
  anonymousId_(): string
  /**
   * One touch was added to the record's journey count (`j.n`): until it is written, it goes on
   * top of the stored count, which another tab may have raised meanwhile.
   */
  touched_(): void
}

/** Storage key of the record. */
export const stateKey = 'tp_state'
/** Name of the anonymous-id cookie (also spelled out in the pattern that reads it). */
const cookieName = 'tp_aid'

/** Creates the store. Nothing is read until the first call; without a window it is memory only. */
export function createVisitorStore(win: ContextWindow | undefined, now: () => number, newId: () => string, persisting: boolean, cookieDomain?: string): VisitorStore {
  let record: VisitorRecord = {}
  let readAt = -Infinity
  let writtenAt = -Infinity
  /** Memory is newer than storage (a write is pending, or writing is not allowed). */
  let dirty = false
  let timer: ReturnType<typeof setTimeout> | undefined
  /** The anonymous id this page last wrote to the cookie. */
  let cookie = ''
  /**
   * The last write failed (storage full): what is stored is older than memory, and reading it
   * back would undo this page's session and journey (a new session and landing touch each second).
   */
  let failed: boolean | undefined
  /** Touches counted on this page and not written yet (see `touched_`). */
  let added = 0
  /** The anonymous id last read from or written to storage. */
  let seen: string | undefined

  /** The stored record, or `undefined` when there is none or it is unreadable. */
  const read = (): VisitorRecord | undefined =>
    attempt(() => {
      const stored = !failed && (JSON.parse(win!.localStorage!.getItem(stateKey)!) as VisitorRecord | null)
      if (stored && typeof stored === 'object') {
        seen = stored.a
        return stored
      }
    })
  const setCookie = (value: string, maxAge: number): void => {
    // Counted as written even when the document refuses cookies (sandboxed): no retry per event.
    cookie = value
    attempt(() => {
      const doc = win!.document
      doc.cookie = `${cookieName}=${encodeURIComponent(value)}; Max-Age=${maxAge}; Path=/; SameSite=Lax${cookieDomain ? `; Domain=${cookieDomain}` : ''}${doc.location?.protocol === 'https:' ? '; Secure' : ''}`
    })
  }
  const write = (): void => {
    clearTimeout(timer)
    timer = undefined
    if (!persisting || !win) return
    dirty = false
    writtenAt = readAt = now()
    // Touches are counted on top of the stored count of the same visitor and journey: two tabs
    // counting within one write window would otherwise each write their own total, and the last
    // one would undo the other's.
    const stored = added && read()
    if (stored && stored.a === record.a && stored.j && stored.j.j === record.j?.j) record.j.n = stored.j.n + added
    try {
      failed = true
      win.localStorage!.setItem(stateKey, JSON.stringify(record))
      failed = false
      added = 0
      seen = record.a
    } catch {}
    // Written when it changed, and once per page load: a year counted from the last visit.
    if (record.a && record.a !== cookie) setCookie(record.a, 31_536_000)
  }
  /**
   * Puts the minor changes still pending (last activity, touch count) on top of what is stored:
   * another tab may have identified, reset or recorded a touch since this one read. They apply
   * only to the visitor, session and stage they were made on: another tab's reset (new
   * anonymous id), new session or new stage wins, else a stale copy would bring back a
   * logged-out visitor's session or move the journey back (and enter a stage twice). Touches
   * counted here go on top of the stored count, which other tabs' touches may have raised.
   */
  const merge = (): void => {
    const stored = persisting && read()
    if (stored) {
      const { a, s, j } = record
      record = stored
      if (a === stored.a) {
        if (s?.i === stored.s?.i) stored.s = s
        // The stored count, plus this page's touches not written yet (see `touched_`).
        if (j && j.s === stored.j?.s) stored.j = { ...j, n: (stored.j?.n ?? 0) + added }
        // Another visitor now (logged out in another tab): this page's touches were the last one's.
      } else added = 0
    }
  }
  /** Writes the minor changes still pending, merged (see `merge`). */
  const flush = (): void => {
    if (!dirty) return
    merge()
    write()
  }
  const save = (urgent?: boolean): void => {
    dirty = true
    if (urgent) write()
    else if (now() - writtenAt >= 2000) flush()
    // Server-side rendering has nothing to write: no timer keeps Node alive.
    else if (win) timer ??= setTimeout(flush, 2000)
  }
  const get = (fresh?: boolean): VisitorRecord => {
    const at = now()
    if (fresh || at - readAt >= 1000 || at < readAt) {
      // Storage that lost the record (or never kept it) leaves this page's copy in place. A
      // pending write of this tab's goes on top, so a write made now keeps what other tabs wrote.
      if (dirty) merge()
      else record = read() ?? record
      readAt = at
    }
    return record
  }
  return {
    get_: get,
    set_(next) {
      record = next
      added = 0
      save(true)
    },
    touched_: () => void added++,
    save_: save,
    flush_: flush,
    persist_(on, keepStored) {
      persisting = on
      if (on) {
        if (keepStored) {
          // This page's visitor came from storage and another one is there now (a logout in that
          // tab): nothing of the old one carries over. Otherwise (this page made its visitor while
          // it could not write), what is stored wins and this page fills in what is missing.
          const mine = record.a === seen
          const stored = read()
          if (stored && mine && stored.a !== record.a) {
            record = stored
            added = 0
          } else record = { ...record, ...stored }
        }
        write()
      }
    },
    forget_() {
      attempt(() => win!.localStorage!.removeItem(stateKey))
      setCookie('', 0)
    },
    anonymousId_() {
      const current = get()
      if (!current.a) {
        current.a =
          attempt(() => {
            const match = /(?:^|;\s*)tp_aid=([^;]*)/.exec(win!.document.cookie)
            return match && decodeURIComponent(match[1]!)
          }) || newId()
      }
      // First use on this page: write it (with the cookie copy, refreshed on every page load).
      if (current.a !== cookie) save(true)
      return current.a
    },
  }
}
