/**
 * The journey token joins a browser journey to server-side events: the page hands it to its
 * backend (a header, a hidden form field, a cookie), the Node tracker passes it with `track`, and
 * the event carries the browser's `anonymousId`, session and first/last touch. It is base64url of
 * JSON: URL-, header- and cookie-safe, with the UTF-8 of `encodeURIComponent` and a hand-written
 * base64url so it works the same in browsers and Node without `Buffer`, `btoa` or `TextEncoder`.
 */
import { ValidationError } from '../errors'
import { checkName, isObject } from './rules'
import { isDangerousKey } from './sanitize-json'
import type { Campaign, TouchSummary } from './types'

/** What a browser journey tells the server. */
export interface JourneyToken {
  readonly v: 1
  readonly anonymousId: string
  readonly sessionId?: string
  readonly firstTouch?: TouchSummary
  readonly lastTouch?: TouchSummary
}

/** Longest encoded token accepted, in characters: a header or cookie must stay small. */
export const maxJourneyTokenLength = 4096

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * A compact, URL- and header-safe string for a journey token: unpadded base64url of its UTF-8
 * JSON. `encodeURIComponent` does the UTF-8 (it cannot meet a lone surrogate: `JSON.stringify`
 * escapes those), each `%XX` becomes one byte of a binary string.
 */
export function encodeJourneyToken(token: JourneyToken): string {
  const bytes = encodeURIComponent(JSON.stringify(token)).replace(/%(..)/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    // Past the end `charCodeAt` is NaN, which `<<` and `|` read as 0.
    const n = (bytes.charCodeAt(i) << 16) | (bytes.charCodeAt(i + 1) << 8) | bytes.charCodeAt(i + 2)
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63]
  }
  return out.slice(0, Math.ceil((bytes.length * 4) / 3))
}

/**
 * Text of unpadded base64url of UTF-8 (trailing `=` tolerated), or `undefined` for any other
 * character or a malformed UTF-8 sequence (`decodeURIComponent` rejects overlong forms,
 * surrogates and truncated sequences).
 */
function base64urlDecode(text: string): string | undefined {
  const input = text.replace(/=+$/, '')
  if (input.length % 4 === 1) return undefined
  let escaped = ''
  let buffer = 0
  let bits = 0
  for (const char of input) {
    const value = alphabet.indexOf(char)
    if (value < 0) return undefined
    buffer = ((buffer << 6) | value) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      escaped += `%${((buffer >> bits) & 0xff).toString(16).padStart(2, '0')}`
    }
  }
  try {
    return decodeURIComponent(escaped)
  } catch {
    return undefined
  }
}

const label = 'journeyToken'

function invalid(path: string, rule: string): ValidationError {
  return new ValidationError({ label, path: path === '' ? label : `${label}.${path}`, rule })
}

function optionalString(source: Record<string, unknown>, key: string, path: string): string | ValidationError | undefined {
  const value = source[key]
  if (value === undefined) return undefined
  if (typeof value !== 'string') return invalid(`${path}${key}`, 'must be a string')
  if (value.length > 2048) return invalid(`${path}${key}`, 'must be at most 2048 characters')
  return value
}

/** A validated copy of a touch summary (unknown keys dropped), or the first broken rule. */
function readTouch(value: unknown, path: string): TouchSummary | ValidationError {
  if (!isObject(value)) return invalid(path, 'must be an object')
  const touchpointRule = checkName(value.touchpoint)
  if (touchpointRule) return invalid(`${path}.touchpoint`, touchpointRule)
  const timestamp = value.timestamp
  if (typeof timestamp !== 'string' || Number.isNaN(Date.parse(timestamp))) return invalid(`${path}.timestamp`, 'must be an ISO-8601 date-time')
  const touch: { -readonly [K in keyof TouchSummary]: TouchSummary[K] } = { touchpoint: value.touchpoint as string, timestamp }
  for (const key of ['channel', 'referrer', 'landingPage'] as const) {
    const text = optionalString(value, key, `${path}.`)
    if (text instanceof ValidationError) return text
    if (text !== undefined) touch[key] = text
  }
  if (value.campaign !== undefined) {
    if (!isObject(value.campaign)) return invalid(`${path}.campaign`, 'must be an object')
    const campaign: Campaign = {}
    for (const key of Object.keys(value.campaign)) {
      if (isDangerousKey(key)) continue
      const text = optionalString(value.campaign, key, `${path}.campaign.`)
      if (text instanceof ValidationError) return text
      if (text !== undefined) campaign[key] = text
    }
    touch.campaign = campaign
  }
  return touch
}

/** A validated copy of a token object (unknown keys dropped), or the first broken rule. */
function readToken(value: unknown): JourneyToken | ValidationError {
  if (!isObject(value)) return invalid('', 'must be an object')
  if (value.v !== 1) return invalid('v', 'must be 1')
  const anonymousRule = checkName(value.anonymousId)
  if (anonymousRule) return invalid('anonymousId', anonymousRule)
  const token: { -readonly [K in keyof JourneyToken]: JourneyToken[K] } = { v: 1, anonymousId: value.anonymousId as string }
  if (value.sessionId !== undefined) {
    const sessionRule = checkName(value.sessionId)
    if (sessionRule) return invalid('sessionId', sessionRule)
    token.sessionId = value.sessionId as string
  }
  for (const key of ['firstTouch', 'lastTouch'] as const) {
    if (value[key] === undefined) continue
    const touch = readTouch(value[key], key)
    if (touch instanceof ValidationError) return touch
    token[key] = touch
  }
  return token
}

/**
 * A journey token from its encoded string (or an already decoded object), validated, with unknown
 * keys dropped. Never throws: a malformed, oversized or tampered token is a `ValidationError`.
 */
export function decodeJourneyToken(input: string | JourneyToken): JourneyToken | ValidationError {
  if (typeof input !== 'string') {
    try {
      return readToken(input)
    } catch {
      // A host object with a throwing getter or Proxy trap: report, never throw.
      return invalid('', 'could not be read (a getter or Proxy threw)')
    }
  }
  if (input.length === 0) return invalid('', 'must be a non-empty string')
  if (input.length > maxJourneyTokenLength) return invalid('', `must be at most ${maxJourneyTokenLength} characters`)
  const text = base64urlDecode(input)
  if (text === undefined) return invalid('', 'must be base64url-encoded UTF-8 JSON')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return invalid('', 'must be base64url-encoded UTF-8 JSON')
  }
  return readToken(parsed)
}
