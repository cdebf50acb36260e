// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { QueuedEvent } from '@touchpoint/core'
import { createIdbStorage } from '../../packages/browser/src/idb-storage'
import { makeQueuedEvent } from './fixtures'

const ids = (events: QueuedEvent[]) => events.map((e) => e.id)

beforeEach(() => {
  // A fresh, empty IndexedDB per test.
  globalThis.indexedDB = new IDBFactory()
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('createIdbStorage', () => {

  it('declares itself shared between tabs and durable', () => {
    const storage = createIdbStorage()
    expect(storage.shared).toBe(true)
    expect(storage.durable).toBe(true)
  })

  it('opens nothing until the first operation', () => {
    const open = vi.spyOn(globalThis.indexedDB, 'open')
    createIdbStorage()
    expect(open).not.toHaveBeenCalled()
  })

  it('writes a whole batch of events in one readwrite transaction', async () => {
    const storage = createIdbStorage()
    await storage.count() // open the database first so only the append is measured
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction')
    await storage.append(Array.from({ length: 50 }, (_, i) => makeQueuedEvent(i)))
    const modes = transaction.mock.calls.map((call) => call[1])
    expect(modes).toEqual(['readwrite'])
    expect(await storage.count()).toBe(50)
  })

  it('reads events oldest first by their time-ordered id, whatever the append order', async () => {
    const storage = createIdbStorage()
    await storage.append([makeQueuedEvent(3), makeQueuedEvent(1)])
    await storage.append([makeQueuedEvent(2)])
    expect(ids(await storage.read(10, new Set()))).toEqual(ids([1, 2, 3].map((n) => makeQueuedEvent(n))))
  })

  it('stops at the limit and skips the excluded ids', async () => {
    const storage = createIdbStorage()
    await storage.append([1, 2, 3, 4, 5].map((n) => makeQueuedEvent(n)))
    const read = await storage.read(2, new Set([makeQueuedEvent(1).id, makeQueuedEvent(3).id]))
    expect(ids(read)).toEqual(ids([makeQueuedEvent(2), makeQueuedEvent(4)]))
    expect(await storage.read(0, new Set())).toEqual([])
  })

  it('keeps the event exactly as queued', async () => {
    const storage = createIdbStorage()
    const event = makeQueuedEvent(7)
    await storage.append([event])
    const [read] = await storage.read(1, new Set())
    expect(read).toEqual(event)
  })

  it('removes acknowledged events and ignores unknown ids', async () => {
    const storage = createIdbStorage()
    await storage.append([1, 2, 3].map((n) => makeQueuedEvent(n)))
    await storage.remove([makeQueuedEvent(2).id, 'unknown-id'])
    expect(ids(await storage.read(10, new Set()))).toEqual(ids([makeQueuedEvent(1), makeQueuedEvent(3)]))
    await storage.remove([])
    expect(await storage.count()).toBe(2)
  })

  it('shares one queue between two storages on the same database, as two tabs do', async () => {
    const tabA = createIdbStorage()
    const tabB = createIdbStorage()
    await tabA.append([makeQueuedEvent(1)])
    await tabB.append([makeQueuedEvent(2)])
    expect((await tabA.read(10, new Set())).length).toBe(2)
  })

  it('survives a reload: a new storage instance reads what the old one wrote', async () => {
    await createIdbStorage().append([makeQueuedEvent(1)])
    expect(await createIdbStorage().count()).toBe(1)
  })

  it('skips values it did not write instead of failing', async () => {
    const storage = createIdbStorage()
    await storage.append([makeQueuedEvent(1)])
    const { set, createStore } = await import('idb-keyval')
    await set('zzz-garbage', 42, createStore('touchpoint', 'queue'))
    expect(ids(await storage.read(10, new Set()))).toEqual([makeQueuedEvent(1).id])
  })
})

describe('createIdbStorage when IndexedDB fails', () => {

  it('rejects only the first failing operation (the queue reports it once) and keeps the page in memory after it', async () => {
    vi.stubGlobal('indexedDB', undefined)
    const storage = createIdbStorage()
    await expect(storage.count()).rejects.toThrow()
    await storage.append([makeQueuedEvent(1), makeQueuedEvent(2)])
    await storage.append([makeQueuedEvent(3)])
    expect(ids(await storage.read(10, new Set([makeQueuedEvent(2).id])))).toEqual(ids([makeQueuedEvent(1), makeQueuedEvent(3)]))
    expect(ids(await storage.read(1, new Set()))).toEqual([makeQueuedEvent(1).id])
    await storage.remove([makeQueuedEvent(1).id])
    expect(await storage.count()).toBe(2)
  })

  it('rejects once even when several operations were under way as IndexedDB failed', async () => {
    vi.stubGlobal('indexedDB', undefined)
    const storage = createIdbStorage()
    const results = await Promise.allSettled([storage.append([makeQueuedEvent(1)]), storage.count(), storage.read(5, new Set()), storage.remove(['x'])])
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1)
  })

  it('moves to memory when opening the database stays blocked', async () => {
    vi.useFakeTimers()
    vi.spyOn(globalThis.indexedDB, 'open').mockImplementation(() => ({}) as IDBOpenDBRequest)
    const storage = createIdbStorage()
    const counted = storage.count()
    const rejected = expect(counted).rejects.toThrow(/blocked/)
    await vi.advanceTimersByTimeAsync(3_000)
    await rejected
    await expect(storage.count()).resolves.toBe(0)
  })

  it('moves to memory when a write fails (quota exceeded)', async () => {
    const storage = createIdbStorage()
    await storage.count()
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError')
    })
    await expect(storage.append([makeQueuedEvent(1)])).rejects.toThrow(/quota/)
    await storage.append([makeQueuedEvent(2)])
    expect(ids(await storage.read(10, new Set()))).toEqual([makeQueuedEvent(2).id])
  })

  it('no longer declares itself shared: the page sends its own events', async () => {
    vi.stubGlobal('indexedDB', undefined)
    const storage = createIdbStorage()
    await storage.count().catch(() => undefined)
    expect(storage.shared).toBe(false)
    expect(storage.durable).toBe(true)
  })

  it('still removes acknowledged events from IndexedDB, so a later visit does not send them again', async () => {
    const storage = createIdbStorage()
    await storage.append([makeQueuedEvent(1)])
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError')
    })
    await storage.append([makeQueuedEvent(2)]).catch(() => undefined) // fails: memory from now on
    put.mockRestore()
    await storage.remove([makeQueuedEvent(1).id])
    await vi.waitFor(async () => expect(await createIdbStorage().count()).toBe(0))
  })
})
