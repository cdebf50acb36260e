// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { systemClock } from '@touchpoint/core'
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

describe('createLeaderLock with Web Locks', () => {
  it('makes the first tab the sender and wakes its queue', async () => {
    const onAcquire = vi.fn()
    const lock = createLeaderLock({ locks: createFakeLocks(), onAcquire, clock: systemClock })
    await flush()
    expect(lock.isLeader()).toBe(true)
    expect(onAcquire).toHaveBeenCalledTimes(1)
  })

  it('stays released when the role is given up before the browser grants the lock', async () => {
    const locks = createFakeLocks()
    const onAcquire = vi.fn()
    const lock = createLeaderLock({ locks, onAcquire, clock: systemClock })
    lock.release()
    await flush()
    expect(lock.isLeader()).toBe(false)
    expect(onAcquire).not.toHaveBeenCalled()
    expect(locks.held()).toBe(0)
  })

  it('lets only one of three tabs send at a time', async () => {
    const locks = createFakeLocks()
    const tabs = [1, 2, 3].map(() => createLeaderLock({ locks, onAcquire: () => undefined, clock: systemClock }))
    await flush()
    expect(tabs.filter((tab) => tab.isLeader())).toHaveLength(1)
  })

  it('hands the role to a waiting tab when the sender closes, which then wakes', async () => {
    const locks = createFakeLocks()
    const first = createLeaderLock({ locks, onAcquire: () => undefined, clock: systemClock })
    const onAcquire = vi.fn()
    const second = createLeaderLock({ locks, onAcquire, clock: systemClock })
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
    const first = createLeaderLock({ locks, onAcquire: () => undefined, clock: systemClock })
    const onAcquire = vi.fn()
    const second = createLeaderLock({ locks, onAcquire, clock: systemClock })
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
      createLeaderLock({ onAcquire: () => undefined, clock: systemClock })
      expect(spy).toHaveBeenCalledWith('touchpoint:sender', expect.anything(), expect.any(Function))
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

describe('createLeaderLock without Web Locks (localStorage lease)', () => {
  afterEach(() => vi.useRealTimers())

  it('elects one sender among tabs that start together', () => {
    vi.useFakeTimers()
    const store = memoryLeaseStore()
    const tabs = [1, 2, 3].map(() => createLeaderLock({ locks: undefined, leaseStore: store, onAcquire: () => undefined, clock: systemClock }))
    vi.advanceTimersByTime(2_100)
    expect(tabs.filter((tab) => tab.isLeader())).toHaveLength(1)
    vi.advanceTimersByTime(20_000)
    expect(tabs.filter((tab) => tab.isLeader())).toHaveLength(1)
    for (const tab of tabs) tab.release()
  })

  it('lets another tab take over once the sender stops renewing its lease', () => {
    vi.useFakeTimers()
    const store = memoryLeaseStore()
    const first = createLeaderLock({ locks: undefined, leaseStore: store, onAcquire: () => undefined, clock: systemClock })
    vi.advanceTimersByTime(2_100)
    expect(first.isLeader()).toBe(true)
    const onAcquire = vi.fn()
    const second = createLeaderLock({ locks: undefined, leaseStore: store, onAcquire, clock: systemClock })
    vi.advanceTimersByTime(4_000)
    expect(second.isLeader()).toBe(false)
    first.release()
    vi.advanceTimersByTime(4_100)
    expect(second.isLeader()).toBe(true)
    expect(onAcquire).toHaveBeenCalledTimes(1)
    second.release()
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
    const lock = createLeaderLock({ locks: undefined, leaseStore: throwing, onAcquire, clock: systemClock })
    expect(lock.isLeader()).toBe(true)
    expect(onAcquire).toHaveBeenCalledTimes(1)
    lock.release()
  })

  it('lets every tab send when neither Web Locks nor localStorage exist', async () => {
    const onAcquire = vi.fn()
    const lock = createLeaderLock({ locks: undefined, leaseStore: undefined, onAcquire, clock: systemClock })
    await flush()
    expect(lock.isLeader()).toBe(true)
    expect(onAcquire).toHaveBeenCalledTimes(1)
  })
})
