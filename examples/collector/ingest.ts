/**
 * `POST /v1/batch` and the single-event endpoints: authenticate, read, validate, store.
 * The answer follows DESIGN.md's contract: 2xx only when every event of the body is stored
 * (or was already), so a tracker may forget the batch; 4xx when retrying cannot help; 5xx when
 * it can.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { WireEvent } from '@touchpoint/core'
import type { EventStore, InsertResult } from './event-store'
import { readBody } from './read-body'
import { sendError, sendJson } from './respond'
import { validateBatch, validateSingle, type SingleEventType, type Validated } from './validate-body'
import { writeKeyFromBody, writeKeyFromHeader } from './write-key'

/** What the ingest routes need from the collector. */
export interface IngestContext {
  readonly store: EventStore
  readonly writeKeys: ReadonlySet<string>
  readonly maxBodyBytes: number
  readonly maxEventBytes: number
  readonly onStored?: (events: readonly WireEvent[], result: InsertResult) => void
}

/** Which body shape an ingest route reads. */
export type IngestKind = 'batch' | SingleEventType

/** Handles one ingest request; `headers` (CORS) go on every answer. */
export async function ingest(req: IncomingMessage, res: ServerResponse, kind: IngestKind, ctx: IngestContext, headers: Record<string, string>): Promise<void> {
  const fromHeader = writeKeyFromHeader(req.headers.authorization)
  // A wrong header is refused before reading a byte of the body.
  if (fromHeader === null || (fromHeader !== undefined && !ctx.writeKeys.has(fromHeader))) {
    req.resume()
    sendError(res, 401, 'authorization must carry a configured writeKey', headers)
    return
  }
  const body = await readBody(req, ctx.maxBodyBytes)
  if (!body.ok) {
    sendError(res, body.error.status, body.error.message, { ...headers, ...(body.error.status === 413 ? { Connection: 'close' } : {}) })
    return
  }
  let parsed: unknown
  try {
    // Whatever the Content-Type: beacons send `text/plain` to avoid a CORS preflight.
    parsed = JSON.parse(body.text)
  } catch {
    sendError(res, 400, 'body must be valid JSON', headers)
    return
  }
  const writeKey = fromHeader ?? writeKeyFromBody(parsed)
  if (writeKey === undefined || !ctx.writeKeys.has(writeKey)) {
    const why = writeKey === undefined ? 'is missing (send HTTP Basic auth or a writeKey field)' : 'is not a configured key'
    sendError(res, 401, `writeKey ${why}`, headers)
    return
  }
  const valid: Validated = kind === 'batch' ? validateBatch(parsed, ctx.maxEventBytes) : validateSingle(parsed, kind, ctx.maxEventBytes)
  if (!valid.ok) {
    sendError(res, valid.status, valid.message, headers)
    return
  }
  let result: InsertResult
  try {
    result = ctx.store.insert(valid.events, { writeKey, receivedAt: new Date().toISOString() })
  } catch (error) {
    // The database failed, not the request: 5xx tells the tracker to retry later.
    sendError(res, 503, `storage failed: ${(error as Error).message}`, headers)
    return
  }
  ctx.onStored?.(valid.events, result)
  sendJson(res, 200, { success: true, accepted: valid.events.length, duplicates: result.duplicates }, headers)
}
