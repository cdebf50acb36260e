/**
 * The reference collector: a node:http server that accepts Segment-spec batches from any
 * Touchpoint tracker, stores them in SQLite deduped by `messageId`, and serves the journey report.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { WireEvent } from '@touchpoint/core'
import { buildReportHtml, type ReportOptions } from '../report/build-report'
import { corsHeaders } from './cors'
import { createEventStore, type EventStore, type InsertResult } from './event-store'
import { ingest, type IngestContext, type IngestKind } from './ingest'
import { sendError, sendJson } from './respond'

/** Options of {@link createCollector}. */
export interface CollectorOptions {
  /** Keys a request must carry (Basic auth user name or body `writeKey`); anything else gets 401. */
  readonly writeKeys: readonly string[]
  /**
   * Port to listen on; 0 picks a free one (read it back from `url`).
   * @default 0
   */
  readonly port?: number
  /**
   * Interface to listen on. Loopback, because the reference collector has no TLS and serves its
   * report and export to anyone who can reach it.
   * @default '127.0.0.1'
   */
  readonly host?: string
  /**
   * SQLite file; `:memory:` keeps events in RAM only.
   * @default ':memory:'
   */
  readonly dbPath?: string
  /**
   * Largest request body, before and after gzip decoding; larger bodies get 413 (the tracker
   * splits the batch). Above the trackers' 500 KB batch ceiling.
   * @default 524_288
   */
  readonly maxBodyBytes?: number
  /**
   * Largest single event, serialized; a batch holding a larger one gets 413 so the tracker splits
   * it down and drops only that event.
   * @default 32_768
   */
  readonly maxEventBytes?: number
  /**
   * Origins whose pages may post and read answers (CORS); `'*'` allows any.
   * @default '*'
   */
  readonly allowedOrigins?: readonly string[] | '*'
  /**
   * Options of the journey report served at `GET /report`.
   * @default {}
   */
  readonly report?: ReportOptions
  /**
   * Called after each stored request with its events and the insert counts (progress bars, logs).
   * @default undefined
   */
  readonly onStored?: (events: readonly WireEvent[], result: InsertResult) => void
}

/** A running collector. */
export interface Collector {
  /** `http://127.0.0.1:<port>`; endpoints are under it (`/v1/batch`, `/report`, …). */
  readonly url: string
  readonly port: number
  /** The event table, for tests and the demo. */
  readonly store: EventStore
  /** Stops listening, drops idle keep-alive connections and closes the database. */
  close(): Promise<void>
}

const INGEST_ROUTES: Readonly<Record<string, IngestKind>> = {
  '/v1/batch': 'batch',
  '/v1/track': 'track',
  '/v1/identify': 'identify',
  '/v1/page': 'page',
}

/** Starts a collector; resolves once it listens. */
export async function createCollector(options: CollectorOptions): Promise<Collector> {
  const store = createEventStore(options.dbPath ?? ':memory:')
  const allowedOrigins = options.allowedOrigins ?? '*'
  const ctx: IngestContext = {
    store,
    writeKeys: new Set(options.writeKeys),
    maxBodyBytes: options.maxBodyBytes ?? 524_288,
    maxEventBytes: options.maxEventBytes ?? 32_768,
    ...(options.onStored ? { onStored: options.onStored } : {}),
  }
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, `collector failed: ${(error as Error).message}`, corsHeaders(req, allowedOrigins))
      else res.destroy()
    })
  })

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = corsHeaders(req, allowedOrigins)
    const path = new URL(req.url ?? '/', 'http://collector').pathname
    if (req.method === 'OPTIONS') {
      res.writeHead(204, headers).end()
      return
    }
    const kind = INGEST_ROUTES[path]
    if (kind !== undefined) {
      if (req.method !== 'POST') return sendError(res, 405, `method must be POST on ${path}`, { ...headers, Allow: 'POST, OPTIONS' })
      return ingest(req, res, kind, ctx, headers)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, `method must be GET on ${path}`, headers)
    if (path === '/health') return sendJson(res, 200, { ok: true, events: store.count() }, headers)
    if (path === '/report') return sendReport(res, store, options.report)
    if (path === '/v1/events.ndjson') return exportNdjson(res, store, headers)
    sendError(res, 404, `path ${path} is not a collector endpoint`, headers)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const host = options.host ?? '127.0.0.1'
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    store,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Keep-alive connections from trackers would otherwise hold `close` open for seconds.
        server.closeAllConnections()
      })
      store.close()
    },
  }
}

function sendReport(res: ServerResponse, store: EventStore, options: ReportOptions | undefined): void {
  const html = buildReportHtml(store.all(), options)
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) })
  res.end(html)
}

/** Streams every stored event as one JSON line, honouring back-pressure. */
async function exportNdjson(res: ServerResponse, store: EventStore, headers: Record<string, string>): Promise<void> {
  res.writeHead(200, { ...headers, 'Content-Type': 'application/x-ndjson; charset=utf-8' })
  for (const event of store.iterate()) {
    if (res.destroyed) return
    // A client that hangs up mid-export closes the response instead of draining it.
    if (!res.write(`${JSON.stringify(event)}\n`)) await new Promise((resolve) => (res.once('drain', resolve), res.once('close', resolve)))
  }
  res.end()
}
