// @vitest-environment happy-dom
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { serializeBatch, utf8Length, type OutgoingBatch, type QueuedEvent } from '@touchpoint/core'
import { createFetchTransport } from '../../packages/browser/src/fetch-transport'
import { makeQueuedEvent } from './fixtures'

const endpoint = 'https://collect.example.test/v1/batch'
const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})
afterAll(() => server.close())

function batchOf(...ns: number[]): OutgoingBatch {
  const events = ns.map((n) => makeQueuedEvent(n))
  const body = serializeBatch(events, new Date().toISOString())
  return { events, body, count: events.length, bytes: utf8Length(body) }
}

/** A batch with this body, sized the way the engine sizes it (UTF-8 bytes). */
function withBody(body: string, ...ns: number[]): OutgoingBatch {
  return { ...batchOf(...ns), body, bytes: utf8Length(body) }
}

/** Stubs `fetch` so every request stays in flight until `release()`; `calls` holds each request's init. */
function stubHeldFetch() {
  const calls: RequestInit[] = []
  let release: () => void = () => undefined
  const gate = new Promise<void>((resolve) => (release = resolve))
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      calls.push(init ?? {})
      await gate
      return new Response(null, { status: 200 })
    }),
  )
  return { calls, release: () => release() }
}

describe('createFetchTransport', () => {
  it('posts the batch as JSON with the write key in Basic auth', async () => {
    let seen: { auth: string | null; type: string | null; body: unknown } | undefined
    server.use(
      http.post(endpoint, async ({ request }) => {
        seen = { auth: request.headers.get('authorization'), type: request.headers.get('content-type'), body: await request.json() }
        return HttpResponse.json({ success: true })
      }),
    )
    const result = await createFetchTransport({ endpoint, writeKey: 'wk_123' }).send(batchOf(1, 2))
    expect(result).toEqual({ ok: true, status: 200 })
    expect(seen?.auth).toBe(`Basic ${btoa('wk_123:')}`)
    expect(seen?.type).toBe('application/json')
    expect((seen?.body as { batch: unknown[] }).batch).toHaveLength(2)
  })

  it('encodes a non-Latin-1 write key as UTF-8 instead of throwing', async () => {
    let auth: string | null = null
    server.use(
      http.post(endpoint, ({ request }) => {
        auth = request.headers.get('authorization')
        return new HttpResponse(null, { status: 204 })
      }),
    )
    await createFetchTransport({ endpoint, writeKey: 'clé' }).send(batchOf(1))
    expect(auth).toBe(`Basic ${btoa('cl\u00c3\u00a9:')}`)
  })

  it('sends no Authorization header without a write key', async () => {
    let auth: string | null = 'unset'
    server.use(
      http.post(endpoint, ({ request }) => {
        auth = request.headers.get('authorization')
        return new HttpResponse(null, { status: 204 })
      }),
    )
    expect(await createFetchTransport({ endpoint }).send(batchOf(1))).toEqual({ ok: true, status: 204 })
    expect(auth).toBeNull()
  })

  it('reports an HTTP failure with its status and Retry-After in milliseconds', async () => {
    server.use(http.post(endpoint, () => new HttpResponse('slow down', { status: 429, headers: { 'Retry-After': '7' } })))
    const result = await createFetchTransport({ endpoint }).send(batchOf(1))
    expect(result).toMatchObject({ ok: false, status: 429, retryAfterMs: 7000 })
  })

  it('turns a network failure into status 0 instead of throwing', async () => {
    server.use(http.post(endpoint, () => HttpResponse.error()))
    const result = await createFetchTransport({ endpoint }).send(batchOf(1))
    expect(result).toMatchObject({ ok: false, status: 0 })
  })

  it('gives up on a request that takes longer than the timeout', async () => {
    server.use(http.post(endpoint, () => new Promise<Response>(() => undefined)))
    const result = await createFetchTransport({ endpoint, timeoutMs: 30 }).send(batchOf(1))
    expect(result).toMatchObject({ ok: false, status: 0, reason: 'timeout after 30 ms' })
  })

  it('uses keepalive while the bytes in flight stay within 64 KB, and gets the budget back when they settle', async () => {
    const { calls, release } = stubHeldFetch()
    const transport = createFetchTransport({ endpoint })
    const big = 'x'.repeat(40_000)
    const first = transport.send(batchOf(1))
    const second = transport.send(withBody(big, 2))
    const third = transport.send(withBody(big, 3))
    expect(calls.map((c) => c.keepalive)).toEqual([true, true, false])
    release()
    await Promise.all([first, second, third])
    await transport.send(withBody(big, 4))
    expect(calls[3]?.keepalive).toBe(true)
  })

  it('counts multi-byte text at its UTF-8 size for the keepalive budget', async () => {
    const { calls, release } = stubHeldFetch()
    const transport = createFetchTransport({ endpoint })
    const emoji = '😀'.repeat(10_000) // 20,000 UTF-16 units, 40,000 UTF-8 bytes
    const euros = '€'.repeat(1_000) // 1,000 UTF-16 units, 3,000 UTF-8 bytes
    const sending = [transport.send(withBody(emoji + emoji, 1)), transport.send(withBody(euros, 2))]
    // 3,000 keepalive bytes in flight (the 80,000 went without keepalive): 61,000 more fill the budget exactly.
    sending.push(transport.send(withBody('x'.repeat(61_000), 3)), transport.send(withBody('x', 4)))
    expect(calls.map((c) => c.keepalive)).toEqual([false, true, true, false])
    release()
    await Promise.all(sending)
  })
})

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

describe('createFetchTransport at unload', () => {
  afterEach(() => vi.unstubAllGlobals())
  const log = () => undefined

  /** Stubs `navigator.sendBeacon` (answering `accepted`) and `fetch`; returns their mocks. */
  function stubSenders(accepted: boolean, fetchResult: () => Promise<Response> = async () => new Response(null, { status: 200 })) {
    const sendBeacon = vi.fn((_url: string, _data: string) => accepted)
    const fetch = vi.fn((_url: string, _init: RequestInit) => fetchResult())
    vi.stubGlobal('navigator', { sendBeacon })
    vi.stubGlobal('fetch', fetch)
    return { sendBeacon, fetch }
  }

  it('sends the queued events as one text/plain beacon with the write key in the body', async () => {
    const { sendBeacon } = stubSenders(true)
    const queue = fakeQueue([1, 2, 3].map((n) => makeQueuedEvent(n)))
    await createFetchTransport({ endpoint, writeKey: 'wk_1' }).unload(queue, log)
    expect(sendBeacon).toHaveBeenCalledTimes(1)
    const [url, body] = sendBeacon.mock.calls[0]!
    expect(url).toBe(endpoint)
    // A string body goes out as text/plain;charset=UTF-8: no CORS preflight.
    expect(typeof body).toBe('string')
    expect(JSON.parse(body).writeKey).toBe('wk_1')
    expect(JSON.parse(body).batch).toHaveLength(3)
    expect(queue.settled).toEqual([{ ids: [1, 2, 3].map((n) => makeQueuedEvent(n).id), sent: true }])
  })

  it('keeps the body within the 64 KB keepalive budget and leaves the rest queued', async () => {
    const { sendBeacon } = stubSenders(true)
    const big = 'y'.repeat(10_000)
    const queue = fakeQueue(Array.from({ length: 10 }, (_, n) => makeQueuedEvent(n, { big })))
    await createFetchTransport({ endpoint, writeKey: 'wk' }).unload(queue, log)
    const body = sendBeacon.mock.calls[0]![1]
    expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(64_000)
    expect(JSON.parse(body).batch).toHaveLength(6)
    expect(queue.settled[0]?.ids).toHaveLength(6)
  })

  it('keeps back room for a write key at its escaped JSON size, so the body never outgrows 64 KB', async () => {
    // Control characters escape to six bytes each in JSON.
    const writeKey = '\u0001'.repeat(3_000)
    const { sendBeacon } = stubSenders(true)
    const queue = fakeQueue(Array.from({ length: 10 }, (_, n) => makeQueuedEvent(n, { big: 'y'.repeat(5_000) })))
    await createFetchTransport({ endpoint, writeKey }).unload(queue, log)
    const body = sendBeacon.mock.calls[0]![1]
    expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(64_000)
    expect(JSON.parse(body).writeKey).toBe(writeKey)
  })

  it('sends nothing when the write key leaves no room', async () => {
    const { sendBeacon, fetch } = stubSenders(true)
    const queue = fakeQueue([makeQueuedEvent(1)])
    await createFetchTransport({ endpoint, writeKey: '\u0001'.repeat(4_000) }).unload(queue, log)
    expect(sendBeacon).not.toHaveBeenCalled()
    expect(fetch).not.toHaveBeenCalled()
    expect(queue.settled).toEqual([])
  })

  it('falls back to a text/plain keepalive fetch when the beacon is refused, and settles on its answer', async () => {
    const { fetch } = stubSenders(false)
    const queue = fakeQueue([makeQueuedEvent(1)])
    await createFetchTransport({ endpoint, writeKey: 'wk' }).unload(queue, log)
    const init = fetch.mock.calls[0]![1]
    expect(init.keepalive).toBe(true)
    expect(typeof init.body).toBe('string')
    expect(init.headers).toBeUndefined() // text/plain;charset=UTF-8, a simple request
    expect(queue.settled).toEqual([{ ids: [makeQueuedEvent(1).id], sent: true }])
  })

  it('uses the keepalive fetch where sendBeacon is missing', async () => {
    const { fetch } = stubSenders(false)
    vi.stubGlobal('navigator', {})
    const queue = fakeQueue([makeQueuedEvent(1)])
    await createFetchTransport({ endpoint }).unload(queue, log)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(queue.settled[0]?.sent).toBe(true)
  })

  it('puts the events back when the keepalive fetch fails, so the next visit sends them', async () => {
    stubSenders(false, async () => {
      throw new TypeError('Failed to fetch')
    })
    const queue = fakeQueue([makeQueuedEvent(1)])
    await createFetchTransport({ endpoint }).unload(queue, log)
    expect(queue.settled).toEqual([{ ids: [makeQueuedEvent(1).id], sent: false }])
  })

  it('never throws into the page, even when sendBeacon throws, and puts the events back', async () => {
    vi.stubGlobal('navigator', {
      sendBeacon: () => {
        throw new Error('boom')
      },
    })
    const queue = fakeQueue([makeQueuedEvent(1)])
    await expect(createFetchTransport({ endpoint }).unload(queue, log)).resolves.toBeUndefined()
    expect(queue.settled).toEqual([{ ids: [makeQueuedEvent(1).id], sent: false }])
  })

  it('logs what it did', async () => {
    stubSenders(true)
    const lines: string[] = []
    await createFetchTransport({ endpoint }).unload(fakeQueue([makeQueuedEvent(1)]), (line) => lines.push(line))
    expect(lines).toEqual(['unload: sent 1 event(s)'])
  })

  it('keeps the events for the next visit while the collector failed the last batch, and sends again after a 2xx', async () => {
    const { sendBeacon, fetch } = stubSenders(true, async () => new Response(null, { status: 503 }))
    const transport = createFetchTransport({ endpoint })
    await transport.send(batchOf(1))
    const queue = fakeQueue([makeQueuedEvent(2)])
    await transport.unload(queue, log)
    expect(sendBeacon).not.toHaveBeenCalled()
    expect(queue.budgets).toEqual([])
    fetch.mockImplementation(async () => new Response(null, { status: 200 }))
    await transport.send(batchOf(1))
    await transport.unload(queue, log)
    expect(sendBeacon).toHaveBeenCalledTimes(1)
  })

  it('keeps the events for the next visit while a batch waits for its answer (it may be failing, and it holds the keepalive budget)', async () => {
    let answer: () => void = () => undefined
    const { sendBeacon } = stubSenders(true, () => new Promise<Response>((resolve) => (answer = () => resolve(new Response(null, { status: 200 })))))
    const transport = createFetchTransport({ endpoint })
    const sending = transport.send(batchOf(1))
    await transport.unload(fakeQueue([makeQueuedEvent(2)]), log)
    expect(sendBeacon).not.toHaveBeenCalled()
    answer()
    await sending
  })

  it('keeps the events for the next visit after a network failure', async () => {
    const { sendBeacon } = stubSenders(true, async () => {
      throw new TypeError('Failed to fetch')
    })
    const transport = createFetchTransport({ endpoint })
    await transport.send(batchOf(1))
    await transport.unload(fakeQueue([makeQueuedEvent(2)]), log)
    expect(sendBeacon).not.toHaveBeenCalled()
  })

  it('takes nothing the second time when everything already left', async () => {
    const { sendBeacon } = stubSenders(true)
    const queue = fakeQueue([makeQueuedEvent(1)])
    const transport = createFetchTransport({ endpoint })
    await transport.unload(queue, log)
    await transport.unload(queue, log)
    expect(sendBeacon).toHaveBeenCalledTimes(1)
  })
})
