// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest'
import type { QueuedEvent } from '@touchpoint/core'
import { createUnloadSender, listenForUnload } from '../../packages/browser/src/unload'
import { makeQueuedEvent } from './fixtures'

const endpoint = 'https://collect.example.test/v1/batch'

/** A queue stand-in holding `events`; takeForUnload honours the byte budget like the engine. */
function fakeQueue(events: QueuedEvent[]) {
  const settled: { ids: readonly string[]; sent: boolean }[] = []
  const budgets: number[] = []
  return {
    settled,
    budgets,
    takeForUnload(maxBytes: number) {
      budgets.push(maxBytes)
      const out: QueuedEvent[] = []
      let bytes = 64
      while (events.length > 0 && bytes + (events[0] as QueuedEvent).bytes + 1 <= maxBytes) {
        const next = events.shift() as QueuedEvent
        bytes += next.bytes + 1
        out.push(next)
      }
      return out
    },
    settleUnload(ids: readonly string[], sent: boolean) {
      settled.push({ ids, sent })
    },
  }
}

async function blobText(blob: Blob): Promise<string> {
  return blob.text()
}

describe('createUnloadSender', () => {
  it('sends the queued events as one text/plain beacon with the write key in the body', async () => {
    const queue = fakeQueue([1, 2, 3].map((n) => makeQueuedEvent(n)))
    const sendBeacon = vi.fn((_url: string, _data: Blob) => true)
    createUnloadSender({ queue, endpoint, writeKey: 'wk_1', isLeader: () => true, sendBeacon })()
    expect(sendBeacon).toHaveBeenCalledTimes(1)
    const [url, blob] = sendBeacon.mock.calls[0] as [string, Blob]
    expect(url).toBe(endpoint)
    expect(blob.type).toBe('text/plain')
    const body = JSON.parse(await blobText(blob))
    expect(body.writeKey).toBe('wk_1')
    expect(body.batch).toHaveLength(3)
    expect(queue.settled).toEqual([{ ids: [1, 2, 3].map((n) => makeQueuedEvent(n).id), sent: true }])
  })

  it('keeps the body within the 64 KB keepalive budget and leaves the rest queued', async () => {
    const big = 'y'.repeat(10_000)
    const queue = fakeQueue(Array.from({ length: 10 }, (_, n) => makeQueuedEvent(n, { big })))
    const sendBeacon = vi.fn((_url: string, _data: Blob) => true)
    createUnloadSender({ queue, endpoint, writeKey: 'wk', isLeader: () => true, sendBeacon })()
    const blob = sendBeacon.mock.calls[0]?.[1] as Blob
    expect(blob.size).toBeLessThanOrEqual(64_000)
    const sent = JSON.parse(await blobText(blob)).batch.length
    expect(sent).toBe(6)
    expect(queue.settled[0]?.ids).toHaveLength(6)
  })

  it('sends nothing over 64 KB, even when escaping the write key outgrows its reserve', () => {
    // Control characters escape to six bytes each in JSON; the reserve counts three.
    const writeKey = '\u0001'.repeat(4_000)
    const queue = fakeQueue([makeQueuedEvent(1, { big: 'y'.repeat(50_000) })])
    const sendBeacon = vi.fn((_url: string, _data: Blob) => true)
    const fetch = vi.fn(async () => new Response(null, { status: 200 }))
    createUnloadSender({ queue, endpoint, writeKey, isLeader: () => true, sendBeacon, fetch })()
    for (const [, blob] of sendBeacon.mock.calls) expect(blob.size).toBeLessThanOrEqual(64_000)
    expect(fetch).not.toHaveBeenCalled()
    expect(queue.settled).toEqual([{ ids: [makeQueuedEvent(1).id], sent: false }])
  })

  it('leaves room for keepalive requests already in flight', () => {
    const queue = fakeQueue([makeQueuedEvent(1)])
    createUnloadSender({ queue, endpoint, isLeader: () => true, sendBeacon: () => true, keepaliveBytesInFlight: () => 50_000 })()
    expect(queue.budgets[0]).toBeLessThanOrEqual(14_000)
  })

  it('does nothing in a tab that is not the sender', () => {
    const queue = fakeQueue([makeQueuedEvent(1)])
    const sendBeacon = vi.fn(() => true)
    createUnloadSender({ queue, endpoint, isLeader: () => false, sendBeacon })()
    expect(sendBeacon).not.toHaveBeenCalled()
    expect(queue.budgets).toEqual([])
  })

  it('keeps the events for the next visit when the collector failed the last batch', () => {
    const queue = fakeQueue([makeQueuedEvent(1)])
    const sendBeacon = vi.fn(() => true)
    createUnloadSender({ queue, endpoint, isLeader: () => true, collectorHealthy: () => false, sendBeacon })()
    expect(sendBeacon).not.toHaveBeenCalled()
    expect(queue.budgets).toEqual([])
  })

  it('falls back to a text/plain keepalive fetch when the beacon is refused, and settles on its answer', async () => {
    const queue = fakeQueue([makeQueuedEvent(1)])
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(null, { status: 200 }))
    createUnloadSender({ queue, endpoint, writeKey: 'wk', isLeader: () => true, sendBeacon: () => false, fetch })()
    await vi.waitFor(() => expect(queue.settled).toHaveLength(1))
    const init = fetch.mock.calls[0]?.[1] as RequestInit
    expect(init.keepalive).toBe(true)
    expect(init.headers).toEqual({ 'Content-Type': 'text/plain' })
    expect(queue.settled[0]?.sent).toBe(true)
  })

  it('puts the events back when the keepalive fetch fails, so the next visit sends them', async () => {
    const queue = fakeQueue([makeQueuedEvent(1)])
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    createUnloadSender({ queue, endpoint, isLeader: () => true, sendBeacon: () => false, fetch })()
    await vi.waitFor(() => expect(queue.settled).toEqual([{ ids: [makeQueuedEvent(1).id], sent: false }]))
  })

  it('never throws into the page, even when sendBeacon throws', () => {
    const queue = fakeQueue([makeQueuedEvent(1)])
    const sender = createUnloadSender({
      queue,
      endpoint,
      isLeader: () => true,
      sendBeacon: () => {
        throw new Error('boom')
      },
      fetch: () => Promise.reject(new Error('no')),
    })
    expect(() => sender()).not.toThrow()
  })

  it('takes nothing the second time when everything already left', () => {
    const queue = fakeQueue([makeQueuedEvent(1)])
    const sendBeacon = vi.fn(() => true)
    const sender = createUnloadSender({ queue, endpoint, isLeader: () => true, sendBeacon })
    sender()
    sender()
    expect(sendBeacon).toHaveBeenCalledTimes(1)
  })
})

describe('listenForUnload', () => {
  it('fires on pagehide and when the page becomes hidden, not when it becomes visible', () => {
    const onUnload = vi.fn()
    const stop = listenForUnload({ window, document }, onUnload)
    window.dispatchEvent(new Event('pagehide'))
    let state: DocumentVisibilityState = 'visible'
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => state)
    document.dispatchEvent(new Event('visibilitychange'))
    state = 'hidden'
    document.dispatchEvent(new Event('visibilitychange'))
    expect(onUnload).toHaveBeenCalledTimes(2)
    stop()
    window.dispatchEvent(new Event('pagehide'))
    expect(onUnload).toHaveBeenCalledTimes(2)
  })
})
