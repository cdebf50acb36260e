import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireDirLock } from '../../packages/node/src/dir-lock'
import { spawnFixture, type Child } from './child-process'
import { tempDir } from './journal-fixtures'

describe('directory lock', () => {
  let dir: string
  let cleanup: () => void
  const children: Child[] = []
  const releases: Array<() => void> = []

  beforeEach(() => {
    ;({ dir, cleanup } = tempDir())
  })
  afterEach(async () => {
    for (const release of releases.splice(0)) release()
    for (const child of children.splice(0)) {
      child.kill('SIGKILL')
      await child.exited
    }
    cleanup()
  })

  it('refuses a second holder in the same process and frees the lock on release', () => {
    const first = acquireDirLock(dir, '.touchpoint')
    expect(first.ok).toBe(true)
    const second = acquireDirLock(dir, '.touchpoint')
    expect(second).toMatchObject({ ok: false, pid: process.pid, message: `dataDir .touchpoint is locked by process ${process.pid}` })
    if (first.ok) first.release()
    expect(existsSync(join(dir, 'LOCK'))).toBe(false)
    const third = acquireDirLock(dir)
    expect(third.ok).toBe(true)
    if (third.ok) releases.push(third.release)
  })

  it('takes over a lock left by a dead process', () => {
    writeFileSync(join(dir, 'LOCK'), '999999999\n')
    const lock = acquireDirLock(dir)
    expect(lock.ok).toBe(true)
    if (lock.ok) releases.push(lock.release)
  })

  it('takes over a lock naming our own pid that this process does not hold (container restart)', () => {
    writeFileSync(join(dir, 'LOCK'), `${process.pid}\n`)
    const lock = acquireDirLock(dir)
    expect(lock.ok).toBe(true)
    if (lock.ok) releases.push(lock.release)
  })

  it('lets one of two processes hold the directory, and the next one in after the holder is killed', async () => {
    const holder = spawnFixture('hold-lock', [dir])
    children.push(holder)
    const held = await holder.nextMessage<{ ok: boolean; pid: number }>()
    expect(held).toEqual({ ok: true, pid: holder.process.pid })

    const contender = spawnFixture('hold-lock', [dir])
    children.push(contender)
    expect(await contender.nextMessage()).toEqual({
      ok: false,
      pid: holder.process.pid,
      message: `dataDir ${dir} is locked by process ${holder.process.pid}`,
    })

    holder.kill('SIGKILL')
    await holder.exited
    const successor = spawnFixture('hold-lock', [dir])
    children.push(successor)
    expect(await successor.nextMessage()).toEqual({ ok: true, pid: successor.process.pid })
  })
})
