/**
 * The journal's bookkeeping: the live segments, the acknowledged ids not yet compacted away,
 * the count of lines written, and the ack log they are remembered in (`acks.log`).
 */
import { closeSync } from 'node:fs'
import { encodeId } from './journal-format'
import { replaceAcks, writeAll, type Segment } from './segment-files'

/** What the journal knows about its directory; shared by the storage, the opening scan and compaction. */
export interface JournalLedger {
  readonly dir: string
  /** Segment files, oldest first. */
  readonly segments: Segment[]
  /** Acknowledged (or dropped) ids whose segment still exists. */
  readonly acked: Set<string>
  /** Intact lines in `segments`, acknowledged or not. */
  totalLines: number
  /** The ack log, open for appending; `undefined` once closed. */
  acksFd: number | undefined
}

/** A ledger over `segments` of `dir`, with nothing acknowledged yet and no ack log open. */
export function createLedger(dir: string, segments: Segment[]): JournalLedger {
  return { dir, segments, acked: new Set(), totalLines: 0, acksFd: undefined }
}

/** Events written and not acknowledged. */
export function pendingCount(ledger: JournalLedger): number {
  return Math.max(0, ledger.totalLines - ledger.acked.size)
}

/** Closes the ack log, if open. */
export function closeAcks(ledger: JournalLedger): void {
  if (ledger.acksFd !== undefined) closeSync(ledger.acksFd)
  ledger.acksFd = undefined
}

/** Replaces the ack log with the ids acknowledged now (dropping those of deleted segments) and reopens it. */
export function rewriteAcks(ledger: JournalLedger): void {
  closeAcks(ledger)
  ledger.acksFd = replaceAcks(ledger.dir, [...ledger.acked].map(encodeId))
}

/** Marks `ids` acknowledged and appends the new ones to the ack log (when open). */
export function recordAcks(ledger: JournalLedger, ids: readonly string[]): void {
  let text = ''
  for (const id of ids) {
    if (ledger.acked.has(id)) continue
    ledger.acked.add(id)
    text += `${encodeId(id)}\n`
  }
  if (text && ledger.acksFd !== undefined) writeAll(ledger.acksFd, Buffer.from(text))
}
