import * as z from 'zod/mini'
import { describe, expect, it } from 'vitest'
import { createEventBuilder } from '../../../src/event/build-event'
import { checkTouchpointProperties } from '../../../src/event/rules'
import type { RuleFailure } from '../../../src/event/sanitize-json'
import {
  batchBodySchema,
  formatIssue,
  identifyEventSchema,
  type IssueLike,
  pageEventSchema,
  parseWireEvent,
  touchpointPropertiesSchema,
  trackEventSchema,
  wireEventSchema,
} from '../../../src/event/schemas'
import type { JsonObject } from '../../../src/event/types'

/** First issue of the zod schema, in the SDK's wording. */
function zodVerdict(properties: JsonObject): string {
  const result = z.safeParse(touchpointPropertiesSchema, properties)
  if (result.success) return 'ok'
  const { path, rule } = formatIssue(result.error.issues[0] as IssueLike, 'properties')
  return `${path} ${rule}`
}

/** First failure of the hand-written check, in the same form. */
function handVerdict(properties: JsonObject): string {
  try {
    checkTouchpointProperties(properties)
    return 'ok'
  } catch (error) {
    const { path, rule } = error as RuleFailure
    return `${path} ${rule}`
  }
}

const agreement: [string, JsonObject, string][] = [
  ['a minimal touchpoint', { touchpoint: 'facebook-ad' }, 'ok'],
  ['every field', { touchpoint: 'invoice', channel: 'email', stage: 'retention', interaction: 'direct', campaign: { source: 'newsletter', gclid: 'x' }, value: 120.5, currency: 'USD', properties: { order: 'A-1', lines: [1, 2] } }, 'ok'],
  ['extra JSON keys', { touchpoint: 'review', rating: 5, tags: ['a'], nested: { ok: null } }, 'ok'],
  ['a 200-character touchpoint', { touchpoint: 't'.repeat(200) }, 'ok'],
  ['value zero and negative', { touchpoint: 'refund', value: -12 }, 'ok'],
  ['an empty campaign', { touchpoint: 'x', campaign: {} }, 'ok'],
  ['a missing touchpoint', { channel: 'social' }, 'properties.touchpoint is required'],
  ['a null touchpoint', { touchpoint: null }, 'properties.touchpoint must be a string'],
  ['a numeric touchpoint', { touchpoint: 42 }, 'properties.touchpoint must be a string'],
  ['an empty touchpoint', { touchpoint: '' }, 'properties.touchpoint must be a non-empty string'],
  ['a 201-character touchpoint', { touchpoint: 't'.repeat(201) }, 'properties.touchpoint must be at most 200 characters'],
  ['a numeric channel', { touchpoint: 'x', channel: 1 }, 'properties.channel must be a string'],
  ['a boolean stage', { touchpoint: 'x', stage: true }, 'properties.stage must be a string'],
  ['an unknown interaction', { touchpoint: 'x', interaction: 'both' }, 'properties.interaction must be "direct" or "indirect"'],
  ['an uppercase interaction', { touchpoint: 'x', interaction: 'DIRECT' }, 'properties.interaction must be "direct" or "indirect"'],
  ['a campaign string', { touchpoint: 'x', campaign: 'spring' }, 'properties.campaign must be an object'],
  ['a campaign array', { touchpoint: 'x', campaign: ['a'] }, 'properties.campaign must be an object'],
  ['a null campaign', { touchpoint: 'x', campaign: null }, 'properties.campaign must be an object'],
  ['a numeric campaign value', { touchpoint: 'x', campaign: { source: 'a', medium: 3 } }, 'properties.campaign.medium must be a string'],
  ['an odd campaign key', { touchpoint: 'x', campaign: { 'utm-id': 3 } }, 'properties.campaign["utm-id"] must be a string'],
  ['a string value', { touchpoint: 'x', value: '12' }, 'properties.value must be a finite number'],
  ['a null value', { touchpoint: 'x', value: null }, 'properties.value must be a finite number'],
  ['a lowercase currency', { touchpoint: 'x', currency: 'usd' }, 'properties.currency must be a three-letter uppercase ISO 4217 code'],
  ['a four-letter currency', { touchpoint: 'x', currency: 'USDT' }, 'properties.currency must be a three-letter uppercase ISO 4217 code'],
  ['a numeric currency', { touchpoint: 'x', currency: 840 }, 'properties.currency must be a three-letter uppercase ISO 4217 code'],
  ['properties as an array', { touchpoint: 'x', properties: [1] }, 'properties.properties must be an object'],
  ['properties as a string', { touchpoint: 'x', properties: 'a' }, 'properties.properties must be an object'],
  ['two problems: the first one in schema order wins', { touchpoint: 'x', value: 'a', channel: 2 }, 'properties.channel must be a string'],
]

describe('touchpoint property rules', () => {
  it.each(agreement)('agree between zod and the hand checks on %s', (_, properties, expected) => {
    expect(zodVerdict(properties)).toBe(expected)
    expect(handVerdict(properties)).toBe(expected)
  })
})

describe('wire event schemas', () => {
  const builder = createEventBuilder({ library: { name: '@touchpoint/core', version: '0.1.0' }, stageOf: () => 'awareness' })
  const call = { anonymousId: 'anon-1', userId: 'user-42', context: { locale: 'vi-VN', page: { path: '/' } } }

  it('accept every kind of event the builder makes', () => {
    const results = [
      builder.track('touchpoint', { touchpoint: 'facebook-ad', channel: 'social', campaign: { source: 'facebook' } }, call),
      builder.track('Order Completed', { revenue: 120, currency: 'USD', items: [{ sku: 'A', qty: 1 }] }, call),
      builder.identify('user-42', { email: 'a@b.c' }, call),
      builder.page('Pricing', { plan: 'pro' }, call),
      builder.page(undefined, undefined, { anonymousId: 'anon-2' }),
      builder.track('Signed Up', undefined, { anonymousId: 'anon-3', journeyToken: { v: 1, anonymousId: 'anon-3', sessionId: 's' } }),
    ]
    for (const result of results) {
      expect(result.ok).toBe(true)
      if (!result.ok) continue
      const parsed = JSON.parse(result.value.json)
      expect(parseWireEvent(parsed)).toMatchObject({ ok: true })
      expect(parseWireEvent(result.event)).toMatchObject({ ok: true })
    }
    const batch = results.flatMap((result) => (result.ok ? [JSON.parse(result.value.json)] : []))
    expect(z.safeParse(batchBodySchema, { batch, sentAt: new Date().toISOString() }).success).toBe(true)
  })

  it('discriminate on type', () => {
    const track = builder.track('x', {}, call)
    if (!track.ok) throw track.error
    const event = JSON.parse(track.value.json)
    expect(z.safeParse(trackEventSchema, event).success).toBe(true)
    expect(z.safeParse(identifyEventSchema, event).success).toBe(false)
    expect(z.safeParse(pageEventSchema, event).success).toBe(false)
    expect(z.safeParse(wireEventSchema, { ...event, type: 'alias' }).success).toBe(false)
  })

  const valid = {
    type: 'track',
    event: 'touchpoint',
    messageId: '019ab5b2-8c1e-7d3a-9b1f-2f6c3e4d5a6b',
    timestamp: '2026-11-25T01:00:00.000Z',
    anonymousId: 'anon-1',
    properties: { touchpoint: 'invoice' },
    context: { library: { name: 'x', version: '1' } },
  }

  it.each([
    ['a touchpoint event without a touchpoint', { properties: {} }, 'properties.touchpoint', 'is required'],
    ['a touchpoint with a bad currency', { properties: { touchpoint: 'a', currency: 'eur' } }, 'properties.currency', 'must be a three-letter uppercase ISO 4217 code'],
    ['a revenue that is a string', { event: 'Order Completed', properties: { revenue: '12' } }, 'properties.revenue', 'must be a finite number'],
    ['a messageId that is not a UUID', { messageId: 'm-1' }, 'messageId', 'must be a UUID'],
    ['a timestamp that is not ISO-8601', { timestamp: 'yesterday' }, 'timestamp', 'must be an ISO-8601 date-time'],
    ['a missing context', { context: undefined }, 'context', 'must be an object'],
    ['an empty event name', { event: '' }, 'event', 'must be a non-empty string'],
    ['a userId over 200 characters', { userId: 'u'.repeat(201) }, 'userId', 'must be at most 200 characters'],
    ['a property that is not JSON', { event: 'x', properties: { list: [1, { deep: Number.NaN }] } }, 'properties.list[1].deep', 'must be a finite number'],
  ])('reject %s, naming the field and the rule', (_, change, path, rule) => {
    expect(parseWireEvent({ ...valid, ...change })).toEqual({ ok: false, path, rule })
  })

  it('reject an unknown type and a value that is not an object', () => {
    expect(parseWireEvent({ ...valid, type: 'alias' })).toEqual({ ok: false, path: 'type', rule: 'must be one of "track", "identify", "page"' })
    expect(parseWireEvent(5)).toEqual({ ok: false, path: 'event', rule: 'must be an object' })
    expect(parseWireEvent({ ...valid, type: 'identify' })).toEqual({ ok: false, path: 'traits', rule: 'must be an object' })
  })

  it('leave Object.prototype clean when a collector parses a hostile body', () => {
    const body = JSON.parse(
      '{"batch":[{"type":"track","event":"x","messageId":"019ab5b2-8c1e-7d3a-9b1f-2f6c3e4d5a6b","timestamp":"2026-11-25T01:00:00.000Z",' +
        '"properties":{"__proto__":{"polluted":1}},"context":{"library":{"name":"a","version":"1"},"__proto__":{"polluted":2}}}],"sentAt":"2026-11-25T01:00:01.000Z"}',
    )
    const result = z.safeParse(batchBodySchema, body)
    expect(result.success).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((result.data?.batch[0] as { properties: Record<string, unknown> }).properties.polluted).toBeUndefined()
  })

  it('accept the valid event those cases start from', () => {
    expect(parseWireEvent(valid)).toMatchObject({ ok: true })
  })
})
