/**
 * Checks a parsed body against the core's wire schemas, so the collector accepts exactly what the
 * trackers are allowed to send, and names the first offending field (`batch[2].messageId: …`).
 */
import { batchBodySchema, formatIssue, wireEventSchema } from '@touchpoint/core/schemas'
import type { WireEvent } from '@touchpoint/core'

/** The event types that have a single-event endpoint (`/v1/track`, …). */
export type SingleEventType = 'track' | 'identify' | 'page'

/** The events of a valid body, or the status and message of the first problem. */
export type Validated =
  | { readonly ok: true; readonly events: WireEvent[] }
  | { readonly ok: false; readonly status: 400 | 413; readonly message: string }

/** The first issue in the SDK's wording: `batch[2].properties.touchpoint is required`. */
function firstIssue(error: { issues: readonly unknown[] }, base = ''): string {
  const issue = error.issues[0] as Parameters<typeof formatIssue>[0] | undefined
  if (issue === undefined) return 'body is invalid'
  const { path, rule } = formatIssue(issue, base)
  return `${path === '' ? 'body' : path} ${rule}`
}

/** Rejects events above the per-event limit with 413, so the tracker splits the batch and drops only them. */
function checkSizes(events: readonly WireEvent[], maxEventBytes: number, label: (i: number) => string): Validated {
  for (let i = 0; i < events.length; i++) {
    const bytes = Buffer.byteLength(JSON.stringify(events[i]))
    if (bytes > maxEventBytes) return { ok: false, status: 413, message: `${label(i)} must be at most ${maxEventBytes} bytes, got ${bytes}` }
  }
  return { ok: true, events: [...events] }
}

/** Validates a `POST /v1/batch` body: `{ batch: [...], sentAt, writeKey? }`. */
export function validateBatch(body: unknown, maxEventBytes: number): Validated {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, status: 400, message: 'body must be a JSON object' }
  const parsed = batchBodySchema.safeParse(body)
  if (!parsed.success) return { ok: false, status: 400, message: firstIssue(parsed.error) }
  const batch = (body as { batch: WireEvent[] }).batch
  // Store what was sent (not the schema's output), so unknown fields a newer tracker adds survive.
  return checkSizes(batch, maxEventBytes, (i) => `batch[${i}]`)
}

/**
 * Validates a single-event body (`POST /v1/track`, `/v1/identify`, `/v1/page`). The endpoint
 * gives the `type` when the body leaves it out; `writeKey` and `sentAt` belong to the request,
 * not the event.
 */
export function validateSingle(body: unknown, type: SingleEventType, maxEventBytes: number): Validated {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, status: 400, message: 'body must be a JSON object' }
  const { writeKey: _writeKey, sentAt: _sentAt, ...event } = body as Record<string, unknown>
  if (event.type === undefined) event.type = type
  if (event.type !== type) return { ok: false, status: 400, message: `type must be "${type}" on /v1/${type}` }
  const parsed = wireEventSchema.safeParse(event)
  if (!parsed.success) return { ok: false, status: 400, message: firstIssue(parsed.error) }
  return checkSizes([event as unknown as WireEvent], maxEventBytes, () => 'body')
}
