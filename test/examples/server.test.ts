import { afterEach, describe, expect, it } from 'vitest'
import { createOrderServer, createPostPurchase, type OrderServer, type OutgoingMessage } from '../../examples/server'

interface Tracked {
  readonly event: string
  readonly properties: Record<string, unknown>
  readonly options: Record<string, unknown> | undefined
}

function fakeTracker() {
  const tracked: Tracked[] = []
  return {
    tracked,
    tracker: { track: (event: string, properties?: Record<string, unknown>, options?: Record<string, unknown>) => void tracked.push({ event, properties: properties ?? {}, options }) },
  }
}

describe('the example order server', () => {
  let server: OrderServer | undefined

  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  const post = (path: string, body: unknown) =>
    fetch(`${server!.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:9' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    })

  it('sends the confirmation email and the invoice of an order on the browser journey it came from', async () => {
    const { tracker, tracked } = fakeTracker()
    const sent: OutgoingMessage[] = []
    server = await createOrderServer({ postPurchase: createPostPurchase({ tracker: tracker as never, send: (m) => sent.push(m) }) })
    const order = { orderId: 'ord-1', plan: 'pro', revenue: 129, currency: 'USD' }
    const res = await post('/orders', { order, userId: 'user-1', email: 'a@example.com', journeyToken: 'token-1' })
    expect(res.status).toBe(201)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:9')
    expect(tracked.map((t) => t.properties.touchpoint)).toEqual(['order-confirmation-email', 'invoice'])
    expect(tracked[1]).toMatchObject({ properties: { value: 129, currency: 'USD' }, options: { userId: 'user-1', journeyToken: 'token-1' } })
    expect(sent.map((m) => m.kind)).toEqual(['order-confirmation-email', 'invoice'])
    expect(server.orders).toBe(1)
  })

  it('records a requested sales call and the follow-ups a CRM triggers', async () => {
    const { tracker, tracked } = fakeTracker()
    server = await createOrderServer({ postPurchase: createPostPurchase({ tracker: tracker as never }) })
    expect((await post('/sales-calls', { journeyToken: 'token-2' })).status).toBe(202)
    expect((await post('/follow-ups', { touchpoint: 'feedback-survey', userId: 'user-2', orderId: 'ord-2' })).status).toBe(202)
    expect(tracked.map((t) => [t.properties.touchpoint, t.options])).toEqual([
      ['telesales', { journeyToken: 'token-2' }],
      ['feedback-survey', { userId: 'user-2' }],
    ])
  })

  it('answers 500, and keeps serving, when a post-purchase action throws (a failing mailer)', async () => {
    const { tracker } = fakeTracker()
    const send = () => {
      throw new Error('mailer down')
    }
    server = await createOrderServer({ postPurchase: createPostPurchase({ tracker: tracker as never, send }) })
    const order = { orderId: 'ord-3', plan: 'pro', revenue: 129, currency: 'USD' }
    const failed = await post('/orders', { order, userId: 'user-3', email: 'c@example.com' })
    expect(failed.status).toBe(500)
    expect(await failed.json()).toEqual({ error: 'order server failed: mailer down' })
    expect((await post('/sales-calls', { journeyToken: 'token-3' })).status).toBe(202)
  })

  it('answers 400 to an order or follow-up it cannot place', async () => {
    const { tracker, tracked } = fakeTracker()
    server = await createOrderServer({ postPurchase: createPostPurchase({ tracker: tracker as never }) })
    expect((await post('/orders', { order: { orderId: 'x' }, userId: 'u' })).status).toBe(400)
    expect((await post('/follow-ups', { touchpoint: 'facebook-ad', userId: 'u' })).status).toBe(400)
    expect(tracked).toEqual([])
  })
})
