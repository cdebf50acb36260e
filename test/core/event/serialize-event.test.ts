import { describe, expect, it } from 'vitest'
import { createPlainEventWriter } from '../../../src/event/plain-writer'
import { createEventWriter, serializeEvent, type EventWriterFactory } from '../../../src/event/serialize-event'
import type { LibraryInfo, WireEvent } from '../../../src/event/types'

/** The writer fed as the builder feeds it: the parts of a whole event object (keys in Segment order), and the object. */
function createEventSerializer(library: LibraryInfo, maxEventBytes: number, writer: EventWriterFactory = createEventWriter) {
  const write = writer(library, maxEventBytes)
  return (event: WireEvent, libraryOnly: boolean) => {
    const name = event.type === 'track' ? event.event : event.type === 'page' ? event.name : undefined
    const body = event.type === 'identify' ? event.traits : event.properties
    const json = write(event.type, name, event.messageId, event.timestamp, event.userId, event.anonymousId, body, libraryOnly ? undefined : event.context, event)
    return { json, bytes: write.bytes }
  }
}

const library = { name: 'lib', version: '1' }
const base = { messageId: '019ab5b2-8c1e-7d3a-9b1f-2f6c3e4d5a6b', timestamp: '2026-11-25T01:00:00.000Z' }

const events: [string, WireEvent, boolean][] = [
  ['a track event with library-only context', { type: 'track', event: 'touchpoint', ...base, anonymousId: 'a', properties: { touchpoint: 'x' }, context: { library } }, true],
  ['a track event with unicode everywhere', { type: 'track', event: 'Đánh giá 😀', ...base, userId: 'người-dùng', anonymousId: 'ẩn', properties: { note: '🌸' }, context: { library, locale: 'vi-VN' } }, false],
  ['an identify event', { type: 'identify', ...base, userId: 'u', traits: { email: 'a@b.c' }, context: { library } }, true],
  ['an identify event with context', { type: 'identify', ...base, userId: 'u', traits: {}, context: { library, page: { path: '/' } } }, false],
  ['a page event without a name', { type: 'page', ...base, anonymousId: 'a', properties: {}, context: { library } }, true],
  ['a page event with a name', { type: 'page', name: 'Giá', ...base, anonymousId: 'a', properties: { plan: 'pro' }, context: { library, sessionId: 's' } }, false],
]

const writers: [string, EventWriterFactory][] = [
  ['createEventWriter', createEventWriter],
  ['createPlainEventWriter', createPlainEventWriter],
]

describe.each(writers)('%s', (_writerName, writer) => {
  it.each(events)('writes exactly JSON.stringify of %s, with its UTF-8 size', (_, event, libraryOnly) => {
    const serialize = createEventSerializer(library, 32_768, writer)
    for (let i = 0; i < 2; i++) {
      // Twice: the second time the memoized pieces are reused.
      const { json, bytes } = serialize(event, libraryOnly)
      expect(json).toBe(JSON.stringify(event))
      expect(bytes).toBe(Buffer.byteLength(json, 'utf8'))
    }
  })

  it.each([
    ['ASCII strings and numbers', { touchpoint: 'invoice', value: 12.5, n: -0, big: 1e21, tiny: 5e-7, ok: true, none: null }],
    ['strings that need escaping', { quote: 'a"b', back: 'a\\b', nl: 'a\nb', tab: '\t', ctl: '\u0001', del: '\u007f' }],
    ['non-ASCII values and keys', { 'khóa': 'giá trị', emoji: '😀', lone: '\ud800' }],
    ['nesting, arrays and empties', { a: [1, 'two', [true, null], {}], o: { p: { q: [] } }, e: {} }],
    ['integer-like keys', { b: 1, 2: 'two', 1: 'one' }],
  ])('writes a library-only payload of %s exactly as JSON.stringify', (_, properties) => {
    const serialize = createEventSerializer(library, 32_768, writer)
    const event: WireEvent = { type: 'track', event: 'x', ...base, properties, context: { library } }
    for (let i = 0; i < 2; i++) {
      const { json, bytes } = serialize(event, true)
      expect(json).toBe(JSON.stringify(event))
      expect(bytes).toBe(Buffer.byteLength(json, 'utf8'))
    }
  })

  it('reports a size above the limit for an oversized payload', () => {
    const serialize = createEventSerializer(library, 1000, writer)
    const event: WireEvent = { type: 'track', event: 'x', ...base, properties: { pad: 'é'.repeat(2000) }, context: { library } }
    expect(serialize(event, true).bytes).toBeGreaterThan(1000)
    expect(serialize({ ...event, context: { library, big: 'x'.repeat(5000) } }, false).bytes).toBeGreaterThan(1000)
  })
})

describe('serializeEvent', () => {
  const event: WireEvent = { type: 'track', event: 'x', ...base, userId: 'someone', properties: {}, context: { library } }

  it('serializes an event changed after it was built', () => {
    const json = JSON.stringify(event)
    expect(serializeEvent(event)).toEqual({ ok: true, value: { id: event.messageId, json, bytes: Buffer.byteLength(json) } })
  })

  it('enforces the size limit', () => {
    expect(serializeEvent(event, 10)).toMatchObject({ ok: false, error: { message: 'x: event must be at most 10 bytes serialized' } })
  })

  it('reports an event that cannot be serialized instead of throwing', () => {
    expect(serializeEvent({ ...event, properties: { n: 1n } } as unknown as WireEvent)).toMatchObject({
      ok: false,
      error: { message: 'x: event must be serializable to JSON' },
    })
  })
})
