/**
 * The journey token joins a browser journey to server-side events: the page hands it to its
 * backend (a header, a hidden form field, a cookie), the Node tracker passes it with `track`, and
 * the event carries the browser's `anonymousId`, session and first/last touch. It is base64url of
 * JSON: URL-, header- and cookie-safe, with a hand-written UTF-8 codec so it works the same in
 * browsers and Node without `Buffer`, `btoa` or `TextEncoder`.
 */
import { ValidationError } from '../errors'
import { checkName, isObject } from './rules'
import { isDangerousKey } from './sanitize-json'
import type { Campaign, TouchSummary } from './types'
import { utf8Decode, utf8Encode } from './utf8'

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

function base64urlEncode(bytes: readonly number[]): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]!
    if (i + 1 < bytes.length) out += alphabet[(n >> 6) & 63]!
    if (i + 2 < bytes.length) out += alphabet[n & 63]!
  }
  return out
}

/** Bytes of unpadded base64url (trailing `=` tolerated), or `undefined` for any other character. */
function base64urlDecode(text: string): number[] | undefined {
  const input = text.replace(/=+$/, '')
  if (input.length % 4 === 1) return undefined
  const bytes: number[] = []
  let buffer = 0
  let bits = 0
  for (let i = 0; i < input.length; i++) {
    const value = alphabet.indexOf(input[i]!)
    if (value < 0) return undefined
    buffer = ((buffer << 6) | value) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((buffer >> bits) & 0xff)
    }
  }
  return bytes
}

/** A compact, URL- and header-safe string for a journey token. */
export function encodeJourneyToken(token: JourneyToken): string {
  return base64urlEncode(utf8Encode(JSON.stringify(token)))
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
  const bytes = base64urlDecode(input)
  const text = bytes && utf8Decode(bytes)
  if (text === undefined) return invalid('', 'must be base64url-encoded UTF-8 JSON')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return invalid('', 'must be base64url-encoded UTF-8 JSON')
  }
  return readToken(parsed)
}
