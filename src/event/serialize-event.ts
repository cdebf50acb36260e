/**
 * Serializing events for the queue: the JSON the queue stores and sends, and its UTF-8 size for
 * the byte budgets, measured once. The builder's serializer writes the fixed parts of the JSON by
 * hand around one `JSON.stringify` of the payload, which on the hot path is measurably faster
 * than stringifying the whole event (see bench/event-build.bench.ts).
 */
import type { QueuedEvent } from '../engine/types'
import { ValidationError } from '../errors'
import type { LibraryInfo, WireEvent } from './types'
import { createUtf8Meter, utf8Length } from './utf8'

/** Default largest event: 32 KB of UTF-8 JSON. */
export const defaultMaxEventBytes = 32_768

/** The rule broken by an event over `maxEventBytes`. */
export function sizeRule(maxEventBytes: number): string {
  return `must be at most ${maxEventBytes} bytes serialized`
}

/** JSON and UTF-8 size of one event. */
export interface SerializedEvent {
  readonly json: string
  /** Exact when at most the serializer's limit; some larger number otherwise. */
  readonly bytes: number
}

/** Quotes a string as JSON, remembering the last one; `extra` = its UTF-8 bytes beyond one per character. */
interface Quoter {
  (text: string): string
  extra: number
}

/** A {@link Quoter} for strings that repeat from event to event (event name, anonymousId). */
function createQuoter(): Quoter {
  let last: string | undefined
  let quoted = ''
  let extra = 0
  const quote = ((text: string) => {
    if (text !== last) {
      quoted = JSON.stringify(text)
      extra = utf8Length(quoted) - quoted.length
      last = text
    }
    quote.extra = extra
    return quoted
  }) as Quoter
  quote.extra = 0
  return quote
}

/**
 * The builder's serializer. It expects events as the builder makes them: keys in Segment order
 * (`type`, `event`/`name`, `messageId`, `timestamp`, `userId`, `anonymousId`, `properties`/`traits`,
 * `context`), a UUID `messageId` and an ISO `timestamp` (ASCII, nothing to escape). Its output is
 * exactly `JSON.stringify(event)`. Pass `libraryOnly` when the context is `{ library }` alone: that
 * part is then serialized once per serializer.
 */
export function createEventSerializer(library: LibraryInfo, maxEventBytes: number): (event: WireEvent, libraryOnly: boolean) => SerializedEvent {
  const measure = createUtf8Meter(maxEventBytes)
  const quoteName = createQuoter()
  const quoteAnonymousId = createQuoter()
  let libraryContext: { json: string; extra: number } | undefined

  return (event, libraryOnly) => {
    let json = `{"type":"${event.type}"`
    // UTF-8 bytes beyond one per character, summed over the flat pieces: measuring the
    // concatenation instead would flatten it first.
    let extra = 0
    const name = event.type === 'track' ? event.event : event.type === 'page' ? event.name : undefined
    if (name !== undefined) {
      json += `,"${event.type === 'track' ? 'event' : 'name'}":${quoteName(name)}`
      extra += quoteName.extra
    }
    json += `,"messageId":"${event.messageId}","timestamp":"${event.timestamp}"`
    if (event.userId !== undefined) {
      const quoted = JSON.stringify(event.userId)
      json += `,"userId":${quoted}`
      extra += utf8Length(quoted) - quoted.length
    }
    if (event.anonymousId !== undefined) {
      json += `,"anonymousId":${quoteAnonymousId(event.anonymousId)}`
      extra += quoteAnonymousId.extra
    }
    if (libraryOnly) {
      if (!libraryContext) {
        const text = JSON.stringify({ library })
        libraryContext = { json: text, extra: utf8Length(text) - text.length }
      }
      const bodyKey = event.type === 'identify' ? 'traits' : 'properties'
      const body = JSON.stringify(event.type === 'identify' ? event.traits : event.properties)
      extra += measure(body) - body.length + libraryContext.extra
      json += `,"${bodyKey}":${body},"context":${libraryContext.json}}`
    } else {
      // Payload and context in one JSON.stringify call: `{"properties":…,"context":…}` minus its `{`.
      const tail = JSON.stringify(
        event.type === 'identify' ? { traits: event.traits, context: event.context } : { properties: event.properties, context: event.context },
      )
      extra += measure(tail) - tail.length
      json += `,${tail.slice(1)}`
    }
    // Above the limit `measure` saturates, yet the sum still exceeds the limit.
    return { json, bytes: json.length + extra }
  }
}

/**
 * Serializes any event (e.g. one a hook changed after it was built) into what the queue stores,
 * enforcing the size limit. Never throws.
 * @param maxEventBytes @default 32_768
 */
export function serializeEvent(
  event: WireEvent,
  maxEventBytes = defaultMaxEventBytes,
): { ok: true; value: QueuedEvent } | { ok: false; error: ValidationError } {
  const label = event.type === 'track' ? event.event : event.type
  let json: string
  try {
    json = JSON.stringify(event)
  } catch {
    return { ok: false, error: new ValidationError({ label, path: 'event', rule: 'must be serializable to JSON' }) }
  }
  const bytes = utf8Length(json)
  if (bytes > maxEventBytes) return { ok: false, error: new ValidationError({ label, path: 'event', rule: sizeRule(maxEventBytes) }) }
  return { ok: true, value: { id: event.messageId, json, bytes } }
}
