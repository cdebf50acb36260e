/**
 * Compaction of the journal: deletes segments whose every event is acknowledged, moves the few
 * pending lines out of mostly acknowledged ones, and resets the journal when all is acknowledged,
 * so a healthy server keeps at most one small segment and few acknowledged ids in RAM.
 */
import { unlink } from 'node:fs/promises'
import type { Logger } from '@touchpoint/core'
import { rewriteAcks, type JournalLedger } from './journal-ledger'
import type { Segment } from './segment-files'
import type { SegmentReader } from './segment-reader'
import { countPending, unackedLines } from './segment-scan'
import type { SegmentWriter } from './segment-writer'

/** What compaction works on. */
export interface CompactionOptions {
  ledger: JournalLedger
  writer: SegmentWriter
  reader: SegmentReader
  logger: Logger
  /** Acknowledged ids in RAM before every closed segment is checked (at least 1). */
  deepCompactionAt: number
}

/**
 * Returns `compact`, which deletes fully acknowledged segments. Cheap in the common case:
 * acknowledgements arrive roughly oldest first, so only the oldest segment is checked, and only
 * once enough ids were acknowledged for it to possibly be complete (a failed check waits for a
 * quarter segment more). A batch that stays unacknowledged for long (parked) would pin the oldest
 * segment and let the acknowledged ids pile up in RAM, so past `deepCheckAt` acknowledged ids
 * every closed segment is checked — deleted when complete, its few pending lines moved out when
 * mostly acknowledged — with the threshold doubling each time (amortized O(1) per ack).
 */
export function createCompaction({ ledger, writer, reader, logger, deepCompactionAt }: CompactionOptions): () => Promise<void> {
  const { segments, acked } = ledger
  let oldestCheckAt = 0
  let fullCheckAt = 0
  let deepCheckAt = deepCompactionAt

  /** Pending lines of `segment` (see `countPending`), read from disk. */
  async function pendingLines(segment: Segment, ids: string[], complete = false): Promise<number> {
    return countPending(await reader.load(segment), segment, acked, ids, complete)
  }

  async function reset(): Promise<void> {
    writer.close()
    for (const segment of segments.splice(0)) await unlink(segment.path).catch(() => undefined)
    acked.clear()
    // A `writeNow` during the deletions started a new segment: its lines are the journal now.
    ledger.totalLines = segments.reduce((lines, segment) => lines + segment.lines, 0)
    rewriteAcks(ledger)
  }

  /** Deletes `segment`, whose every event is acknowledged (`ids`, and `ackedIds` before its watermark). */
  async function drop(segment: Segment, ids: readonly string[]): Promise<void> {
    await unlink(segment.path).catch(() => undefined)
    segments.splice(segments.indexOf(segment), 1)
    ledger.totalLines -= segment.lines
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
    const keep = unackedLines(await reader.load(segment), segment, acked, ids)
    if (keep.length > 0) {
      writer.writeLines(Buffer.concat(keep), keep.length)
      ledger.totalLines += keep.length
    }
    await drop(segment, ids)
    logger.debug(`journal: moved ${keep.length} unacknowledged event(s) out of ${segment.path}`)
  }

  return async function compact(): Promise<void> {
    if (segments.length === 0) return
    if (acked.size >= ledger.totalLines && acked.size >= fullCheckAt) {
      // `writeNow` (durability 'every-event') writes without waiting for this operation: a line
      // written while the segments were being read is not in what was read, so the journal may
      // only be reset when nothing was written meanwhile.
      const written = ledger.totalLines
      let all = true
      for (const segment of segments) if (!(all = (await pendingLines(segment, [])) === 0)) break
      if (all && ledger.totalLines === written) return reset()
      fullCheckAt = acked.size + Math.max(100, ledger.totalLines >> 2)
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
    if (changed) rewriteAcks(ledger)
  }
}
