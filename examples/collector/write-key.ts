/**
 * The `writeKey` of a request, by Segment's conventions: HTTP Basic auth with the key as the user
 * name and an empty password, or a `writeKey` field in the body where no header can be set
 * (`navigator.sendBeacon`).
 */

/**
 * The key carried by an `Authorization: Basic …` header: `undefined` when there is no header,
 * `null` when there is one that is not a readable Basic credential.
 */
export function writeKeyFromHeader(authorization: string | undefined): string | null | undefined {
  if (authorization === undefined || authorization === '') return undefined
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization)
  if (match === null) return null
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8')
  // `user:password`; the key is the user part (Segment sends `writeKey:`).
  const colon = decoded.indexOf(':')
  const key = colon === -1 ? decoded : decoded.slice(0, colon)
  return key === '' ? null : key
}

/** The `writeKey` field of a parsed body, when it is a non-empty string. */
export function writeKeyFromBody(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const key = (body as { writeKey?: unknown }).writeKey
  return typeof key === 'string' && key !== '' ? key : undefined
}

/** `Authorization` header value for `writeKey`, the way the trackers send it. */
export function basicAuth(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`
}
