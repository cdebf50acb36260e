// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLeaderLock, type LeaseStore } from '../../packages/browser/src/leader-lock'
import { createFakeLocks } from './fake-locks'

function memoryLeaseStore(): LeaseStore {
  const map = new Map<string, string>()
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))
const noop = () => undefined

/** Tabs of one site share `navigator.locks` (one lock manager) and `localStorage`. */
function useLocks(locks = createFakeLocks()) {
  vi.stubGlobal('navigator', { locks })
  return locks
}
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('createLeaderLock with Web Locks', () => {
  it('makes the first tab the sender and wakes its queue', async () => {
    const onAcquire = vi.fn()
    useLocks()
    const lock = createLeaderLock(onAcquire)
    await flush()
    expect(lock.isLeader()).toBe(true)
    expect(onAcquire).toHaveBeenCalledTimes(1)
    await expect(lock.ready).resolves.toBe(true)
  })

  it('decides at once that a second tab is not the sender', async () => {
    useLocks()
    createLeaderLock(noop)
    await flush()
    await expect(createLeaderLock(noop).ready).resolves.toBe(false)
  })

  it('stays released when the role is given up before the browser grants the lock', async () => {
    const locks = useLocks()
    const onAcquire = vi.fn()
    const lock = createLeaderLock(onAcquire)
    lock.release()
    await flush()
    expect(lock.isLeader()).toBe(false)
    expect(onAcquire).not.toHaveBeenCalled()
    expect(locks.held()).toBe(0)
  })

  it('lets only one of three tabs send at a time', async () => {
    useLocks()
    const tabs = [1, 2, 3].map(() => createLeaderLock(noop))
    await flush()
    expect(tabs.filter((tab) => tab.isLeader())).toHaveLength(1)
  })

  it('hands the role to a waiting tab when the sender closes, which then wakes', async () => {
    useLocks()
    const first = createLeaderLock(noop)
    const onAcquire = vi.fn()
    const second = createLeaderLock(onAcquire)
    await flush()
    expect(second.isLeader()).toBe(false)
    first.release()
    await flush()
    expect(first.isLeader()).toBe(false)
    expect(second.isLeader()).toBe(true)
    expect(onAcquire).toHaveBeenCalledTimes(1)
  })

  it('stops waiting when released before it ever led', async () => {
    const locks = useLocks()
    const first = createLeaderLock(noop)
    const onAcquire = vi.fn()
    const second = createLeaderLock(onAcquire)
    await flush()
    second.release()
    first.release()
    await flush()
    expect(onAcquire).not.toHaveBeenCalled()
    expect(locks.held()).toBe(0)
  })

  it('asks navigator.locks for the lock touchpoint:sender', async () => {
    const spy = vi.spyOn(useLocks(), 'request')
    createLeaderLock(noop)
    expect(spy).toHaveBeenCalledWith('touchpoint:sender', expect.anything(), expect.any(Function))
  })

  it('gives up waiting for the election after 500 ms, so a flush never hangs', async () => {
    vi.useFakeTimers()
    vi.stubGlobal('navigator', { locks: { request: () => new Promise(() => undefined) } })
    const ready = createLeaderLock(noop).ready
    vi.advanceTimersByTime(500)
    await expect(ready).resolves.toBe(false)
  })
})

describe('createLeaderLock without Web Locks (localStorage lease)', () => {
  /** A browser without `navigator.locks`, with this `localStorage`. */
  function withoutLocks(store: LeaseStore | null = memoryLeaseStore()) {
    vi.stubGlobal('navigator', {})
    vi.stubGlobal('localStorage', store)
  }

  it('elects one sender among tabs that start together', async () => {
    vi.useFakeTimers()
    withoutLocks()
    const tabs = [1, 2, 3].map(() => createLeaderLock(noop))
    vi.advanceTimersByTime(2_100)
    expect(tabs.filter((tab) => tab.isLeader())).toHaveLength(1)
    expect((await Promise.all(tabs.map((tab) => tab.ready))).filter(Boolean)).toHaveLength(1)
    vi.advanceTimersByTime(20_000)
    expect(tabs.filter((tab) => tab.isLeader())).toHaveLength(1)
    for (const tab of tabs) tab.release()
  })

  it('lets another tab take over once the sender stops renewing its lease', () => {
    vi.useFakeTimers()
    withoutLocks()
    const first = createLeaderLock(noop)
    vi.advanceTimersByTime(2_100)
    expect(first.isLeader()).toBe(true)
    const onAcquire = vi.fn()
    const second = createLeaderLock(onAcquire)
    vi.advanceTimersByTime(4_000)
    expect(second.isLeader()).toBe(false)
    first.release()
    vi.advanceTimersByTime(4_100)
    expect(second.isLeader()).toBe(true)
    expect(onAcquire).toHaveBeenCalledTimes(1)
    second.release()
  })

  it('keeps the lease in localStorage, and removes it when released', () => {
    vi.useFakeTimers()
    vi.stubGlobal('navigator', {})
    const lock = createLeaderLock(noop)
    vi.advanceTimersByTime(100)
    expect(lock.isLeader()).toBe(true)
    expect(localStorage.getItem('touchpoint:sender')).toMatch(/\|\d+$/)
    lock.release()
    expect(localStorage.getItem('touchpoint:sender')).toBeNull()
  })

  it('lets every tab send when localStorage throws', () => {
    vi.useFakeTimers()
    const throwing: LeaseStore = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    }
    const onAcquire = vi.fn()
    withoutLocks(throwing)
    const lock = createLeaderLock(onAcquire)
    expect(lock.isLeader()).toBe(true)
    expect(onAcquire).toHaveBeenCalledTimes(1)
    lock.release()
  })

  it('lets every tab send when neither Web Locks nor localStorage exist', async () => {
    const onAcquire = vi.fn()
    withoutLocks(null)
    const lock = createLeaderLock(onAcquire)
    await flush()
    expect(lock.isLeader()).toBe(true)
    expect(onAcquire).toHaveBeenCalledTimes(1)
    lock.release()
  })
})
