/** Small answer helpers shared by the collector's routes. */
import type { ServerResponse } from 'node:http'

/** Answers `status` with a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

/** Answers an error the way every route does: `{ success: false, error }` (Segment's answer shape), the message naming the field. */
export function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { success: false, error: message }, headers)
}
