/**
 * Reads a request body within a byte limit and undoes its `Content-Encoding`, so the collector
 * accepts gzip bodies from `@touchpoint/node` and plain ones from browsers alike.
 */
import type { IncomingMessage } from 'node:http'
import { gunzip, inflate } from 'node:zlib'

/** Why a body could not be read: the status the collector answers and the reason it gives. */
export interface BodyError {
  readonly status: 400 | 413 | 415
  readonly message: string
}

/** A body read in full, or why not. */
export type BodyResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: BodyError }

const tooLarge = (limit: number): BodyResult => ({
  ok: false,
  error: { status: 413, message: `body must be at most ${limit} bytes` },
})

/**
 * Collects the raw bytes of `req`, stopping at `maxBytes`. The rest of an oversized body is
 * drained (not read into memory) so the client gets its 413 instead of a connection reset, which
 * it would retry rather than split.
 */
export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > maxBytes) {
      req.resume()
      resolve(null)
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (chunk: Buffer) => {
      if (over) return
      size += chunk.length
      if (size > maxBytes) {
        over = true
        chunks.length = 0
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/**
 * Decodes `raw` per `Content-Encoding`. The decoded size is limited too: a small gzip body must
 * not inflate into gigabytes (a "zip bomb").
 */
export function decodeBody(raw: Buffer, encoding: string | undefined, maxBytes: number): Promise<BodyResult> {
  const coding = (encoding ?? 'identity').trim().toLowerCase()
  if (coding === 'identity' || coding === '') return Promise.resolve({ ok: true, text: raw.toString('utf8') })
  const decoder = coding === 'gzip' || coding === 'x-gzip' ? gunzip : coding === 'deflate' ? inflate : undefined
  if (decoder === undefined) {
    return Promise.resolve({ ok: false, error: { status: 415, message: `content-encoding must be gzip, deflate or identity, got ${coding}` } })
  }
  return new Promise((resolve) => {
    decoder(raw, { maxOutputLength: maxBytes }, (error, decoded) => {
      if (error === null) resolve({ ok: true, text: decoded.toString('utf8') })
      else if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') resolve(tooLarge(maxBytes))
      else resolve({ ok: false, error: { status: 400, message: `body is not valid ${coding} data` } })
    })
  })
}

/** Reads and decodes the whole body of `req`, within `maxBytes` before and after decoding. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const raw = await readRawBody(req, maxBytes)
  if (raw === null) return tooLarge(maxBytes)
  return decodeBody(raw, req.headers['content-encoding'], maxBytes)
}
