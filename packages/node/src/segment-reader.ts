/**
 * Reads the journal's segments as far as they are known to be intact, into one buffer reused from
 * one operation to the next (operations are serial, and nothing keeps a view of it: what is
 * returned is copied out as strings).
 */
import { readPrefix, type Segment } from './segment-files'

/** Loads segments; `release` lets the buffer go (on close). */
export interface SegmentReader {
  load(segment: Segment): Promise<Buffer>
  release(): void
}

/** A reader reusing its buffer for segments up to twice `segmentBytes` (larger ones get their own). */
export function createSegmentReader(segmentBytes: number): SegmentReader {
  let readBuffer: Buffer | undefined
  return {
    load(segment) {
      // Never a pooled buffer (allocUnsafeSlow): other code shares the pool's memory.
      if (segment.bytes <= segmentBytes * 2 && (readBuffer?.length ?? 0) < segment.bytes) {
        readBuffer = Buffer.allocUnsafeSlow(Math.max(segment.bytes, 64 * 1024))
      }
      return readPrefix(segment.path, segment.bytes, readBuffer)
    },
    release() {
      readBuffer = undefined
    },
  }
}
