/**
 * The opening scan of an existing journal: counts the intact lines of every segment, skips torn
 * or corrupt ones, and finds which of their events the ack log says were acknowledged.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '@touchpoint/core'
import { encodeId, scanLines } from './journal-format'
import type { JournalLedger } from './journal-ledger'
import { ACKS_FILE, type Segment } from './segment-files'

/**
 * Scans `existing` segments into `ledger` (lines, bytes, acknowledged ids). A segment that cannot
 * be read is left alone on disk, rather than lost, and removed from the ledger.
 */
export async function scanSegments(ledger: JournalLedger, existing: readonly Segment[], logger: Logger): Promise<void> {
  const candidates = new Set<string>()
  try {
    for (const line of (await readFile(join(ledger.dir, ACKS_FILE), 'utf8')).split('\n')) if (line) candidates.add(line)
  } catch {}
  for (const segment of existing) {
    let buf: Buffer
    try {
      buf = await readFile(segment.path)
    } catch (error) {
      // Unreadable (permissions): leave the file alone rather than lose it, and carry on.
      logger.warn(`journal: cannot read ${segment.path}; its events will not be sent`, error)
      ledger.segments.splice(ledger.segments.indexOf(segment), 1)
      continue
    }
    const { valid, invalid } = scanLines(buf, (ref) => {
      const key = encodeId(ref.id)
      if (candidates.has(key)) ledger.acked.add(ref.id)
    })
    if (invalid > 0) logger.warn(`journal: skipped ${invalid} torn or corrupt line(s) in ${segment.path}`)
    segment.lines = valid
    segment.bytes = buf.length
    ledger.totalLines += valid
  }
}
