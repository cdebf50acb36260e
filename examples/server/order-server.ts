/**
 * The shop's backend as a tiny HTTP server: the landing page posts its orders and sales-call
 * requests here with the browser's journey token; the post-purchase actions record the
 * touchpoints through `@touchpoint/node`.
 *
 * - `POST /orders` `{ order, userId, email, journeyToken? }` → confirmation email + invoice
 * - `POST /sales-calls` `{ journeyToken }` → the sales team's call (`telesales`)
 * - `POST /follow-ups` `{ touchpoint, userId, email?, orderId? }` → a follow-up message (what a
 *   CRM or marketing-automation job would trigger: feedback survey, newsletter, …)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FollowUp, OrderInput, PostPurchase } from './post-purchase'

/** Options of {@link createOrderServer}. */
export interface OrderServerOptions {
  /** What each route does (`createPostPurchase` over the server's tracker). */
  readonly postPurchase: PostPurchase
  /** Port to listen on; 0 picks a free one (read it back from `url`). @default 0 */
  readonly port?: number
  /** Interface to listen on (loopback: the example has no authentication). @default '127.0.0.1' */
  readonly host?: string
}

/** A running order server. */
export interface OrderServer {
  /** `http://127.0.0.1:<port>`; the page posts to `${url}/orders`. */
  readonly url: string
  /** Orders received so far. */
  readonly orders: number
  close(): Promise<void>
}

const MAX_BODY = 16_384

function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      text += chunk
      if (text.length > MAX_BODY) req.destroy()
    })
    // An oversized body is cut off with `destroy()`, which ends with 'close' and no 'end'.
    req.on('close', () => resolve(undefined))
    req.on('end', () => {
      try {
        const value: unknown = JSON.parse(text)
        resolve(typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined)
      } catch {
        resolve(undefined)
      }
    })
    req.on('error', () => resolve(undefined))
  })
}

const FOLLOW_UPS: readonly FollowUp[] = ['feedback-survey', 'support-ticket', 'warranty-follow-up', 'newsletter-email', 'next-promotion-notice', 'loyalty-programme']

const isOrder = (value: unknown): value is OrderInput =>
  typeof value === 'object' && value !== null && typeof (value as OrderInput).orderId === 'string' && typeof (value as OrderInput).revenue === 'number'

/** Starts the order server. */
export async function createOrderServer(options: OrderServerOptions): Promise<OrderServer> {
  let orders = 0
  const answer = (req: IncomingMessage, res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, {
      'Access-Control-Allow-Origin': req.headers.origin ?? '*',
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type',
      Vary: 'Origin',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    })
    res.end(body === undefined ? undefined : JSON.stringify(body))
  }
  const server = createServer((req, res) => {
    // A throwing action (a mailer down) answers 500 instead of becoming an unhandled rejection.
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy()
      else answer(req, res, 500, { error: `order server failed: ${(error as Error).message}` })
    })
  })
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'OPTIONS') return answer(req, res, 204)
    const path = new URL(req.url ?? '/', 'http://server').pathname
    if (req.method !== 'POST') return answer(req, res, 405, { error: 'method must be POST' })
    const body = await readJson(req)
    if (body === undefined) return answer(req, res, 400, { error: 'body must be a JSON object' })
    const journeyToken = typeof body.journeyToken === 'string' ? body.journeyToken : undefined
    if (path === '/orders') {
      if (!isOrder(body.order) || typeof body.userId !== 'string') return answer(req, res, 400, { error: 'order and userId are required' })
      orders++
      options.postPurchase.confirmOrder({ order: body.order, userId: body.userId, email: String(body.email ?? ''), ...(journeyToken ? { journeyToken } : {}) })
      return answer(req, res, 201, { ok: true, orderId: body.order.orderId })
    }
    if (path === '/sales-calls') {
      options.postPurchase.recordSalesCall({ ...(journeyToken ? { journeyToken } : {}) })
      return answer(req, res, 202, { ok: true })
    }
    if (path === '/follow-ups') {
      const touchpoint = body.touchpoint as FollowUp
      if (!FOLLOW_UPS.includes(touchpoint) || typeof body.userId !== 'string') return answer(req, res, 400, { error: `touchpoint must be one of ${FOLLOW_UPS.join(', ')}, with a userId` })
      const optional = (key: string) => (typeof body[key] === 'string' ? { [key]: body[key] as string } : {})
      options.postPurchase.followUp(touchpoint, { userId: body.userId, ...optional('email'), ...optional('orderId') })
      return answer(req, res, 202, { ok: true })
    }
    answer(req, res, 404, { error: `path ${path} is not served here` })
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    get orders() {
      return orders
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

