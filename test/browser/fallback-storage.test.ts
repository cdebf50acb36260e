// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import { createMemoryStorage, type Storage } from '@touchpoint/core'
import { createFallbackStorage } from '../../packages/browser/src/fallback-storage'
import { makeQueuedEvent } from './fixtures'

/** A storage whose every operation rejects, like IndexedDB over quota or missing. */
function brokenStorage(error = new Error('QuotaExceededError')): Storage {
  const reject = () => Promise.reject(error)
  return { shared: true, durable: true, append: reject, read: reject, remove: reject, count: reject }
}

describe('createFallbackStorage', () => {
  it('uses the primary storage while it works', async () => {
    const primary = createMemoryStorage()
    const onError = vi.fn()
    const storage = createFallbackStorage(primary, createMemoryStorage(), onError)
    await storage.append([makeQueuedEvent(1)])
    expect(await primary.count()).toBe(1)
    expect(onError).not.toHaveBeenCalled()
  })

  it('moves to memory on the first failure and reports exactly one error', async () => {
    const cause = new Error('QuotaExceededError')
    const onError = vi.fn()
    const fallback = createMemoryStorage()
    const storage = createFallbackStorage(brokenStorage(cause), fallback, onError)
    await storage.append([makeQueuedEvent(1)])
    await storage.append([makeQueuedEvent(2)])
    await storage.read(10, new Set())
    await storage.count()
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledWith(cause)
    expect(await fallback.count()).toBe(2)
    expect(storage.failed()).toBe(true)
  })

  it('never rejects when the primary fails, whatever the operation', async () => {
    const storage = createFallbackStorage(brokenStorage(), createMemoryStorage(), () => undefined)
    await expect(storage.read(5, new Set())).resolves.toEqual([])
    await expect(storage.count()).resolves.toBe(0)
    await expect(storage.remove(['x'])).resolves.toBeUndefined()
    await expect(storage.append([makeQueuedEvent(1)])).resolves.toBeUndefined()
  })

  it('keeps the events of the failed write, so nothing tracked is lost', async () => {
    const storage = createFallbackStorage(brokenStorage(), createMemoryStorage(), () => undefined)
    await storage.append([makeQueuedEvent(1), makeQueuedEvent(2)])
    expect((await storage.read(10, new Set())).map((e) => e.id)).toEqual([makeQueuedEvent(1).id, makeQueuedEvent(2).id])
  })

  it('survives a throwing error reporter', async () => {
    const storage = createFallbackStorage(brokenStorage(), createMemoryStorage(), () => {
      throw new Error('listener bug')
    })
    await expect(storage.append([makeQueuedEvent(1)])).resolves.toBeUndefined()
  })

  it('keeps the shared and durable flags of the primary', () => {
    const storage = createFallbackStorage(brokenStorage(), createMemoryStorage(), () => undefined)
    expect(storage.shared).toBe(true)
    expect(storage.durable).toBe(true)
  })

  it('still forwards removals to the failed primary, without waiting for it', async () => {
    const primary = { ...brokenStorage(), remove: vi.fn(() => new Promise<void>(() => undefined)) }
    const storage = createFallbackStorage(primary, createMemoryStorage(), () => undefined)
    await storage.count()
    await storage.remove(['a'])
    expect(primary.remove).toHaveBeenLastCalledWith(['a'])
  })
})
