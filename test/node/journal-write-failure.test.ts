import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createJournalStorage } from '../../packages/node/src/journal-storage'
import { many, tempDir } from './journal-fixtures'

/** Lets a test make the n-th `writeSync` fail, as a full disk would. */
const fsHook = vi.hoisted(() => ({ failWriteNumber: 0, writes: 0 }))

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>()
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    fsHook.writes++
    if (fsHook.writes === fsHook.failWriteNumber) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    return (fs.writeSync as (...a: unknown[]) => number)(...args)
  }) as typeof fs.writeSync
  return { ...fs, writeSync }
})

describe('journal write failure', () => {
  let dir: string
  let cleanup: () => void
  beforeEach(() => {
    ;({ dir, cleanup } = tempDir())
    fsHook.writes = 0
    fsHook.failWriteNumber = 0
  })
  afterEach(() => cleanup())

  it('still counts the events written before a write that failed half-way (disk full)', async () => {
    const journal = createJournalStorage({ dir })
    await journal.count()
    // Events of ~1 KB each: 2,000 of them span two 1 MB write chunks; the second chunk fails.
    const events = many(2000).map((e) => ({ ...e, json: e.json.replace('}', `,"pad":"${'x'.repeat(1000)}"}`), bytes: e.bytes + 1010 }))
    fsHook.writes = 0
    fsHook.failWriteNumber = 2
    await expect(journal.append(events)).rejects.toThrow(/ENOSPC/)
    fsHook.failWriteNumber = 0
    const written = await journal.read(5000, new Set())
    expect(written.length).toBeGreaterThan(0)
    expect(written.length).toBeLessThan(2000)
    expect(await journal.count()).toBe(written.length)
    await journal.close()
  })
})
