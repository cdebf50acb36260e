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

describe('createLeaderLock with Web Locks', () => {
  it('makes the first tab the sender and wakes its queue', async () => {
    const onAcquire = vi.fn()
    const lock = createLeaderLock(onAcquire, createFakeLocks())
    await flush()
    expect(lock.isLeader()).toBe(true)
    expect(onAcquire).toHaveBeenCalledTimes(1)
    await expect(lock.ready).resolves.toBe(true)
  })

  it('decides at once that a second tab is not the sender', async () => {
    const locks = createFakeLocks()
    createLeaderLock(noop, locks)
    await flush()
    await expect(createLeaderLock(noop, locks).ready).resolves.toBe(false)
  })

  it('stays released when the role is given up before the browser grants the lock', async () => {
    const locks = createFakeLocks()
    const onAcquire = vi.fn()
    const lock = createLeaderLock(onAcquire, locks)
    lock.release()
    await flush()
    expect(lock.isLeader()).toBe(false)
    expect(onAcquire).not.toHaveBeenCalled()
    expect(locks.held()).toBe(0)
  })

  it('lets only one of three tabs send at a time', async () => {
    const locks = createFakeLocks()
    const tabs = [1, 2, 3].map(() => createLeaderLock(noop, locks))
    await flush()
    expect(tabs.filter((tab) => tab.isLeader())).toHaveLength(1)
  })

  it('hands the role to a waiting tab when the sender closes, which then wakes', async () => {
    const locks = createFakeLocks()
    const first = createLeaderLock(noop, locks)
    const onAcquire = vi.fn()
    const second = createLeaderLock(onAcquire, locks)
    await flush()
    expect(second.isLeader()).toBe(false)
    first.release()
    await flush()
    expect(first.isLeader()).toBe(false)
    expect(second.isLeader()).toBe(true)
    expect(onAcquire).toHaveBeenCalledTimes(1)
  })

  it('stops waiting when released before it ever led', async () => {
    const locks = createFakeLocks()
    const first = createLeaderLock(noop, locks)
    const onAcquire = vi.fn()
    const second = createLeaderLock(onAcquire, locks)
    await flush()
    second.release()
    first.release()
    await flush()
    expect(onAcquire).not.toHaveBeenCalled()
    expect(locks.held()).toBe(0)
  })

  it('uses navigator.locks by default', async () => {
    const locks = createFakeLocks()
    const spy = vi.spyOn(locks, 'request')
    vi.stubGlobal('navigator', { locks })
    try {
      createLeaderLock(noop)
      expect(spy).toHaveBeenCalledWith('touchpoint:sender', expect.anything(), expect.any(Function))
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

describe('createLeaderLock without Web Locks (localStorage lease)', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('elects one sender among tabs that start together', async () => {
    vi.useFakeTimers()
    const store = memoryLeaseStore()
    const tabs = [1, 2, 3].map(() => createLeaderLock(noop, null, store))
    vi.advanceTimersByTime(2_100)
    expect(tabs.filter((tab) => tab.isLeader())).toHaveLength(1)
    expect((await Promise.all(tabs.map((tab) => tab.ready))).filter(Boolean)).toHaveLength(1)
    vi.advanceTimersByTime(20_000)
    expect(tabs.filter((tab) => tab.isLeader())).toHaveLength(1)
    for (const tab of tabs) tab.release()
  })

  it('lets another tab take over once the sender stops renewing its lease', () => {
    vi.useFakeTimers()
    const store = memoryLeaseStore()
    const first = createLeaderLock(noop, null, store)
    vi.advanceTimersByTime(2_100)
    expect(first.isLeader()).toBe(true)
    const onAcquire = vi.fn()
    const second = createLeaderLock(onAcquire, null, store)
    vi.advanceTimersByTime(4_000)
    expect(second.isLeader()).toBe(false)
    first.release()
    vi.advanceTimersByTime(4_100)
    expect(second.isLeader()).toBe(true)
    expect(onAcquire).toHaveBeenCalledTimes(1)
    second.release()
  })

  it('uses localStorage when navigator.locks is missing', () => {
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
    const lock = createLeaderLock(onAcquire, null, throwing)
    expect(lock.isLeader()).toBe(true)
    expect(onAcquire).toHaveBeenCalledTimes(1)
    lock.release()
  })

  it('lets every tab send when neither Web Locks nor localStorage exist', async () => {
    const onAcquire = vi.fn()
    const lock = createLeaderLock(onAcquire, null, null)
    await flush()
    expect(lock.isLeader()).toBe(true)
    expect(onAcquire).toHaveBeenCalledTimes(1)
    lock.release()
  })
})
