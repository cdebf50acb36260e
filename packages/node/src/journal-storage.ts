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
import { closeSync, mkdirSync } from 'node:fs'
import { readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger, QueuedEvent, Storage } from '@touchpoint/core'
import { encodeId, scanLines } from './journal-format'
import { countPending, readPending, unackedLines } from './segment-scan'
import { ACKS_FILE, listSegments, readPrefix, replaceAcks, writeAll, type Segment } from './segment-files'
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

  const segments = listSegments(dir)
  const writer = createSegmentWriter({
    dir,
    segmentBytes,
    firstSeq: (segments.at(-1)?.seq ?? 0) + 1,
    fsync: options.fsync,
    onSegment: (segment) => segments.push(segment),
  })
  let acksFd: number | undefined
  let totalLines = 0
  const acked = new Set<string>()
  /** Ids written by `writeNow` that the engine will still `append`. */
  const preWritten = new Set<string>()
  let oldestCheckAt = 0
  let fullCheckAt = 0
  const deepCompactionAt = Math.max(1, options.deepCompactionAt ?? 50_000)
  let deepCheckAt = deepCompactionAt
  let closed = false

  /** Operations queued or running (the opening scan included): `appendSync` writes only at 0. */
  let busy = 0
  // An empty journal has nothing to scan: it is ready at once, so the first burst of `track`
  // calls can already be written synchronously.
  const ready = segments.length === 0 ? Promise.resolve(rewriteAcks()) : scanExisting()
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
    return openExisting(segments.slice())
      .catch((error: unknown) => logger.warn('journal: could not open cleanly; continuing with what was read', error))
      .then(() => void busy--)
  }

  async function openExisting(existing: Segment[]): Promise<void> {
    const candidates = new Set<string>()
    try {
      for (const line of (await readFile(join(dir, ACKS_FILE), 'utf8')).split('\n')) if (line) candidates.add(line)
    } catch {}
    for (const segment of existing) {
      let buf: Buffer
      try {
        buf = await readFile(segment.path)
      } catch (error) {
        // Unreadable (permissions): leave the file alone rather than lose it, and carry on.
        logger.warn(`journal: cannot read ${segment.path}; its events will not be sent`, error)
        segments.splice(segments.indexOf(segment), 1)
        continue
      }
      const { valid, invalid } = scanLines(buf, (ref) => {
        const key = encodeId(ref.id)
        if (candidates.has(key)) acked.add(ref.id)
      })
      if (invalid > 0) logger.warn(`journal: skipped ${invalid} torn or corrupt line(s) in ${segment.path}`)
      segment.lines = valid
      segment.bytes = buf.length
      totalLines += valid
    }
    // Rewrite the ack log without ids whose segment is gone (a crash between the two deletions).
    rewriteAcks()
    await compact()
  }

  function rewriteAcks(): void {
    if (acksFd !== undefined) closeSync(acksFd)
    acksFd = undefined
    acksFd = replaceAcks(dir, [...acked].map(encodeId))
  }

  function writeEvents(events: readonly QueuedEvent[], skipPreWritten: boolean): void {
    if (closed) throw new Error('journal is closed')
    const skip = skipPreWritten && preWritten.size > 0 ? (id: string) => preWritten.delete(id) : undefined
    totalLines += writer.writeEvents(events, skip)
  }

  /**
   * Reads one segment as far as it is known to be intact, into a buffer reused from one
   * operation to the next (operations are serial, and nothing keeps a view of it: what is
   * returned is copied out as strings).
   */
  let readBuffer: Buffer | undefined
  async function load(segment: Segment): Promise<Buffer> {
    // Never a pooled buffer (allocUnsafeSlow): other code shares the pool's memory.
    if (segment.bytes <= segmentBytes * 2 && (readBuffer?.length ?? 0) < segment.bytes) {
      readBuffer = Buffer.allocUnsafeSlow(Math.max(segment.bytes, 64 * 1024))
    }
    return readPrefix(segment.path, segment.bytes, readBuffer)
  }

  /** Pending lines of `segment` (see `countPending`), read from disk. */
  async function pendingLines(segment: Segment, ids: string[], complete = false): Promise<number> {
    return countPending(await load(segment), segment, acked, ids, complete)
  }

  async function reset(): Promise<void> {
    writer.close()
    for (const segment of segments.splice(0)) await unlink(segment.path).catch(() => undefined)
    acked.clear()
    totalLines = 0
    rewriteAcks()
  }

  /** Deletes `segment`, whose every event is acknowledged (`ids`, and `ackedIds` before its watermark). */
  async function drop(segment: Segment, ids: readonly string[]): Promise<void> {
    await unlink(segment.path).catch(() => undefined)
    segments.splice(segments.indexOf(segment), 1)
    totalLines -= segment.lines
    for (const id of segment.ackedIds) acked.delete(id)
    for (const id of ids) acked.delete(id)
  }

  /**
   * Moves the unacknowledged lines of a mostly acknowledged segment to the end of the journal and
   * deletes the segment, so a batch that stays unacknowledged (parked) does not keep a whole
   * segment and its acknowledged ids alive. The lines are written before the old file is deleted:
   * a crash in between leaves them twice (sent twice, deduped by the collector), never zero times.
   */
  async function relocate(segment: Segment): Promise<void> {
    const ids: string[] = []
    const keep = unackedLines(await load(segment), segment, acked, ids)
    if (keep.length > 0) {
      writer.writeLines(Buffer.concat(keep), keep.length)
      totalLines += keep.length
    }
    await drop(segment, ids)
    logger.debug(`journal: moved ${keep.length} unacknowledged event(s) out of ${segment.path}`)
  }

  /**
   * Deletes fully acknowledged segments. Cheap in the common case: acknowledgements arrive
   * roughly oldest first, so only the oldest segment is checked, and only once enough ids were
   * acknowledged for it to possibly be complete (a failed check waits for a quarter segment
   * more). A batch that stays unacknowledged for long (parked) would pin the oldest segment and
   * let the acknowledged ids pile up in RAM, so past `deepCheckAt` acknowledged ids every closed
   * segment is checked — deleted when complete, its few pending lines moved out when mostly
   * acknowledged — with the threshold doubling each time (amortized O(1) per ack).
   */
  async function compact(): Promise<void> {
    if (segments.length === 0) return
    if (acked.size >= totalLines && acked.size >= fullCheckAt) {
      let all = true
      for (const segment of segments) if (!(all = (await pendingLines(segment, [])) === 0)) break
      if (all) return reset()
      fullCheckAt = acked.size + Math.max(100, totalLines >> 2)
    }
    let changed = false
    const deep = acked.size >= deepCheckAt
    for (const segment of [...segments]) {
      if (segment === writer.active) break
      if (!deep && (acked.size < segment.lines || acked.size < oldestCheckAt)) break
      const ids: string[] = []
      const pending = await pendingLines(segment, ids, deep)
      if (pending === 0) {
        await drop(segment, ids)
        oldestCheckAt = 0
        changed = true
      } else if (!deep) {
        oldestCheckAt = acked.size + Math.max(1, segment.lines >> 2)
        break
      } else if (pending <= segment.lines >> 1) {
        await relocate(segment)
        changed = true
      }
    }
    if (deep) deepCheckAt = Math.max(deepCompactionAt, acked.size * 2)
    if (changed) rewriteAcks()
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
          readPending(await load(segment), segment, acked, exclude, limit, out)
        }
        return out
      })
    },

    remove(ids) {
      return serial(async () => {
        // An acknowledgement that lands after close (a request outlived shutdown's deadline) is
        // not recorded: the directory may already belong to the next process, which re-sends.
        if (ids.length === 0 || closed) return
        let text = ''
        for (const id of ids) {
          if (acked.has(id)) continue
          acked.add(id)
          text += `${encodeId(id)}\n`
        }
        if (text && acksFd !== undefined) writeAll(acksFd, Buffer.from(text))
        await compact()
      })
    },

    count() {
      return serial(() => Math.max(0, totalLines - acked.size))
    },

    close() {
      return serial(() => {
        if (closed) return
        closed = true
        readBuffer = undefined
        writer.close()
        if (acksFd !== undefined) closeSync(acksFd)
        acksFd = undefined
      })
    },
  }
}
