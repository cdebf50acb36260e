/**
 * Where the collector keeps events: one SQLite table through node-sqlite3-wasm, whose WebAssembly
 * build ships inside the npm package (no compiler, no native download at `npm install`).
 * The `messageId` is the primary key, so the database itself enforces the dedup that makes the
 * trackers' at-least-once delivery exactly-once in storage.
 */
import { createRequire } from 'node:module'
import type { WireEvent } from '@touchpoint/core'

type Sqlite = typeof import('node-sqlite3-wasm')

/** The driver is CommonJS without named ESM exports; `require` it when a store is opened, not at import. */
const loadSqlite = (): Sqlite => createRequire(import.meta.url)('node-sqlite3-wasm') as Sqlite

/** Counts of one insert. */
export interface InsertResult {
  /** Events stored for the first time. */
  readonly inserted: number
  /** Events whose `messageId` was already stored (re-deliveries), ignored. */
  readonly duplicates: number
}

/** A stored event with the time the collector received it. */
export type StoredEvent = WireEvent & { receivedAt: string }

/** The collector's event table. */
export interface EventStore {
  /** Stores `events` in one transaction; copies of a stored `messageId` are ignored. */
  insert(events: readonly WireEvent[], meta: { readonly writeKey: string; readonly receivedAt: string }): InsertResult
  /** Events stored. */
  count(): number
  /** Stored events in arrival order, `pageSize` rows per query so a large export never holds the table in memory. */
  iterate(pageSize?: number): Generator<StoredEvent>
  /** Every stored event, in arrival order. */
  all(): StoredEvent[]
  close(): void
}

/*
 * One writer (this process) holds the file: an exclusive lock lets SQLite run WAL without shared
 * memory (which the WebAssembly build lacks) and skips the per-transaction lock files. WAL with
 * synchronous=NORMAL survives a crash of the process (not of the machine's power) and commits a
 * batch in ~0.1 ms instead of ~2 ms with the default rollback journal's fsyncs.
 */
const PRAGMAS = 'PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  message_id   TEXT PRIMARY KEY,
  type         TEXT NOT NULL,
  event        TEXT,
  user_id      TEXT,
  anonymous_id TEXT,
  timestamp    TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  write_key    TEXT NOT NULL,
  body         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_user ON events (user_id);
CREATE INDEX IF NOT EXISTS events_anonymous ON events (anonymous_id);
`

/**
 * Opens (or creates) the event table at `dbPath`; `:memory:` keeps it in RAM.
 * @param dbPath SQLite file path. @default ':memory:'
 */
export function createEventStore(dbPath = ':memory:'): EventStore {
  const db = new (loadSqlite().Database)(dbPath)
  if (dbPath !== ':memory:') db.exec(PRAGMAS)
  db.exec(SCHEMA)
  const insertRow = db.prepare(
    'INSERT OR IGNORE INTO events (message_id, type, event, user_id, anonymous_id, timestamp, received_at, write_key, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const selectPage = db.prepare('SELECT rowid AS seq, body, received_at FROM events WHERE rowid > ? ORDER BY rowid LIMIT ?')

  function insert(events: readonly WireEvent[], meta: { readonly writeKey: string; readonly receivedAt: string }): InsertResult {
    let inserted = 0
    db.exec('BEGIN')
    try {
      for (const e of events) {
        const name = e.type === 'track' ? e.event : e.type === 'page' ? (e.name ?? null) : null
        const row = [e.messageId, e.type, name, e.userId ?? null, e.anonymousId ?? null, e.timestamp, meta.receivedAt, meta.writeKey, JSON.stringify(e)]
        inserted += insertRow.run(row).changes
      }
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
    return { inserted, duplicates: events.length - inserted }
  }

  function* iterate(pageSize = 1000): Generator<StoredEvent> {
    let after = 0
    for (;;) {
      const rows = selectPage.all([after, pageSize]) as { seq: number; body: string; received_at: string }[]
      for (const row of rows) yield { ...(JSON.parse(row.body) as WireEvent), receivedAt: row.received_at }
      if (rows.length < pageSize) return
      after = (rows[rows.length - 1] as { seq: number }).seq
    }
  }

  return {
    insert,
    count: () => Number((db.get('SELECT count(*) AS n FROM events') as { n: number }).n),
    iterate,
    all: () => [...iterate()],
    close() {
      if (!db.isOpen) return
      insertRow.finalize()
      selectPage.finalize()
      db.close()
    },
  }
}
