/**
 * Appends journal lines to the current segment, starting a new segment when it is full.
 * Writes are synchronous `write(2)` calls: a burst of lines reaches the page cache (where a
 * `kill -9` cannot touch it) in microseconds, ordering is trivial, and no libuv pool thread is
 * held; `fsync` additionally survives a power cut, at a price per write.
 */
import { closeSync, fsyncSync, openSync } from 'node:fs'
import type { QueuedEvent } from '@touchpoint/core'
import { encodeId, maxLineBytes, writeEventLine } from './journal-format'
import { segmentPath, writeAll, type Segment } from './segment-files'

/** Bytes encoded before they are written: bounds memory when a huge burst is appended. */
const CHUNK_BYTES = 1 << 20

/** Options of {@link createSegmentWriter}. */
export interface SegmentWriterOptions {
  dir: string
  /** Size at which a segment is closed and the next one started. */
  segmentBytes: number
  /** Number of the first segment this writer creates (after every existing one). */
  firstSeq: number
  /** `fsync` after every write. @default false */
  fsync?: boolean
  /** Called with each segment the writer creates, before anything is written to it. */
  onSegment(segment: Segment): void
}

/** The journal's single writer. */
export interface SegmentWriter {
  /** The segment being appended to, if any. */
  readonly active: Segment | undefined
  /** Encodes and writes events, skipping those `skip` says are already written; returns how many were written. */
  writeEvents(events: readonly QueuedEvent[], skip?: (id: string) => boolean): number
  /** Writes complete, already-encoded lines. */
  writeLines(buf: Buffer, lines: number): void
  /** Closes the current segment file; the next write starts a new segment. */
  close(): void
}

/** Creates the writer. Segments are created lazily, on the first write. */
export function createSegmentWriter(options: SegmentWriterOptions): SegmentWriter {
  let nextSeq = options.firstSeq
  let active: (Segment & { fd: number }) | undefined
  /** Reused between writes: lines are encoded into it and written from it, synchronously. */
  let scratch = Buffer.allocUnsafe(CHUNK_BYTES)

  function current(): Segment & { fd: number } {
    if (active && active.bytes < options.segmentBytes) return active
    if (active) closeSync(active.fd)
    const seq = nextSeq++
    const path = segmentPath(options.dir, seq)
    active = { seq, path, lines: 0, bytes: 0, ackedBytes: 0, ackedIds: [], fd: openSync(path, 'a') }
    options.onSegment(active)
    return active
  }

  function writeLines(buf: Buffer, lines: number): void {
    const segment = current()
    try {
      writeAll(segment.fd, buf)
      if (options.fsync) fsyncSync(segment.fd)
    } catch (error) {
      // A partial write may have left a torn line: never append after it.
      segment.bytes = options.segmentBytes
      throw error
    }
    segment.bytes += buf.length
    segment.lines += lines
  }

  return {
    get active() {
      return active
    },
    writeLines,
    writeEvents(events, skip) {
      let offset = 0
      let lines = 0
      let written = 0
      for (const event of events) {
        if (skip?.(event.id)) continue
        const storedId = encodeId(event.id)
        const need = maxLineBytes(storedId, event.json)
        if (offset + need > scratch.length) {
          if (lines > 0) writeLines(scratch.subarray(0, offset), lines)
          written += lines
          offset = 0
          lines = 0
          if (need > scratch.length) scratch = Buffer.allocUnsafe(need)
        }
        offset = writeEventLine(scratch, offset, storedId, event.json, event.bytes)
        lines++
      }
      if (lines > 0) writeLines(scratch.subarray(0, offset), lines)
      // An oversized event grew the scratch buffer: give the memory back.
      if (scratch.length > CHUNK_BYTES) scratch = Buffer.allocUnsafe(CHUNK_BYTES)
      return written + lines
    },
    close() {
      if (active) closeSync(active.fd)
      active = undefined
    },
  }
}
