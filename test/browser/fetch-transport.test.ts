// @vitest-environment happy-dom
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { serializeBatch, utf8Length, type OutgoingBatch } from '@touchpoint/core'
import { basicAuth, createFetchTransport } from '../../packages/browser/src/fetch-transport'
import { makeQueuedEvent } from './fixtures'

const endpoint = 'https://collect.example.test/v1/batch'
const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  vi.restoreAllMocks()
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

  it('uses keepalive while the in-flight keepalive bytes stay within 64 KB', async () => {
    const calls: RequestInit[] = []
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      calls.push(init ?? {})
      await gate
      return new Response(null, { status: 200 })
    })
    const transport = createFetchTransport({ endpoint, fetch })
    const big = 'x'.repeat(40_000)
    const first = transport.send(batchOf(1))
    const second = transport.send(withBody(big, 2))
    const third = transport.send(withBody(big, 3))
    expect(calls.map((c) => c.keepalive)).toEqual([true, true, false])
    expect(transport.keepaliveBytesInFlight()).toBeGreaterThan(40_000)
    release()
    await Promise.all([first, second, third])
    expect(transport.keepaliveBytesInFlight()).toBe(0)
  })

  it('counts multi-byte text at its UTF-8 size for the keepalive budget', async () => {
    const calls: RequestInit[] = []
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      calls.push(init ?? {})
      return new Response(null, { status: 200 })
    })
    const emoji = '😀'.repeat(10_000) // 20,000 UTF-16 units, 40,000 UTF-8 bytes
    await createFetchTransport({ endpoint, fetch }).send(withBody(emoji + emoji, 1))
    expect(calls[0]?.keepalive).toBe(false)
  })

  it('reports the exact UTF-8 size of a small multi-byte keepalive body in flight', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const fetch = vi.fn(async () => {
      await gate
      return new Response(null, { status: 200 })
    })
    const transport = createFetchTransport({ endpoint, fetch })
    const euros = '€'.repeat(1_000) // 1,000 UTF-16 units, 3,000 UTF-8 bytes
    const sending = transport.send(withBody(euros, 1))
    expect(transport.keepaliveBytesInFlight()).toBe(3_000)
    release()
    await sending
    expect(transport.keepaliveBytesInFlight()).toBe(0)
  })
})


describe('basicAuth', () => {
  it('encodes non-Latin-1 write keys as UTF-8 instead of throwing', () => {
    expect(basicAuth('clé')).toBe(`Basic ${btoa('cl\u00c3\u00a9:')}`)
  })
})
