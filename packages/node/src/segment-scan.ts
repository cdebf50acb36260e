/**
 * The journal's scans of one segment's bytes: what is still pending, what to send, what to keep
 * when a segment is rewritten. Each scan starts at the segment's watermark (`ackedBytes`): the
 * acknowledged head of a segment is parsed once, then skipped, instead of on every read while
 * the segment waits for its last acknowledgements.
 */
import type { QueuedEvent } from '@touchpoint/core'
import { scanLines, verifyLine, type LineRef } from './journal-format'
import type { Segment } from './segment-files'

/**
 * Moves `segment.ackedBytes` past `ref`. Scans start at the watermark, so while every line a
 * scan visited is acknowledged or corrupt (and the broken lines it skipped never will be
 * anything else), the watermark may follow it.
 */
function advance(segment: Segment, ref: LineRef, acknowledged: boolean): void {
  if (acknowledged) segment.ackedIds.push(ref.id)
  segment.ackedBytes = ref.jsonEnd + 1
}

/**
 * How many intact lines of `segment` (whose bytes are `buf`) are not acknowledged (`0`: it can
 * go); fills `ids` with the acknowledged ones past the watermark (`segment.ackedIds` holds those
 * before it). Stops at the first pending line unless `complete`.
 */
export function countPending(buf: Buffer, segment: Segment, acked: ReadonlySet<string>, ids: string[], complete: boolean): number {
  let pending = 0
  let moving = true
  scanLines(
    buf,
    (ref) => {
      const acknowledged = acked.has(ref.id)
      // A corrupt line (whose id may be garbage) must not pin its segment forever.
      const corrupt = !acknowledged && !verifyLine(buf, ref)
      if (moving && (acknowledged || corrupt)) return advance(segment, ref, acknowledged)
      moving = false
      if (acknowledged) ids.push(ref.id)
      else if (!corrupt) {
        pending++
        if (!complete) return false
      }
    },
    { start: segment.ackedBytes, verify: false },
  )
  return pending
}

/**
 * Appends to `out` the intact events of `segment` that are neither acknowledged nor in
 * `exclude`, oldest first, until `out` holds `limit`. Checksums are verified only for the lines
 * returned: most lines are skipped by id.
 */
export function readPending(buf: Buffer, segment: Segment, acked: ReadonlySet<string>, exclude: ReadonlySet<string>, limit: number, out: QueuedEvent[]): void {
  let moving = true
  scanLines(
    buf,
    (ref) => {
      if (acked.has(ref.id)) {
        if (moving) advance(segment, ref, true)
        return
      }
      moving = false
      if (exclude.has(ref.id) || !verifyLine(buf, ref)) return
      out.push({ id: ref.id, json: buf.toString('utf8', ref.jsonStart, ref.jsonEnd), bytes: ref.jsonEnd - ref.jsonStart })
      return out.length < limit
    },
    { start: segment.ackedBytes, verify: false },
  )
}

/** The intact, unacknowledged lines of `segment`, as they are on disk; fills `ids` with the acknowledged ones past the watermark. */
export function unackedLines(buf: Buffer, segment: Segment, acked: ReadonlySet<string>, ids: string[]): Buffer[] {
  const keep: Buffer[] = []
  scanLines(
    buf,
    (ref) => {
      if (acked.has(ref.id)) ids.push(ref.id)
      else keep.push(buf.subarray(ref.start, ref.jsonEnd + 1))
    },
    { start: segment.ackedBytes },
  )
  return keep
}
