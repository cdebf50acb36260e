/**
 * Opens the journal for a tracker: creates `dataDir`, locks it, opens the segments. Never throws:
 * any failure (directory locked by another process, permissions) comes back as an error value,
 * and the tracker carries on in memory, because the SDK never throws into the host.
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { TouchpointError, type Logger } from '@touchpoint/core'
import { acquireDirLock } from './dir-lock'
import { createJournalStorage, type JournalStorage } from './journal-storage'

/** A journal ready for the engine, or why there is none. */
export type OpenedJournal =
  | { readonly ok: true; readonly journal: JournalStorage; release(): void }
  | { readonly ok: false; readonly error: TouchpointError }

/** Creates, locks and opens the journal in `dataDir`. */
export function openJournal(dataDir: string, options: { fsync?: boolean; logger: Logger }): OpenedJournal {
  const dir = resolve(dataDir)
  try {
    mkdirSync(dir, { recursive: true })
  } catch (cause) {
    return { ok: false, error: new TouchpointError('storage', `dataDir ${dataDir} cannot be created: ${String(cause)}`, { cause }) }
  }
  let lock: ReturnType<typeof acquireDirLock>
  try {
    lock = acquireDirLock(dir, dataDir)
  } catch (cause) {
    return { ok: false, error: new TouchpointError('storage', `dataDir ${dataDir} cannot be locked: ${String(cause)}`, { cause }) }
  }
  if (!lock.ok) return { ok: false, error: new TouchpointError('storage-locked', lock.message) }
  try {
    const journal = createJournalStorage({ dir, fsync: options.fsync, logger: options.logger })
    return { ok: true, journal, release: lock.release }
  } catch (cause) {
    lock.release()
    return { ok: false, error: new TouchpointError('storage', `dataDir ${dataDir} cannot be opened: ${String(cause)}`, { cause }) }
  }
}
