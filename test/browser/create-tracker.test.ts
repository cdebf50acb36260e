// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TouchpointError, WireEvent } from '@touchpoint/core'
import { createTracker, type Tracker, type TrackerOptions } from '../../packages/browser/src/create-tracker'
import { createIdbStorage } from '../../packages/browser/src/idb-storage'
import { createFakeLocks } from './fake-locks'

const endpoint = 'https://collect.example.test/v1/batch'
const server = setupServer()

/** What the fake collector accepted, and whether it accepts right now. */
const collector = { received: [] as WireEvent[], auth: [] as (string | null)[], status: 200 }

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
  collector.received = []
  collector.auth = []
  collector.status = 200
  server.use(
    http.post(endpoint, async ({ request }) => {
      collector.auth.push(request.headers.get('authorization'))
      const body = (await request.json()) as { batch: WireEvent[] }
      if (collector.status !== 200) return new HttpResponse(null, { status: collector.status })
      collector.received.push(...body.batch)
      return HttpResponse.json({ success: true })
    }),
  )
})
const trackers: Tracker[] = []
afterEach(async () => {
  await Promise.all(trackers.splice(0).map((t) => t.close({ timeoutMs: 100 })))
  server.resetHandlers()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})
afterAll(() => server.close())

function open(options: Partial<TrackerOptions> = {}): Tracker {
  const tracker = createTracker({ endpoint, writeKey: 'wk_test', flushIntervalMs: 20, retry: { baseMs: 10, maxMs: 20 }, autoLandingTouchpoint: false, ...options })
  trackers.push(tracker)
  return tracker
}

const names = (events: WireEvent[]) => events.map((e) => (e.type === 'track' ? e.event : e.type))

describe('createTracker', () => {
  it('delivers tracked events to the endpoint with the write key in Basic auth', async () => {
    const tp = open()
    tp.track('touchpoint', { touchpoint: 'facebook-ad', channel: 'social', stage: 'awareness' })
    tp.identify('user-42', { plan: 'pro' })
    tp.page('Home')
    const result = await tp.flush()
    // The journey module adds `Stage Entered` right after the touchpoint that entered awareness.
    expect(names(collector.received)).toEqual(['touchpoint', 'Stage Entered', 'identify', 'page'])
    expect(result).toMatchObject({ sent: 4, pending: 0, dropped: 0 })
    expect(collector.auth[0]).toBe(`Basic ${btoa('wk_test:')}`)
    expect(collector.received[0]?.context.library.name).toBe('@touchpoint/browser')
  })

  it('gives every event an anonymousId, the same within the page', async () => {
    const tp = open()
    tp.track('A')
    tp.track('B')
    await tp.flush()
    const [a, b] = collector.received
    expect(a?.anonymousId).toEqual(expect.any(String))
    expect(b?.anonymousId).toBe(a?.anonymousId)
  })

  it('uses the identity and context providers plugged in by the context module', async () => {
    const tp = open({ identity: () => ({ anonymousId: 'anon-7', userId: 'u-7' }), context: () => ({ locale: 'fr-FR' }) })
    tp.track('A')
    await tp.flush()
    expect(collector.received[0]).toMatchObject({ anonymousId: 'anon-7', userId: 'u-7', context: { locale: 'fr-FR' } })
  })

  it('exposes the context methods next to the core calls', async () => {
    const tp = open({ consent: 'pending' })
    expect(tp.consent()).toBe('pending')
    tp.track('held until consent')
    expect(collector.received).toEqual([])
    expect(tp.consent('granted')).toBe('granted')
    await tp.flush()
    expect(names(collector.received)).toEqual(['held until consent'])
    expect(typeof tp.journey).toBe('function')
    expect(typeof tp.journeyToken()).toBe('string')
    expect(() => tp.reset()).not.toThrow()
  })

  it('reports events held for consent that the 1,000-event cap pushes out as dropped (queue-full)', async () => {
    const tp = open()
    tp.consent('pending')
    const dropped: { reason: string; events: WireEvent[] }[] = []
    tp.on('dropped', ({ reason, events }) => dropped.push({ reason, events: [...events] }))
    for (let i = 0; i < 1001; i++) tp.track('Clicked', { i })
    expect(dropped).toHaveLength(1)
    expect(dropped[0]!.reason).toBe('queue-full')
    expect(dropped[0]!.events).toMatchObject([{ event: 'Clicked', properties: { i: 0 } }])
    tp.consent('granted')
    await tp.flush()
    expect(collector.received).toHaveLength(1000)
    expect(collector.received[0]).toMatchObject({ properties: { i: 1 } })
  })

  it('lets the intercept hook hold events back', async () => {
    const tp = open({ intercept: (_queued, event) => event.type !== 'track' || event.event !== 'secret' })
    tp.track('secret')
    tp.track('public')
    await tp.flush()
    expect(names(collector.received)).toEqual(['public'])
  })

  it('lets the intercept hook drop events tracked while consent was pending', async () => {
    const tp = open({ consent: 'pending', intercept: (_queued, event) => event.type !== 'track' || event.event !== 'secret' })
    tp.track('secret')
    tp.track('public')
    tp.consent('granted')
    await tp.flush()
    expect(names(collector.received)).toEqual(['public'])
  })

  it('writes a burst of tracked events to IndexedDB in one transaction', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false) // nothing sent, nothing removed
    const tp = open()
    await tp.flush({ timeoutMs: 50 })
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction')
    for (let i = 0; i < 50; i++) tp.track('burst', { i })
    await vi.waitFor(async () => expect(await createIdbStorage().count()).toBe(50))
    expect(transaction.mock.calls.filter((call) => call[1] === 'readwrite')).toHaveLength(1)
  })

  it('keeps events in IndexedDB while the collector fails, and the next page load delivers them', async () => {
    collector.status = 503
    const first = open({ retry: { baseMs: 10_000 } })
    first.track('Saved for later')
    await vi.waitFor(() => expect(collector.auth.length).toBeGreaterThan(0))
    await trackers.splice(0)[0]?.close({ timeoutMs: 10 })
    expect(collector.received).toEqual([])
    collector.status = 200
    const reloaded = open()
    await vi.waitFor(() => expect(names(collector.received)).toEqual(['Saved for later']))
    await reloaded.flush()
  })

  it('falls back to memory with exactly one error event when IndexedDB is missing, and still delivers', async () => {
    vi.stubGlobal('indexedDB', undefined)
    const debug = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const tp = open({ debug: true })
    const errors: TouchpointError[] = []
    tp.on('error', (error) => errors.push(error))
    tp.track('A')
    tp.track('B')
    await tp.flush()
    tp.track('C')
    await tp.flush()
    expect(names(collector.received)).toEqual(['A', 'B', 'C'])
    expect(errors).toHaveLength(1)
    expect(errors[0]?.code).toBe('storage')
    expect(debug.mock.calls.filter((call) => String(call[0]).startsWith('touchpoint: storage'))).toHaveLength(1)
  })

  it('hands the sender role on when its own IndexedDB fails, so another tab sends the shared queue', async () => {
    vi.stubGlobal('navigator', { locks: createFakeLocks(), onLine: true })
    const tabA = open()
    await tabA.flush() // tab A is the sender
    const logB: string[] = []
    const tabB = open({ logger: { debug: (message) => logB.push(message), warn: () => undefined } })
    await tabB.flush({ timeoutMs: 50 })
    // One write in tab A fails (over quota): tab A's queue moves to its own memory for good.
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
      throw new DOMException('over quota', 'QuotaExceededError')
    })
    tabA.track('from A')
    await tabA.flush()
    put.mockRestore()
    await vi.waitFor(() => expect(logB).toContain('sender tab'))
    await tabB.flush()
    tabB.track('from B') // stored in IndexedDB, which still works for tab B
    await tabB.flush()
    expect(names(collector.received)).toEqual(['from A', 'from B'])
  })

  it('holds events while offline and sends them when the browser comes back online', async () => {
    let onLine = false
    vi.spyOn(navigator, 'onLine', 'get').mockImplementation(() => onLine)
    const tp = open()
    tp.track('Offline touch')
    const held = await tp.flush({ timeoutMs: 100 })
    expect(held.pending).toBe(1)
    expect(collector.auth).toEqual([])
    onLine = true
    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(names(collector.received)).toEqual(['Offline touch']))
  })

  it('lets only the sender tab send, and it delivers the other tabs events exactly once', async () => {
    vi.stubGlobal('navigator', { locks: createFakeLocks(), onLine: true })
    const tabA = open()
    const tabB = open()
    tabA.track('from A')
    tabB.track('from B')
    await vi.waitFor(() => expect(names(collector.received).sort()).toEqual(['from A', 'from B']))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(collector.received).toHaveLength(2)
  })

  it('gives up the sender role on pagehide, so the page can enter the back/forward cache, and claims it again when restored', async () => {
    const locks = createFakeLocks()
    vi.stubGlobal('navigator', { locks, onLine: true, sendBeacon: () => true })
    const tp = open()
    await tp.flush()
    expect(locks.held()).toBe(1)
    window.dispatchEvent(new Event('pagehide'))
    await vi.waitFor(() => expect(locks.held()).toBe(0))
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }))
    await vi.waitFor(() => expect(locks.held()).toBe(1))
    tp.track('after restore')
    await tp.flush()
    expect(names(collector.received)).toEqual(['after restore'])
  })

  it('sends what is left by beacon when the page goes away', async () => {
    const sendBeacon = vi.fn((_url: string, _data: string) => true)
    vi.stubGlobal('navigator', { sendBeacon, onLine: true, locks: createFakeLocks() })
    const tp = open({ flushIntervalMs: 60_000 })
    await tp.flush() // the sender election and the first read of storage
    tp.track('Last touch')
    window.dispatchEvent(new Event('pagehide'))
    expect(sendBeacon).toHaveBeenCalledTimes(1)
    const body = JSON.parse(sendBeacon.mock.calls[0]![1])
    expect(body.writeKey).toBe('wk_test')
    expect(body.batch.map((e: WireEvent) => (e.type === 'track' ? e.event : ''))).toEqual(['Last touch'])
  })

  it('sends by beacon when the page becomes hidden, not when it becomes visible', async () => {
    const sendBeacon = vi.fn((_url: string, _data: string) => true)
    vi.stubGlobal('navigator', { sendBeacon, onLine: true, locks: createFakeLocks() })
    let state: DocumentVisibilityState = 'visible'
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => state)
    vi.spyOn(document, 'hidden', 'get').mockImplementation(() => state === 'hidden')
    const tp = open({ flushIntervalMs: 60_000 })
    await tp.flush()
    tp.track('Tab switched')
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
    expect(sendBeacon).not.toHaveBeenCalled()
    state = 'hidden'
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
    expect(sendBeacon).toHaveBeenCalledTimes(1)
  })

  it('sends nothing at unload from a tab that is not the sender: its events wait in IndexedDB for the sender', async () => {
    const sendBeacon = vi.fn((_url: string, _data: string) => true)
    vi.stubGlobal('navigator', { sendBeacon, onLine: true, locks: createFakeLocks() })
    const sender = open({ flushIntervalMs: 60_000 })
    await sender.flush()
    const other = open({ flushIntervalMs: 60_000 })
    await other.flush()
    other.track('from the other tab')
    window.dispatchEvent(new Event('pagehide')) // both trackers share this window
    expect(sendBeacon.mock.calls.map((call) => JSON.parse(call[1]).batch.length)).toEqual([])
    await vi.waitFor(async () => expect(await createIdbStorage().count()).toBe(1))
  })

  it('sends nothing by beacon while offline: the events wait in IndexedDB', async () => {
    const sendBeacon = vi.fn((_url: string, _data: string) => true)
    vi.stubGlobal('navigator', { sendBeacon, onLine: false, locks: createFakeLocks() })
    const tp = open()
    await tp.flush({ timeoutMs: 50 })
    tp.track('offline')
    window.dispatchEvent(new Event('pagehide'))
    expect(sendBeacon).not.toHaveBeenCalled()
    await vi.waitFor(async () => expect(await createIdbStorage().count()).toBe(1))
  })

  it('sends nothing by beacon while a batch still waits for its answer', async () => {
    const sendBeacon = vi.fn((_url: string, _data: string) => true)
    vi.stubGlobal('navigator', { sendBeacon, onLine: true, locks: createFakeLocks() })
    let asked = false
    let answer: () => void = () => undefined
    server.use(
      http.post(endpoint, () => {
        asked = true
        return new Promise<Response>((resolve) => (answer = () => resolve(HttpResponse.json({ success: true }))))
      }),
    )
    const tp = open({ flushAt: 1 })
    await tp.flush({ timeoutMs: 50 })
    tp.track('in flight')
    await vi.waitFor(() => expect(asked).toBe(true))
    tp.track('waiting')
    window.dispatchEvent(new Event('pagehide'))
    expect(sendBeacon).not.toHaveBeenCalled()
    answer()
  })

  it('keeps events in IndexedDB instead of a beacon when the collector is failing', async () => {
    const sendBeacon = vi.fn((_url: string, _data: Blob) => true)
    vi.stubGlobal('navigator', { sendBeacon, onLine: true, locks: createFakeLocks() })
    collector.status = 503
    const tp = open({ flushAt: 1, retry: { baseMs: 60_000 } })
    tp.track('first')
    // At least once: full jitter can draw a retry delay of a few ms even from a 60 s ceiling.
    await vi.waitFor(() => expect(collector.auth.length).toBeGreaterThanOrEqual(1))
    await new Promise((resolve) => setTimeout(resolve, 20)) // the 503 is read
    tp.track('second')
    window.dispatchEvent(new Event('pagehide'))
    expect(sendBeacon).not.toHaveBeenCalled()
    await vi.waitFor(async () => expect(await createIdbStorage().count()).toBe(2))
  })

  it('keeps events in IndexedDB instead of a beacon when a custom transport reports the collector failing', async () => {
    const sendBeacon = vi.fn((_url: string, _data: string) => true)
    vi.stubGlobal('navigator', { sendBeacon, onLine: true, locks: createFakeLocks() })
    const send = vi.fn(async () => ({ ok: false as const, status: 503 }))
    const tp = open({ flushAt: 1, retry: { baseMs: 60_000 }, transport: { send } })
    tp.track('first')
    // At least once: full jitter can draw a retry delay of a few ms even from a 60 s ceiling.
    await vi.waitFor(() => expect(send).toHaveBeenCalled())
    tp.track('second')
    window.dispatchEvent(new Event('pagehide'))
    expect(sendBeacon).not.toHaveBeenCalled()
    await vi.waitFor(async () => expect(await createIdbStorage().count()).toBe(2))
  })

  it('logs each decision to the console in debug mode', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const tp = open({ debug: true })
    tp.track('Logged')
    tp.track('touchpoint', { touchpoint: 'x', value: Number.NaN })
    await tp.flush()
    const lines = debug.mock.calls.map((call) => String(call[0]))
    expect(lines.some((line) => line.startsWith('touchpoint: queued'))).toBe(true)
    expect(lines.some((line) => line.startsWith('touchpoint: batched'))).toBe(true)
    expect(lines.some((line) => line.startsWith('touchpoint: sent'))).toBe(true)
    expect(warn.mock.calls.some((call) => String(call[0]).includes('value'))).toBe(true)
  })

  it('never throws on hostile input and still delivers the valid events beside it', async () => {
    const tp = open()
    const circular: Record<string, unknown> = {}
    circular.self = circular
    const hostile: unknown[] = [
      circular,
      { big: 10n },
      { fn: () => 1 },
      { [Symbol('s')]: 1, sym: Symbol('x') },
      JSON.parse('{"__proto__": {"polluted": true}}'),
      new Proxy({}, { ownKeys: () => { throw new Error('trap') }, get: () => { throw new Error('trap') } }),
      { long: 'x'.repeat(40_000) },
    ]
    for (const input of hostile) {
      expect(() => tp.track('hostile', input as Record<string, unknown>)).not.toThrow()
      tp.track('valid')
    }
    expect(() => tp.track(undefined as unknown as string)).not.toThrow()
    await tp.flush()
    expect(names(collector.received).filter((n) => n === 'valid')).toHaveLength(hostile.length)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
