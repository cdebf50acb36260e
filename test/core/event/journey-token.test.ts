import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../../src/errors'
import { decodeJourneyToken, encodeJourneyToken, type JourneyToken, maxJourneyTokenLength } from '../../../src/event/journey-token'

const token: JourneyToken = {
  v: 1,
  anonymousId: 'anon-7f3a',
  sessionId: 'sess-1',
  firstTouch: {
    touchpoint: 'facebook-ad',
    channel: 'social',
    campaign: { source: 'facebook', medium: 'cpc', name: 'Khuyến mãi mùa xuân 🌸', fbclid: 'abc' },
    referrer: 'https://m.facebook.com/',
    landingPage: 'https://shop.example/ưu-đãi?utm_source=facebook',
    timestamp: '2026-11-20T08:00:00.000Z',
  },
  lastTouch: { touchpoint: 'google-search', channel: 'search', timestamp: '2026-11-24T10:30:00.000Z' },
}

function encodeRaw(text: string): string {
  // Independent reference encoder (Node's Buffer is fine in tests).
  return Buffer.from(text, 'utf8').toString('base64url')
}

describe('journey token', () => {
  it('round-trips a token with Vietnamese text and emoji', () => {
    expect(decodeJourneyToken(encodeJourneyToken(token))).toEqual(token)
  })

  it('encodes to URL-, header- and cookie-safe characters only', () => {
    expect(encodeJourneyToken(token)).toMatch(/^[A-Za-z0-9_-]+$/)
  })

  it('encodes exactly like standard base64url of the UTF-8 JSON', () => {
    expect(encodeJourneyToken(token)).toBe(encodeRaw(JSON.stringify(token)))
    const minimal: JourneyToken = { v: 1, anonymousId: 'a' }
    expect(encodeJourneyToken(minimal)).toBe(encodeRaw(JSON.stringify(minimal)))
  })

  it('encodes any string like Buffer and decodes it back, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const withText: JourneyToken = { v: 1, anonymousId: 'a', sessionId: text }
        expect(encodeJourneyToken(withText)).toBe(encodeRaw(JSON.stringify(withText)))
        const decoded = decodeJourneyToken(encodeJourneyToken(withText))
        if (text.length > 0 && text.length <= 200) expect(decoded).toEqual(withText)
      }),
    )
  })

  it('decodes tokens made by other base64url encoders, padded or not', () => {
    const text = JSON.stringify({ v: 1, anonymousId: 'ñ-𝄞' })
    expect(decodeJourneyToken(encodeRaw(text))).toEqual({ v: 1, anonymousId: 'ñ-𝄞' })
    expect(decodeJourneyToken(Buffer.from(text).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'))).toEqual({ v: 1, anonymousId: 'ñ-𝄞' })
  })

  it('accepts an already decoded object and validates it the same way', () => {
    expect(decodeJourneyToken(token)).toEqual(token)
    const bad = decodeJourneyToken({ v: 1, anonymousId: '' })
    expect(bad).toBeInstanceOf(ValidationError)
  })

  it('drops unknown keys', () => {
    const withExtra = encodeRaw(JSON.stringify({ v: 1, anonymousId: 'a', admin: true, firstTouch: { touchpoint: 't', timestamp: '2026-01-01T00:00:00Z', x: 1 } }))
    expect(decodeJourneyToken(withExtra)).toEqual({ v: 1, anonymousId: 'a', firstTouch: { touchpoint: 't', timestamp: '2026-01-01T00:00:00Z' } })
  })

  it('never reaches Object.prototype through a __proto__ key', () => {
    const hostile = encodeRaw('{"v":1,"anonymousId":"a","__proto__":{"polluted":1},"firstTouch":{"touchpoint":"t","timestamp":"2026-01-01T00:00:00Z","campaign":{"__proto__":{"polluted":2}}}}')
    const decoded = decodeJourneyToken(hostile)
    expect(decoded).toEqual({ v: 1, anonymousId: 'a', firstTouch: { touchpoint: 't', timestamp: '2026-01-01T00:00:00Z', campaign: {} } })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  const cases: [string, unknown, string, string][] = [
    ['an empty string', '', 'journeyToken', 'must be a non-empty string'],
    ['characters outside base64url', 'abc$def', 'journeyToken', 'must be base64url-encoded UTF-8 JSON'],
    ['an impossible base64 length', 'abcde', 'journeyToken', 'must be base64url-encoded UTF-8 JSON'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xc3, 0x28, 0x7d]).toString('base64url'), 'journeyToken', 'must be base64url-encoded UTF-8 JSON'],
    ['an overlong UTF-8 form', Buffer.from([0x22, 0xc0, 0xaf, 0x22]).toString('base64url'), 'journeyToken', 'must be base64url-encoded UTF-8 JSON'],
    ['truncated UTF-8', Buffer.from([0x22, 0xe2, 0x82]).toString('base64url'), 'journeyToken', 'must be base64url-encoded UTF-8 JSON'],
    ['a stray continuation byte', Buffer.from([0x22, 0x80, 0x22]).toString('base64url'), 'journeyToken', 'must be base64url-encoded UTF-8 JSON'],
    ['an encoded surrogate', Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]).toString('base64url'), 'journeyToken', 'must be base64url-encoded UTF-8 JSON'],
    ['a code point above U+10FFFF', Buffer.from([0x22, 0xf4, 0x90, 0x80, 0x80, 0x22]).toString('base64url'), 'journeyToken', 'must be base64url-encoded UTF-8 JSON'],
    ['text that is not JSON', encodeRaw('not json'), 'journeyToken', 'must be base64url-encoded UTF-8 JSON'],
    ['JSON that is not an object', encodeRaw('[1,2]'), 'journeyToken', 'must be an object'],
    ['a wrong version', encodeRaw('{"v":2,"anonymousId":"a"}'), 'journeyToken.v', 'must be 1'],
    ['a missing anonymousId', encodeRaw('{"v":1}'), 'journeyToken.anonymousId', 'is required'],
    ['a numeric anonymousId', encodeRaw('{"v":1,"anonymousId":5}'), 'journeyToken.anonymousId', 'must be a string'],
    ['an anonymousId over 200 characters', encodeRaw(JSON.stringify({ v: 1, anonymousId: 'a'.repeat(201) })), 'journeyToken.anonymousId', 'must be at most 200 characters'],
    ['a touch without a touchpoint', encodeRaw('{"v":1,"anonymousId":"a","lastTouch":{"timestamp":"2026-01-01T00:00:00Z"}}'), 'journeyToken.lastTouch.touchpoint', 'is required'],
    ['a touch with a bad timestamp', encodeRaw('{"v":1,"anonymousId":"a","firstTouch":{"touchpoint":"t","timestamp":"soon"}}'), 'journeyToken.firstTouch.timestamp', 'must be an ISO-8601 date-time'],
    ['a campaign value that is not a string', encodeRaw('{"v":1,"anonymousId":"a","firstTouch":{"touchpoint":"t","timestamp":"2026-01-01T00:00:00Z","campaign":{"source":1}}}'), 'journeyToken.firstTouch.campaign.source', 'must be a string'],
    ['a token over 4 KB', 'A'.repeat(maxJourneyTokenLength + 1), 'journeyToken', `must be at most ${maxJourneyTokenLength} characters`],
  ]

  it.each(cases)('rejects %s without throwing', (_, input, path, rule) => {
    const result = decodeJourneyToken(input as string)
    expect(result).toBeInstanceOf(ValidationError)
    expect(result).toMatchObject({ path, rule, message: `journeyToken: ${path} ${rule}` })
  })

  it('reports an object whose getter throws instead of throwing', () => {
    const hostile = {
      v: 1,
      get anonymousId(): string {
        throw new Error('boom')
      },
    }
    expect(decodeJourneyToken(hostile as unknown as JourneyToken)).toBeInstanceOf(ValidationError)
  })

  it('survives random garbage', () => {
    for (let i = 0; i < 500; i++) {
      const garbage = Array.from({ length: i % 60 }, () => String.fromCharCode(Math.floor(Math.random() * 0x3000))).join('')
      expect(() => decodeJourneyToken(garbage)).not.toThrow()
    }
  })
})
