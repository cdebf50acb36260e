/**
 * A crash-safe `Storage` for servers: an append-only journal of NDJSON segment files.
 *
 * Layout of `dir`:
 * - `segment-<seq>.ndjson`: tracked events, one checksummed line each (see journal-format.ts).
 *   A process only ever appends to a segment it created itself, so a torn tail left by a crash
 *   stays at the end of an old segment, where it is detected and skipped.
 * - `acks.log`: ids of events that were acknowledged (or dropped), one per line.
 * - `LOCK`: see dir-lock.ts (taken by the tracker, not here).
 *
 * Memory stays bounded whatever the backlog: segments are read one at a time, only the ids of
 * acknowledged-but-not-yet-compacted events are held in RAM, and `read` returns at most `limit`
 * events. A closed segment whose every event is acknowledged is deleted, and when the whole
 * journal is acknowledged it is reset, so a healthy server keeps at most one small segment.
 * Writes are synchronous (see segment-writer.ts); reads are asynchronous and never go past the
 * bytes known to be written.
 */
import { mkdirSync } from 'node:fs'
import type { Logger, QueuedEvent, Storage } from '@touchpoint/core'
import { createCompaction } from './journal-compaction'
import { closeAcks, createLedger, pendingCount, recordAcks, rewriteAcks } from './journal-ledger'
import { scanSegments } from './journal-scan'
import { listSegments } from './segment-files'
import { createSegmentReader } from './segment-reader'
import { readPending } from './segment-scan'
import { createSegmentWriter } from './segment-writer'

/** Options of {@link createJournalStorage}. */
export interface JournalOptions {
  /** Directory of the journal; created when missing. */
  dir: string
  /**
   * Size at which the current segment is closed and a new one started, in bytes.
   * @default 4194304 (4 MiB)
   */
  segmentBytes?: number
  /**
   * `fsync` after every append, so acknowledged writes survive a power cut, not only a crash.
   * @default false
   */
  fsync?: boolean
  /**
   * Acknowledged ids held in RAM before every closed segment, not only the oldest, is checked
   * for deletion (see `compact`).
   * @default 50000
   */
  deepCompactionAt?: number
  /** @default a silent logger */
  logger?: Logger
}

/** The journal: a durable `Storage` plus synchronous writes. */
export interface JournalStorage extends Storage {
  readonly durable: true
  /**
   * `append`, done before returning when no other operation is queued or running (so the order
   * of operations is kept): returns `true` once written, `false` when the caller must `append`.
   * Throws when the write fails. Lets a caller that gathers events by count write a long
   * synchronous burst as it goes, instead of holding every event in memory until the burst ends.
   */
  appendSync(events: readonly QueuedEvent[]): boolean
  /** Writes events to disk before returning; the engine's later `append` of them is a no-op. */
  writeNow(events: readonly QueuedEvent[]): void
  close(): Promise<void>
}

const silent: Logger = { debug() {}, warn() {} }

/** Opens (or creates) the journal in `options.dir`. Assumes the caller holds the directory lock. */
export function createJournalStorage(options: JournalOptions): JournalStorage {
  const dir = options.dir
  const segmentBytes = Math.max(4096, options.segmentBytes ?? 4 * 1024 * 1024)
  const logger = options.logger ?? silent
  mkdirSync(dir, { recursive: true })

  const ledger = createLedger(dir, listSegments(dir))
  const { segments, acked } = ledger
  const writer = createSegmentWriter({
    dir,
    segmentBytes,
    firstSeq: (segments.at(-1)?.seq ?? 0) + 1,
    fsync: options.fsync,
    onSegment: (segment) => segments.push(segment),
  })
  const reader = createSegmentReader(segmentBytes)
  const compact = createCompaction({ ledger, writer, reader, logger, deepCompactionAt: Math.max(1, options.deepCompactionAt ?? 50_000) })
  /** Ids written by `writeNow` that the engine will still `append`. */
  const preWritten = new Set<string>()
  let closed = false

  /** Operations queued or running (the opening scan included): `appendSync` writes only at 0. */
  let busy = 0
  // An empty journal has nothing to scan: it is ready at once, so the first burst of `track`
  // calls can already be written synchronously.
  const ready = segments.length === 0 ? Promise.resolve(rewriteAcks(ledger)) : scanExisting()
  let chain: Promise<unknown> = ready
  /** Runs storage operations one after the other, after the initial scan. */
  function serial<T>(op: () => T | Promise<T>): Promise<T> {
    busy++
    const result = chain.then(op)
    chain = result.catch(() => undefined).then(() => void busy--)
    return result
  }

  function scanExisting(): Promise<void> {
    busy++
    return openExisting()
      .catch((error: unknown) => logger.warn('journal: could not open cleanly; continuing with what was read', error))
      .then(() => void busy--)
  }

  async function openExisting(): Promise<void> {
    await scanSegments(ledger, segments.slice(), logger)
    // Rewrite the ack log without ids whose segment is gone (a crash between the two deletions).
    rewriteAcks(ledger)
    await compact()
  }

  function writeEvents(events: readonly QueuedEvent[], skipPreWritten: boolean): void {
    if (closed) throw new Error('journal is closed')
    const skip = skipPreWritten && preWritten.size > 0 ? (id: string) => preWritten.delete(id) : undefined
    // Counted from the segments, which only count lines that reached the disk: a write that
    // fails half-way (disk full) still leaves the lines before it counted.
    const before = linesOnDisk()
    try {
      writer.writeEvents(events, skip)
    } finally {
      ledger.totalLines += linesOnDisk() - before
    }
  }

  function linesOnDisk(): number {
    let lines = 0
    for (const segment of segments) lines += segment.lines
    return lines
  }

  return {
    durable: true,

    writeNow(events) {
      if (closed) return // the engine ignores calls after shutdown too
      writeEvents(events, false)
      for (const event of events) preWritten.add(event.id)
    },

    appendSync(events) {
      if (busy > 0) return false
      writeEvents(events, true)
      return true
    },

    append(events) {
      return serial(() => writeEvents(events, true))
    },

    read(limit, exclude) {
      return serial(async () => {
        const out: QueuedEvent[] = []
        if (closed) return out
        for (const segment of [...segments]) {
          if (out.length >= limit) break
          readPending(await reader.load(segment), segment, acked, exclude, limit, out)
        }
        return out
      })
    },

    remove(ids) {
      // An event written by `writeNow` and acknowledged before the engine's append of it never
      // gets that append (the engine discards it): forget it here, or its id stays for good.
      if (preWritten.size > 0) for (const id of ids) preWritten.delete(id)
      return serial(async () => {
        // An acknowledgement that lands after close (a request outlived shutdown's deadline) is
        // not recorded: the directory may already belong to the next process, which re-sends.
        if (ids.length === 0 || closed) return
        recordAcks(ledger, ids)
        await compact()
      })
    },

    count() {
      return serial(() => pendingCount(ledger))
    },

    close() {
      return serial(() => {
        if (closed) return
        closed = true
        reader.release()
        writer.close()
        closeAcks(ledger)
      })
    },
  }
}
