import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../../src/errors'
import { createEventBuilder, createEventBuilderWith, stableContext, type EventBuilderOptions } from '../../../src/event/build-event'
import { createPlainEventWriter } from '../../../src/event/plain-writer'
import { decodeJourneyToken, encodeJourneyToken } from '../../../src/event/journey-token'
import { parseWireEvent } from '../../../src/event/schemas'
import type { TrackEvent, WireEvent } from '../../../src/event/types'

const library = { name: '@touchpoint/test', version: '1.2.3' }
const now = Date.UTC(2026, 10, 25, 1, 0, 0, 123)
const stages: Record<string, string> = { 'facebook-ad': 'awareness', invoice: 'retention' }

function builder(options: Partial<EventBuilderOptions> = {}) {
  return createEventBuilder({ library, now: () => now, stageOf: (id) => stages[id], decodeJourneyToken, ...options })
}

/** The event of a successful build, checked for consistency with its JSON and size. */
function built(result: ReturnType<ReturnType<typeof builder>['track']>): WireEvent {
  if (!result.ok) throw new Error(`expected an event, got: ${result.error.message}`)
  const { value, event } = result
  expect(value.json).toBe(JSON.stringify(event))
  expect(value.bytes).toBe(Buffer.byteLength(value.json, 'utf8'))
  expect(value.id).toBe(event.messageId)
  expect(parseWireEvent(JSON.parse(value.json))).toMatchObject({ ok: true })
  return event
}

/** The message of a failed build. */
function rejected(result: ReturnType<ReturnType<typeof builder>['track']>): string {
  if (result.ok) throw new Error('expected a validation error')
  expect(result.error).toBeInstanceOf(ValidationError)
  return result.error.message
}

describe('createEventBuilder: track', () => {
  it('builds a Segment-spec touchpoint event with id, time, identity and library context', () => {
    const event = built(builder().track('touchpoint', { touchpoint: 'facebook-ad', channel: 'social' }, { anonymousId: 'anon-1' }))
    expect(event).toEqual({
      type: 'track',
      event: 'touchpoint',
      messageId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      timestamp: '2026-11-25T01:00:00.123Z',
      anonymousId: 'anon-1',
      properties: { touchpoint: 'facebook-ad', channel: 'social', stage: 'awareness' },
      context: { library },
    })
    expect(Object.keys(event)).toEqual(['type', 'event', 'messageId', 'timestamp', 'anonymousId', 'properties', 'context'])
  })

  it('gives a touchpoint without a stage the stage its journey maps it to', () => {
    const event = built(builder().track('touchpoint', { touchpoint: 'invoice' }, { userId: 'u' })) as TrackEvent
    expect(event.properties.stage).toBe('retention')
  })

  it('keeps the stage it was given, and leaves an unknown touchpoint without one', () => {
    const given = built(builder().track('touchpoint', { touchpoint: 'invoice', stage: 'purchase' }, { userId: 'u' })) as TrackEvent
    expect(given.properties.stage).toBe('purchase')
    const custom = built(builder().track('touchpoint', { touchpoint: 'my-podcast' }, { userId: 'u' })) as TrackEvent
    expect(custom.properties).toEqual({ touchpoint: 'my-podcast' })
  })

  it('makes time-ordered, unique message ids', () => {
    const b = builder()
    const ids = Array.from({ length: 1000 }, () => built(b.track('x', {}, { userId: 'u' })).messageId)
    expect(new Set(ids).size).toBe(1000)
    expect([...ids].sort()).toEqual(ids)
  })

  it('accepts any other event name with free JSON properties', () => {
    const event = built(builder().track('Order Completed', { revenue: 120, currency: 'USD', items: [{ sku: 'A-1', qty: 2 }] }, { userId: 'user-42' }))
    expect(event).toMatchObject({ event: 'Order Completed', userId: 'user-42', properties: { revenue: 120, items: [{ sku: 'A-1', qty: 2 }] } })
  })

  it('copies properties, so later changes by the host do not alter the event', () => {
    const properties = { touchpoint: 'review', properties: { stars: 4 } }
    const event = built(builder().track('touchpoint', properties, { userId: 'u' })) as TrackEvent
    properties.properties.stars = 1
    expect(event.properties.properties).toEqual({ stars: 4 })
  })

  const circular: Record<string, unknown> = { touchpoint: 'loop' }
  circular.again = circular
  const deep: Record<string, unknown> = { touchpoint: 'deep' }
  let cursor = deep
  for (let i = 0; i < 12; i++) cursor = (cursor.next = {}) as Record<string, unknown>
  const trap = new Proxy({ a: 1 }, {
    get() {
      throw new Error('trap')
    },
  })

  it.each<[string, string, unknown, string]>([
    ['a circular reference', 'touchpoint', circular, 'touchpoint: properties.again must not be a circular reference'],
    ['a BigInt', 'touchpoint', { touchpoint: 'x', properties: { n: 1n } }, 'touchpoint: properties.properties.n must be a JSON value (got a BigInt)'],
    ['a function', 'Clicked', { onClick: () => 0 }, 'Clicked: properties.onClick must be a JSON value (got a function)'],
    ['a Symbol', 'Clicked', { s: Symbol('x') }, 'Clicked: properties.s must be a JSON value (got a Symbol)'],
    ['NaN revenue', 'touchpoint', { touchpoint: 'x', revenue: Number.NaN }, 'touchpoint: properties.revenue must be a finite number'],
    ['an Infinity value', 'touchpoint', { touchpoint: 'x', value: Number.POSITIVE_INFINITY }, 'touchpoint: properties.value must be a finite number'],
    ['a string revenue', 'Order Completed', { revenue: '120' }, 'Order Completed: properties.revenue must be a finite number'],
    ['a string value on any event', 'Quote Sent', { value: '1e3' }, 'Quote Sent: properties.value must be a finite number'],
    ['a 40 KB string', 'touchpoint', { touchpoint: 'x', note: 'x'.repeat(40_000) }, 'touchpoint: event must be at most 32768 bytes serialized'],
    ['a Proxy whose get trap throws', 'touchpoint', { touchpoint: 'x', p: trap }, 'touchpoint: properties.p.a could not be read (a getter or Proxy threw)'],
    ['a Proxy as the properties', 'touchpoint', trap, 'touchpoint: properties.a could not be read (a getter or Proxy threw)'],
    ['nesting deeper than 10 levels', 'touchpoint', deep, 'touchpoint: properties.next.next.next.next.next.next.next.next.next.next must not nest deeper than 10 levels'],
    ['a missing touchpoint id', 'touchpoint', { channel: 'social' }, 'touchpoint: properties.touchpoint is required'],
    ['a bad interaction', 'touchpoint', { touchpoint: 'x', interaction: 'sometimes' }, 'touchpoint: properties.interaction must be "direct" or "indirect"'],
    ['a bad currency', 'touchpoint', { touchpoint: 'x', value: 1, currency: 'dollars' }, 'touchpoint: properties.currency must be a three-letter uppercase ISO 4217 code'],
    ['properties that are an array', 'Clicked', [1, 2], 'Clicked: properties must be an object'],
    ['properties that are a string', 'Clicked', 'hello', 'Clicked: properties must be an object'],
    ['properties that are a Date', 'Clicked', new Date(0), 'Clicked: properties must be an object'],
    ['a Map', 'Clicked', { m: new Map() }, 'Clicked: properties.m must be a plain object or array (got Map)'],
  ])('rejects %s with a message naming the field and the rule', (_, name, properties, message) => {
    expect(rejected(builder().track(name, properties as Record<string, unknown>, { userId: 'u' }))).toBe(message)
  })

  it.each<[string, unknown, string]>([
    ['an empty name', '', 'track: event must be a non-empty string'],
    ['a name over 200 characters', 'e'.repeat(201), 'track: event must be at most 200 characters'],
    ['a name that is not a string', 42, 'track: event must be a string'],
    ['no name', undefined, 'track: event is required'],
  ])('rejects %s', (_, name, message) => {
    expect(rejected(builder().track(name as string, {}, { userId: 'u' }))).toBe(message)
  })

  it('drops __proto__, constructor and prototype keys without polluting Object.prototype', () => {
    const hostile = JSON.parse('{"touchpoint":"x","__proto__":{"polluted":1},"properties":{"constructor":{"prototype":{"polluted":2}},"ok":1}}')
    const event = built(builder().track('touchpoint', hostile, { userId: 'u' })) as TrackEvent
    expect(event.properties).toEqual({ touchpoint: 'x', properties: { ok: 1 } })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })

  it('counts UTF-8 bytes, not characters', () => {
    const event = builder().track('Đánh giá 😀', { note: 'Cảm ơn quý khách 🌸🌸' }, { userId: 'người-dùng' })
    built(event)
  })

  it('enforces a custom size limit exactly at the boundary', () => {
    const probe = builder().track('x', { pad: '' }, { userId: 'u' })
    if (!probe.ok) throw probe.error
    const limit = probe.value.bytes + 10
    const b = builder({ maxEventBytes: limit })
    expect(b.track('x', { pad: 'é'.repeat(5) }, { userId: 'u' }).ok).toBe(true)
    expect(rejected(b.track('x', { pad: 'é'.repeat(5) + 'a' }, { userId: 'u' }))).toBe(`x: event must be at most ${limit} bytes serialized`)
  })

  it('honours a custom maxDepth', () => {
    expect(rejected(builder({ maxDepth: 2 }).track('x', { a: { b: {} } }, { userId: 'u' }))).toBe('x: properties.a.b must not nest deeper than 2 levels')
  })
})

describe('createEventBuilderWith', () => {
  it('builds, with the size-first writer, exactly what the fast writer builds', () => {
    const seeded = () => {
      let state = 7
      return (n: number) => Uint8Array.from({ length: n }, () => (state = (state * 1_103_515_245 + 12_345) >>> 0) >>> 24)
    }
    const fast = builder({ randomBytes: seeded() })
    const small = createEventBuilderWith(createPlainEventWriter, { library, now: () => now, stageOf: (id) => stages[id], decodeJourneyToken, randomBytes: seeded() })
    const calls: [keyof typeof fast, unknown, unknown, Record<string, unknown>][] = [
      ['track', 'touchpoint', { touchpoint: 'facebook-ad', campaign: { source: 'fb' } }, { anonymousId: 'a' }],
      ['track', 'Đánh giá 😀', { note: 'Cảm ơn 🌸', list: [1, null, { k: 'v' }] }, { userId: 'người', context: { locale: 'vi-VN' } }],
      ['identify', 'user-42', { email: 'a@b.c' }, { anonymousId: 'a', timestamp: 0 }],
      ['page', 'Pricing', { plan: 'pro' }, { anonymousId: 'a', journeyToken: { v: 1, anonymousId: 'b', sessionId: 's' } }],
      ['track', 'x', { pad: 'x'.repeat(40_000) }, { userId: 'u' }],
    ]
    for (const [method, first, input, call] of calls) {
      const a = fast[method](first as string, input as Record<string, unknown>, call)
      const b = small[method](first as string, input as Record<string, unknown>, call)
      expect(b).toEqual(a)
    }
  })
})

describe('createEventBuilder: identity, time and context', () => {
  it('requires userId or anonymousId when asked to (servers)', () => {
    const b = builder({ requireIdentity: true })
    expect(rejected(b.track('touchpoint', { touchpoint: 'invoice' }))).toBe('touchpoint: userId or anonymousId is required')
    built(b.track('touchpoint', { touchpoint: 'invoice' }, { userId: 'user-42' }))
  })

  it('allows events without identity unless asked to require it', () => {
    const event = built(builder().track('x'))
    expect(event).not.toHaveProperty('userId')
    expect(event).not.toHaveProperty('anonymousId')
  })

  it.each<[string, Record<string, unknown>, string]>([
    ['an empty userId', { userId: '' }, 'x: userId must be a non-empty string'],
    ['a numeric userId', { userId: 42 }, 'x: userId must be a string'],
    ['an anonymousId over 200 characters', { anonymousId: 'a'.repeat(201) }, 'x: anonymousId must be at most 200 characters'],
    ['an invalid timestamp', { timestamp: 'not a date' }, 'x: timestamp must be a valid date'],
    ['a timestamp that is not a date', { timestamp: true }, 'x: timestamp must be a valid date'],
    ['a timestamp after year 9999', { timestamp: 253_402_300_800_000 }, 'x: timestamp must be a valid date'],
    ['a context holding a function', { context: { page: { onLoad: () => 0 } } }, 'x: context.page.onLoad must be a JSON value (got a function)'],
    ['a context that is not an object', { context: 'page' }, 'x: context must be an object'],
  ])('rejects %s', (_, call, message) => {
    expect(rejected(builder().track('x', {}, call as never))).toBe(message)
  })

  it('treats null ids as absent', () => {
    const event = built(builder().track('x', {}, { userId: null, anonymousId: 'a' } as never))
    expect(event).not.toHaveProperty('userId')
  })

  it('takes the time of the event from a Date, an ISO string or epoch milliseconds', () => {
    const b = builder()
    const iso = '2026-01-02T03:04:05.678Z'
    for (const timestamp of [new Date(iso), iso, Date.parse(iso), '2026-01-02T04:04:05.678+01:00']) {
      expect(built(b.track('x', {}, { userId: 'u', timestamp })).timestamp).toBe(iso)
    }
  })

  it('merges the call context under the library, which always comes from the builder', () => {
    const event = built(builder().track('x', {}, { userId: 'u', context: { locale: 'vi-VN', page: { path: '/' }, library: { name: 'fake', version: '0' } } }))
    expect(event.context).toEqual({ locale: 'vi-VN', page: { path: '/' }, library })
  })

  it('requires an identity for identify, and accepts its userId', () => {
    expect(rejected(builder().identify(undefined, { plan: 'pro' }))).toBe('identify: userId or anonymousId is required')
    const event = built(builder().identify('user-42', { email: 'a@b.c' }, { anonymousId: 'anon-1' }))
    expect(event).toMatchObject({ type: 'identify', userId: 'user-42', anonymousId: 'anon-1', traits: { email: 'a@b.c' } })
    expect(rejected(builder().identify('', {}))).toBe('identify: userId must be a non-empty string')
    expect(rejected(builder().identify('u', { bad: Number.NaN }))).toBe('identify: traits.bad must be a finite number')
  })

  it('builds page events with an optional name', () => {
    expect(built(builder().page('Pricing', { plan: 'pro' }, { anonymousId: 'a' }))).toMatchObject({ type: 'page', name: 'Pricing', properties: { plan: 'pro' } })
    expect(built(builder().page(undefined, undefined, { anonymousId: 'a' }))).not.toHaveProperty('name')
    expect(rejected(builder().page('', {}))).toBe('page: name must be a non-empty string')
    expect(rejected(builder().page('Checkout', { revenue: 'lots' }))).toBe('page: properties.revenue must be a finite number')
  })

  it('writes a page named null without a name, with either writer', () => {
    for (const b of [builder(), createEventBuilderWith(createPlainEventWriter, { library, now: () => now })]) {
      const event = built(b.page(null as never, {}, { anonymousId: 'a' }))
      expect(event).not.toHaveProperty('name')
      expect(JSON.parse((b.page(null as never, {}, { anonymousId: 'a' }) as { value: { json: string } }).value.json)).not.toHaveProperty('name')
    }
  })
})

describe('createEventBuilder: a stable context (a browser page\'s, reused while the page stays)', () => {
  const writers = [
    ['fast', (options: Partial<EventBuilderOptions> = {}) => builder(options)],
    ['size-first', (options: Partial<EventBuilderOptions> = {}) => createEventBuilderWith(createPlainEventWriter, { library, now: () => now, decodeJourneyToken, ...options })],
  ] as const
  const stable = <T extends object>(context: T): T => Object.defineProperty(context, stableContext, { value: true })
  const page = (title: string) => stable({ page: { url: 'https://shop.example/', path: '/', title }, locale: 'vi-VN', sessionId: 's1' })

  it.each(writers)('writes each event sharing one stable context exactly as JSON.stringify does (%s writer)', (_name, make) => {
    const b = make()
    const context = page('Cửa hàng 🌸')
    const first = built(b.track('A', { n: 1 }, { anonymousId: 'a', context }))
    const second = built(b.track('B', { note: 'héllo' }, { userId: 'u', context }))
    built(b.identify('u', { plan: 'pro' }, { context }))
    expect(second.context).toEqual({ ...context, library })
    expect(first.context).toEqual(second.context)
  })

  it.each(writers)('takes a new stable context at once (%s writer)', (_name, make) => {
    const b = make()
    built(b.track('A', {}, { anonymousId: 'a', context: page('Home') }))
    expect(built(b.track('B', {}, { anonymousId: 'a', context: page('Pricing') })).context.page?.title).toBe('Pricing')
  })

  it.each(writers)('copies any other context on every call, frozen or spread from a stable one, so changes show (%s writer)', (_name, make) => {
    const b = make()
    const inner = { title: 'Home' }
    const frozen = Object.freeze({ page: inner })
    const spread = { ...page('Home') }
    built(b.track('A', {}, { anonymousId: 'a', context: frozen }))
    built(b.track('A', {}, { anonymousId: 'a', context: spread }))
    inner.title = 'Pricing'
    spread.locale = 'en-US'
    expect(built(b.track('B', {}, { anonymousId: 'a', context: frozen })).context.page?.title).toBe('Pricing')
    expect(built(b.track('B', {}, { anonymousId: 'a', context: spread })).context.locale).toBe('en-US')
  })

  it.each(writers)('sends what the stable context said even when a hook changed an event\'s context (%s writer)', (_name, make) => {
    const b = make()
    const context = page('Home')
    const first = b.track('A', {}, { anonymousId: 'a', context })
    if (!first.ok) throw first.error
    // Hooks are told not to, but one that does neither throws nor changes later events' JSON.
    expect(() => ((first.event.context as { locale?: string }).locale = 'changed')).not.toThrow()
    const second = b.track('B', {}, { anonymousId: 'a', context })
    if (!second.ok) throw second.error
    expect((JSON.parse(second.value.json) as WireEvent).context.locale).toBe('vi-VN')
  })

  it.each(writers)('adds a journey token to one event without changing the shared context (%s writer)', (_name, make) => {
    const b = make()
    const context = page('Home')
    const token = { v: 1 as const, anonymousId: 'browser-anon', sessionId: 'sess-9' }
    built(b.track('A', {}, { anonymousId: 'a', context }))
    expect(built(b.track('B', {}, { anonymousId: 'a', context, journeyToken: token })).context.journey).toEqual({ anonymousId: 'browser-anon', sessionId: 'sess-9' })
    expect(built(b.track('C', {}, { anonymousId: 'a', context })).context).not.toHaveProperty('journey')
  })

  it.each(writers)('rejects every event over the size limit when the stable context alone fills it (%s writer)', (_name, make) => {
    const b = make({ maxEventBytes: 1000 })
    const context = stable({ page: { title: 'é'.repeat(600) } })
    expect(rejected(b.track('A', {}, { anonymousId: 'a', context }))).toBe('A: event must be at most 1000 bytes serialized')
    expect(rejected(b.track('B', {}, { anonymousId: 'a', context }))).toBe('B: event must be at most 1000 bytes serialized')
  })
})

describe('createEventBuilder: journey token', () => {
  const token = {
    v: 1 as const,
    anonymousId: 'browser-anon',
    sessionId: 'sess-9',
    firstTouch: { touchpoint: 'facebook-ad', channel: 'social', timestamp: '2026-11-20T08:00:00.000Z' },
    lastTouch: { touchpoint: 'google-search', timestamp: '2026-11-24T08:00:00.000Z' },
  }

  it('joins a server event to the browser journey and takes its anonymousId', () => {
    const event = built(builder({ requireIdentity: true }).track('touchpoint', { touchpoint: 'invoice' }, { userId: 'user-42', journeyToken: encodeJourneyToken(token) }))
    expect(event).toMatchObject({ userId: 'user-42', anonymousId: 'browser-anon' })
    expect(event.context.journey).toEqual({ anonymousId: 'browser-anon', sessionId: 'sess-9', firstTouch: token.firstTouch, lastTouch: token.lastTouch })
  })

  it('keeps the anonymousId the call gave', () => {
    const event = built(builder().track('x', {}, { anonymousId: 'server-anon', journeyToken: token }))
    expect(event.anonymousId).toBe('server-anon')
    expect(event.context.journey?.anonymousId).toBe('browser-anon')
  })

  it('records the event without the journey, with a warning, when the token is invalid', () => {
    const result = builder().track('touchpoint', { touchpoint: 'invoice' }, { userId: 'user-42', journeyToken: 'garbage!' })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.warning?.message).toBe('touchpoint: journeyToken must be base64url-encoded UTF-8 JSON')
    expect(result.event.context).not.toHaveProperty('journey')
  })
})

describe('createEventBuilder: never throws', () => {
  it('builds both events when a getter tracks another event in the middle of a walk', () => {
    const b = builder()
    let inner: ReturnType<typeof b.track> | undefined
    const properties = {
      before: 1,
      get during(): string {
        inner = b.track('inner', { list: [1, { deep: 'x' }] }, { userId: 'u' })
        return 'read'
      },
      after: [2, 3],
    }
    expect(built(b.track('outer', properties, { userId: 'u' }))).toMatchObject({ properties: { before: 1, during: 'read', after: [2, 3] } })
    expect(built(inner!)).toMatchObject({ event: 'inner', properties: { list: [1, { deep: 'x' }] } })
  })

  it('names the right field when a re-entrant call failed inside a getter', () => {
    const b = builder()
    const properties = {
      get a(): number {
        b.track('inner', { bad: Number.NaN })
        return 1
      },
      b: { c: 1n },
    }
    expect(rejected(b.track('outer', properties, { userId: 'u' }))).toBe('outer: properties.b.c must be a JSON value (got a BigInt)')
  })

  it('turns a call object whose getters throw into an error value', () => {
    const call = {
      get userId(): string {
        throw new Error('boom')
      },
    }
    expect(rejected(builder().track('x', {}, call))).toBe('x: event could not be read (a getter or Proxy threw)')
  })

  const hostile = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
  })

  it('returns an event or a ValidationError for any input', () => {
    const b = builder()
    fc.assert(
      fc.property(hostile, hostile, fc.string(), (properties, context, name) => {
        const call = { anonymousId: 'a', context: context as never }
        const input = properties as Record<string, unknown>
        for (const result of [b.track(name, input, call), b.identify('u', input, call), b.page(name || undefined, input, call)]) {
          if (result.ok) {
            expect(result.value.bytes).toBe(Buffer.byteLength(result.value.json, 'utf8'))
            expect(result.value.json).toBe(JSON.stringify(result.event))
            expect(parseWireEvent(JSON.parse(result.value.json))).toMatchObject({ ok: true })
          } else {
            expect(result.error).toBeInstanceOf(ValidationError)
          }
        }
      }),
      { numRuns: 500 },
    )
  })
})
