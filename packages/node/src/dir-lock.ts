/**
 * An exclusive lock on a journal directory, so two processes never write one journal.
 *
 * The lock is a file (`LOCK`) holding the owner's pid, created atomically (a hard link, which
 * fails when it exists). A lock whose owner is gone (`kill -9`, a crash, a container restart) is stale and taken over: the owner is
 * considered alive when `process.kill(pid, 0)` succeeds or fails with `EPERM`. Because pid 1 (or
 * any pid) comes back after a container restart, a lock that names our own pid but that this
 * process does not hold is stale too. The takeover itself is serialized by a second
 * exclusive file, so two processes finding the same stale lock do not both win.
 */
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Lock files this process holds: a second tracker in the same process must see "locked". */
const heldByUs = new Set<string>()

/** The outcome of {@link acquireDirLock}. */
export type DirLock =
  | { readonly ok: true; release(): void }
  | { readonly ok: false; readonly pid: number | undefined; readonly message: string }

/** Name of the lock file inside the journal directory. */
export const LOCK_FILE = 'LOCK'

function ownerAlive(pid: number, lockPath: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return heldByUs.has(lockPath)
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10)
    return Number.isInteger(pid) ? pid : undefined
  } catch {
    return undefined
  }
}

/**
 * Creates `path` holding our pid, atomically: the pid is written to a private file first and
 * hard-linked into place, so nobody ever sees an empty lock file. `false` when it already exists.
 */
function createExclusive(path: string): boolean {
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, `${process.pid}\n`)
  try {
    linkSync(tmp, path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    tryUnlink(tmp)
  }
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path)
  } catch {}
}

/** Replaces a stale lock, serialized by a takeover file so only one process wins. */
function takeOver(lockPath: string, stalePid: number | undefined): boolean {
  const takeoverPath = `${lockPath}.takeover`
  if (!createExclusive(takeoverPath)) {
    // Someone else is taking over, or died doing so: clear a dead takeover and let the caller retry.
    const pid = readPid(takeoverPath)
    if (pid === undefined || !ownerAlive(pid, takeoverPath)) tryUnlink(takeoverPath)
    return false
  }
  try {
    if (readPid(lockPath) !== stalePid) return false
    tryUnlink(lockPath)
    return createExclusive(lockPath)
  } finally {
    tryUnlink(takeoverPath)
  }
}

/**
 * Locks `dir` (which must exist). Never throws for a held lock: the result says who holds it,
 * with a message fit for an `error` event. File system errors (permissions) do throw.
 */
export function acquireDirLock(dir: string, label = dir): DirLock {
  const lockPath = join(dir, LOCK_FILE)
  for (let attempt = 0; attempt < 5; attempt++) {
    if (createExclusive(lockPath)) return held(lockPath)
    // Read the owner once: the pid judged dead is the one the takeover may replace. Reading it
    // again could pick up a live process that took the stale lock over in between.
    const pid = readPid(lockPath)
    if (pid !== undefined && ownerAlive(pid, lockPath)) {
      return { ok: false, pid, message: `dataDir ${label} is locked by process ${pid}` }
    }
    if (takeOver(lockPath, pid)) return held(lockPath)
  }
  const pid = readPid(lockPath)
  return { ok: false, pid, message: `dataDir ${label} is locked${pid === undefined ? '' : ` by process ${pid}`}` }
}

/** The lock we just created at `lockPath`. */
function held(lockPath: string): DirLock {
  heldByUs.add(lockPath)
  let released = false
  return {
    ok: true,
    release() {
      if (released) return
      released = true
      heldByUs.delete(lockPath)
      if (readPid(lockPath) === process.pid) tryUnlink(lockPath)
    },
  }
}
