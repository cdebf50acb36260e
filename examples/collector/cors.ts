/**
 * CORS for landing pages posting from another origin. Errors carry these headers too: without
 * them a browser hides a 400 or 413 behind a network error, and the tracker would retry a batch
 * it should drop or split.
 */
import type { IncomingMessage } from 'node:http'

/** Headers a browser needs to read the collector's answer to `req`. */
export function corsHeaders(req: IncomingMessage, allowedOrigins: readonly string[] | '*'): Record<string, string> {
  const origin = req.headers.origin
  if (origin === undefined) return {}
  if (allowedOrigins !== '*' && !allowedOrigins.includes(origin)) return {}
  return {
    // Echo the origin (not `*`) so requests made with credentials are readable as well.
    'Access-Control-Allow-Origin': origin,
    Vary: 'Origin',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Content-Encoding',
    'Access-Control-Max-Age': '86400',
  }
}
