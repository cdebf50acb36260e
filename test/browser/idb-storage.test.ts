// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { QueuedEvent } from '@touchpoint/core'
import { createIdbStorage } from '../../packages/browser/src/idb-storage'
import { makeQueuedEvent } from './fixtures'

describe('createIdbStorage', () => {
  beforeEach(() => {
    // A fresh, empty IndexedDB per test.
    globalThis.indexedDB = new IDBFactory()
  })
  afterEach(() => vi.restoreAllMocks())

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
    const read = await storage.read(10, new Set())
    expect(read.map((e) => e.id)).toEqual([makeQueuedEvent(1).id, makeQueuedEvent(2).id, makeQueuedEvent(3).id])
  })

  it('stops at the limit and skips the excluded ids', async () => {
    const storage = createIdbStorage()
    await storage.append([1, 2, 3, 4, 5].map((n) => makeQueuedEvent(n)))
    const read = await storage.read(2, new Set([makeQueuedEvent(1).id, makeQueuedEvent(3).id]))
    expect(read.map((e) => e.id)).toEqual([makeQueuedEvent(2).id, makeQueuedEvent(4).id])
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
    expect((await storage.read(10, new Set())).map((e) => e.id)).toEqual([makeQueuedEvent(1).id, makeQueuedEvent(3).id])
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
    const storage = createIdbStorage({ dbName: 'foreign' })
    await storage.append([makeQueuedEvent(1)])
    const { set, createStore } = await import('idb-keyval')
    await set('zzz-garbage', 42, createStore('foreign', 'queue'))
    expect((await storage.read(10, new Set())).map((e: QueuedEvent) => e.id)).toEqual([makeQueuedEvent(1).id])
  })

  it('rejects (never throws synchronously) when IndexedDB is missing', async () => {
    const saved = globalThis.indexedDB
    // @ts-expect-error simulating a browser without IndexedDB
    delete globalThis.indexedDB
    try {
      const storage = createIdbStorage()
      const append = storage.append([makeQueuedEvent(1)])
      await expect(append).rejects.toThrow(/not available/)
    } finally {
      globalThis.indexedDB = saved
    }
  })

  it('rejects when opening the database stays blocked', async () => {
    vi.spyOn(globalThis.indexedDB, 'open').mockImplementation(() => ({}) as IDBOpenDBRequest)
    const storage = createIdbStorage({ openTimeoutMs: 20 })
    await expect(storage.count()).rejects.toThrow(/blocked/)
  })
})
