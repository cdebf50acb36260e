/**
 * The on-disk line format of the journal. One event per line:
 *
 *     <crc32 as 8 hex digits> TAB <id> TAB <event JSON> LF
 *
 * The CRC-32 covers `<id> TAB <event JSON>` (UTF-8). A line is trusted only when it ends with LF
 * and its checksum matches, so the torn last line a `kill -9` or a power cut leaves behind (cut
 * short, or padded with zeros by the file system) is detected and skipped, never half-parsed.
 * Ids are written as they are unless they hold a TAB, CR, LF, `%` or non-ASCII text, in which
 * case they are percent-encoded (messageIds are UUIDs, so this never happens in practice).
 *
 * Lines are encoded straight into a byte buffer and checksummed there: the event JSON is encoded
 * to UTF-8 exactly once on its way to disk.
 */
import { crc32 } from 'node:zlib'

const LF = 0x0a
const TAB = 0x09
const HEX = Buffer.from('0123456789abcdef')

/** `true` when the id must be percent-encoded: it holds a TAB, CR, LF, `%` or non-ASCII text. */
function isUnsafeId(id: string): boolean {
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i)
    if (code === 0x09 || code === 0x0a || code === 0x0d || code === 0x25 || code > 0x7e) return true
  }
  return false
}

/** Encodes an id so it cannot break the line structure; the result is always ASCII. */
export function encodeId(id: string): string {
  return isUnsafeId(id) ? encodeURIComponent(id) : id
}

/** Inverse of {@link encodeId}. */
export function decodeId(stored: string): string {
  if (!stored.includes('%')) return stored
  try {
    return decodeURIComponent(stored)
  } catch {
    return stored
  }
}

/**
 * Bytes to reserve for a line whose id is already encoded (`encodeId`): an upper bound, since
 * UTF-8 takes at most 3 bytes per UTF-16 unit.
 */
export function maxLineBytes(storedId: string, json: string): number {
  return 11 + 3 * (storedId.length + json.length)
}

/**
 * Writes one line (with its LF) at `offset` of `buf`, which must have `maxLineBytes` free;
 * returns the new offset. `storedId` is the id as `encodeId` returned it; `jsonBytes`, the UTF-8
 * size of `json` when known.
 */
export function writeEventLine(buf: Buffer, offset: number, storedId: string, json: string, jsonBytes?: number): number {
  const start = offset
  let at = start + 9
  at += buf.write(storedId, at, 'latin1')
  buf[at++] = TAB
  // Pure-ASCII JSON (its UTF-8 size equals its length) takes the cheaper one-byte copy.
  at += buf.write(json, at, jsonBytes === json.length ? 'latin1' : 'utf8')
  let crc = crc32(buf.subarray(start + 9, at))
  for (let i = 7; i >= 0; i--, crc >>>= 4) buf[start + i] = HEX[crc & 15] as number
  buf[start + 8] = TAB
  buf[at++] = LF
  return at
}

/** One journal line for an event, as a string (tests, tools). */
export function encodeEventLine(id: string, json: string): string {
  const storedId = encodeId(id)
  const buf = Buffer.allocUnsafe(maxLineBytes(storedId, json))
  return buf.toString('utf8', 0, writeEventLine(buf, 0, storedId, json))
}

/** Where one line sits in a buffer: `id` is decoded, the offsets are bytes. */
export interface LineRef {
  readonly id: string
  /** First byte of the line (its checksum). */
  readonly start: number
  readonly jsonStart: number
  /** Offset of the LF ending the line. */
  readonly jsonEnd: number
}

/** What a scan of a segment found. */
export interface ScanResult {
  /** Lines whose structure (and checksum, when verified) is intact. */
  readonly valid: number
  /** Lines skipped: torn, zero-filled or corrupted. */
  readonly invalid: number
}

/** `true` when the line's checksum matches its content. */
export function verifyLine(buf: Buffer, ref: LineRef): boolean {
  const expected = Number.parseInt(buf.toString('latin1', ref.start, ref.start + 8), 16)
  return Number.isFinite(expected) && crc32(buf.subarray(ref.start + 9, ref.jsonEnd)) === expected
}

/**
 * Visits every structurally intact line of `buf` in order (from `start`, which must be the first
 * byte of a line, up to `end`). Return `false` from
 * `visit` to stop. With `verify` (the default) lines whose checksum fails are skipped; without
 * it the caller verifies (with {@link verifyLine}) only the lines it actually uses, which keeps
 * the skip-over-acknowledged-lines path cheap.
 */
export function scanLines(
  buf: Buffer,
  visit: (line: LineRef) => boolean | void,
  options: { start?: number; end?: number; verify?: boolean } = {},
): ScanResult {
  const end = options.end ?? buf.length
  const verify = options.verify ?? true
  let valid = 0
  let invalid = 0
  let pos = options.start ?? 0
  while (pos < end) {
    const lf = buf.indexOf(LF, pos)
    if (lf === -1 || lf >= end) {
      invalid++ // a torn last line: no LF made it to disk
      break
    }
    const ref = parseLine(buf, pos, lf)
    pos = lf + 1
    if (ref === undefined || (verify && !verifyLine(buf, ref))) {
      invalid++
      continue
    }
    valid++
    if (visit(ref) === false) break
  }
  return { valid, invalid }
}

function parseLine(buf: Buffer, start: number, lf: number): LineRef | undefined {
  const crcEnd = start + 8
  if (lf - start < 12 || buf[crcEnd] !== TAB) return undefined
  const idEnd = buf.indexOf(TAB, crcEnd + 1)
  if (idEnd === -1 || idEnd >= lf || idEnd === crcEnd + 1) return undefined
  return { id: decodeId(buf.toString('latin1', crcEnd + 1, idEnd)), start, jsonStart: idEnd + 1, jsonEnd: lf }
}
