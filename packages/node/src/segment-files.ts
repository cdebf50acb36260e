/**
 * File-level helpers of the journal: naming and listing segments, writing a whole buffer, reading
 * a known-good prefix, and replacing the ack log atomically.
 */
import { closeSync, openSync, readdirSync, renameSync, writeSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'

/** One segment file of the journal. */
export interface Segment {
  readonly seq: number
  readonly path: string
  /** Intact event lines in the file. */
  lines: number
  /** Bytes of intact content (reads never go past it, so a write in progress is never seen). */
  bytes: number
  /**
   * Every line before this offset is acknowledged (or corrupt): scans start here instead of at
   * the top, so the acknowledged head of a segment is parsed once, not on every read.
   */
  ackedBytes: number
  /** Ids of the acknowledged lines before `ackedBytes`, forgotten when the segment is deleted. */
  ackedIds: string[]
}

const SEGMENT = /^segment-(\d+)\.ndjson$/

/** Name of the ack log inside the journal directory. */
export const ACKS_FILE = 'acks.log'

/** The segments found in `dir`, oldest first (sizes and counts are filled in by the open scan). */
export function listSegments(dir: string): Segment[] {
  return readdirSync(dir)
    .map((name) => SEGMENT.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ seq: Number(m[1]), path: join(dir, m[0]), lines: 0, bytes: 0, ackedBytes: 0, ackedIds: [] }))
    .sort((a, b) => a.seq - b.seq)
}

/** Path of segment number `seq` (zero-padded so names sort like numbers). */
export function segmentPath(dir: string, seq: number): string {
  return join(dir, `segment-${String(seq).padStart(12, '0')}.ndjson`)
}

/** `write(2)` until the whole buffer is written. */
export function writeAll(fd: number, buf: Buffer): void {
  let offset = 0
  while (offset < buf.length) offset += writeSync(fd, buf, offset, buf.length - offset)
}

/**
 * Reads the first `bytes` bytes of a file (fewer if it is shorter), into `into` when it is large
 * enough (the caller must be done with the previous content).
 */
export async function readPrefix(path: string, bytes: number, into?: Buffer): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buf = into && into.length >= bytes ? into.subarray(0, bytes) : Buffer.allocUnsafe(bytes)
    let read = 0
    while (read < bytes) {
      const { bytesRead } = await handle.read(buf, read, bytes - read, read)
      if (bytesRead === 0) break
      read += bytesRead
    }
    return read === bytes ? buf : buf.subarray(0, read)
  } finally {
    await handle.close()
  }
}

/**
 * Replaces the ack log with `lines` (write to a temporary file, then rename: a crash leaves the
 * old log or the new one, never half of one) and returns a descriptor open for appending.
 */
export function replaceAcks(dir: string, lines: Iterable<string>): number {
  const tmp = join(dir, `${ACKS_FILE}.tmp`)
  const fd = openSync(tmp, 'w')
  let text = ''
  for (const line of lines) text += `${line}\n`
  try {
    writeAll(fd, Buffer.from(text))
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, join(dir, ACKS_FILE))
  return openSync(join(dir, ACKS_FILE), 'a')
}
