import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { acquireDirLock } from '../../packages/node/src/dir-lock'
import { tempDir } from './journal-fixtures'

/** Runs after every `readFileSync`, so a test can change the disk between two reads of the lock. */
const fsHook = vi.hoisted(() => ({ afterRead: undefined as ((path: string) => void) | undefined }))

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  const readFileSync = ((...args: Parameters<typeof fs.readFileSync>) => {
    const out = fs.readFileSync(...args)
    fsHook.afterRead?.(String(args[0]))
    return out
  }) as typeof fs.readFileSync
  return { ...fs, readFileSync }
})

describe('directory lock takeover', () => {
  let dir: string
  let cleanup: () => void
  beforeEach(() => {
    ;({ dir, cleanup } = tempDir())
  })
  afterEach(() => {
    fsHook.afterRead = undefined
    cleanup()
  })

  it('leaves alone a lock another process took over after we judged the previous owner dead', async () => {
    const { writeFileSync } = await vi.importActual<typeof import('node:fs')>('node:fs')
    const lockPath = join(dir, 'LOCK')
    const otherLivePid = process.ppid
    writeFileSync(lockPath, '999999999\n') // a dead owner
    // Right after we read the dead pid, another process replaces the stale lock with its own.
    fsHook.afterRead = (path) => {
      if (path !== lockPath) return
      fsHook.afterRead = undefined
      writeFileSync(lockPath, `${otherLivePid}\n`)
    }
    const lock = acquireDirLock(dir, '.touchpoint')
    if (lock.ok) lock.release()
    expect(lock).toMatchObject({ ok: false, pid: otherLivePid, message: `dataDir .touchpoint is locked by process ${otherLivePid}` })
  })
})
