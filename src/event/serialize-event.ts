/**
 * Serializing events for the queue: the JSON the queue stores and sends, and its UTF-8 size for
 * the byte budgets, measured once. The builder's writer writes the fixed parts of the JSON by
 * hand around one `JSON.stringify` of the payload, which on the hot path is measurably faster
 * than stringifying the whole event (see bench/event-build.bench.ts).
 */
import type { QueuedEvent } from '../engine/types'
import { ValidationError } from '../errors'
import type { EventContext, JsonObject, LibraryInfo, WireEvent } from './types'
import { createUtf8Meter, utf8Length } from './utf8'

/** Default largest event: 32 KB of UTF-8 JSON. */
export const defaultMaxEventBytes = 32_768

/** The rule broken by an event over `maxEventBytes`. */
export function sizeRule(maxEventBytes: number): string {
  return `must be at most ${maxEventBytes} bytes serialized`
}

/** Strings JSON writes as they are between quotes: printable ASCII without `"` or `\`. */
const plainAscii = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/

/** Quotes a string as JSON, remembering the last one; `extra` = its UTF-8 bytes beyond one per character. */
interface Quoter {
  (text: string): string
  extra: number
}

/**
 * A {@link Quoter}. It remembers the last string (event names and anonymousIds repeat from event
 * to event) and quotes plain ASCII by hand: `JSON.stringify` of a lone string costs several times
 * more than the concatenation.
 */
function createQuoter(): Quoter {
  let last: string | undefined
  let quoted = ''
  let extra = 0
  const quote = ((text: string) => {
    if (text !== last) {
      if (plainAscii.test(text)) {
        quoted = `"${text}"`
        extra = 0
      } else {
        quoted = JSON.stringify(text)
        extra = utf8Length(quoted) - quoted.length
      }
      last = text
    }
    quote.extra = extra
    return quoted
  }) as Quoter
  quote.extra = 0
  return quote
}

/** Most distinct keys {@link writeAsciiJson} remembers quoted: keys come from the host, unbounded. */
const maxQuotedKeys = 256

/**
 * JSON of an already sanitized value (plain objects, arrays, finite numbers, strings, booleans,
 * null: what `sanitize-json` returns), or `undefined` when it holds a string or key that needs
 * escaping or is not ASCII, or anything else, for `JSON.stringify` to handle. The common payload (short ASCII
 * strings and numbers) is written faster than `JSON.stringify` does it in Node 20, and being
 * ASCII its UTF-8 size is its length, so it need not be measured. `keys` caches `"key":`.
 */
function writeAsciiJson(value: unknown, keys: Map<string, string>): string | undefined {
  switch (typeof value) {
    case 'string':
      return plainAscii.test(value) ? `"${value}"` : undefined
    case 'number':
      return `${value}` // finite (sanitized): the same digits as JSON, `-0` included
    case 'boolean':
      return value ? 'true' : 'false'
  }
  if (value === null) return 'null'
  // Anything JSON.stringify would treat specially (undefined, functions…) is left to it.
  if (typeof value !== 'object') return undefined
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) {
      const item = writeAsciiJson(value[i], keys)
      if (item === undefined) return undefined
      out += i === 0 ? item : `,${item}`
    }
    return `${out}]`
  }
  const object = value as Record<string, unknown>
  let out = ''
  for (const key of Object.keys(object)) {
    let quoted = keys.get(key)
    if (quoted === undefined) {
      if (!plainAscii.test(key)) return undefined
      quoted = `"${key}":`
      if (keys.size < maxQuotedKeys) keys.set(key, quoted)
    }
    const item = writeAsciiJson(object[key], keys)
    if (item === undefined) return undefined
    out += out === '' ? `{${quoted}${item}` : `,${quoted}${item}`
  }
  return out === '' ? '{}' : `${out}}`
}

/**
 * Writes one event's JSON from its parts (the fast writer) or from the event object they make
 * (the size-first one). `context` is
 * `undefined` when it is `{ library }` alone: that part is then serialized once per writer.
 * The UTF-8 size of the last JSON written is left in `bytes` (exact when at most the writer's
 * limit; some larger number otherwise), so the hot path allocates no result object.
 */
export interface EventWriter {
  (
    type: WireEvent['type'],
    name: string | undefined,
    messageId: string,
    timestamp: string,
    userId: string | undefined,
    anonymousId: string | undefined,
    body: JsonObject,
    context: EventContext | undefined,
    /**
     * The same event as an object, keys in Segment order. The builder always passes it: the
     * size-first writer stringifies it, the fast one writes from the parts.
     */
    event?: WireEvent,
    /**
     * The context's JSON when the builder already has it (a stable context, see
     * `stableContext`): both writers append it instead of serializing the context again.
     */
    contextJson?: string,
  ): string
  bytes: number
}

/** Makes an {@link EventWriter} for one builder: {@link createEventWriter} or the size-first `createPlainEventWriter`. */
export type EventWriterFactory = (library: LibraryInfo, maxEventBytes: number) => EventWriter

/**
 * The builder's writer. Parts go in Segment order (`type`, `event`/`name`, `messageId`,
 * `timestamp`, `userId`, `anonymousId`, `properties`/`traits`, `context`); `messageId` and
 * `timestamp` must be a UUID and an ISO timestamp (ASCII, nothing to escape). Its output is
 * exactly `JSON.stringify` of the event those parts make.
 */
export function createEventWriter(library: LibraryInfo, maxEventBytes: number): EventWriter {
  const measure = createUtf8Meter(maxEventBytes)
  const quoteName = createQuoter()
  const quoteUserId = createQuoter()
  const quoteAnonymousId = createQuoter()
  const quotedKeys = new Map<string, string>()
  let libraryContext: { json: string; extra: number } | undefined

  const write = ((type, name, messageId, timestamp, userId, anonymousId, body, context, _event, contextJson) => {
    let json = `{"type":"${type}"`
    // UTF-8 bytes beyond one per character, summed over the flat pieces: measuring the
    // concatenation instead would flatten it first.
    let extra = 0
    // `page(null)` has no name, like `JSON.stringify` of the event object says (the builder passes null on).
    if (name != null) {
      json += `,"${type === 'track' ? 'event' : 'name'}":${quoteName(name)}`
      extra += quoteName.extra
    }
    json += `,"messageId":"${messageId}","timestamp":"${timestamp}"`
    if (userId !== undefined) {
      json += `,"userId":${quoteUserId(userId)}`
      extra += quoteUserId.extra
    }
    if (anonymousId !== undefined) {
      json += `,"anonymousId":${quoteAnonymousId(anonymousId)}`
      extra += quoteAnonymousId.extra
    }
    const bodyKey = type === 'identify' ? 'traits' : 'properties'
    // A context whose JSON is already known: `{ library }` alone (written once per writer), or a
    // stable context's, written when it was copied (a hook that changed the shared copy since
    // changes nothing here either).
    let knownContext: string | undefined
    if (context === undefined) {
      if (!libraryContext) {
        const text = JSON.stringify({ library })
        libraryContext = { json: text, extra: utf8Length(text) - text.length }
      }
      knownContext = libraryContext.json
      extra += libraryContext.extra
    } else if (contextJson !== undefined) {
      knownContext = contextJson
      extra += measure(contextJson) - contextJson.length
    }
    if (knownContext !== undefined) {
      let payload = writeAsciiJson(body, quotedKeys)
      if (payload === undefined) {
        payload = JSON.stringify(body)
        extra += measure(payload) - payload.length
      }
      json += `,"${bodyKey}":${payload},"context":${knownContext}}`
    } else {
      const payload = writeAsciiJson(body, quotedKeys)
      const contextText = payload === undefined ? undefined : writeAsciiJson(context, quotedKeys)
      if (contextText !== undefined) json += `,"${bodyKey}":${payload},"context":${contextText}}`
      else {
        // Payload and context in one JSON.stringify call: `{"properties":…,"context":…}` minus its `{`.
        const tail = JSON.stringify(bodyKey === 'traits' ? { traits: body, context } : { properties: body, context })
        extra += measure(tail) - tail.length
        json += `,${tail.slice(1)}`
      }
    }
    // Above the limit `measure` saturates, yet the sum still exceeds the limit.
    write.bytes = json.length + extra
    return json
  }) as EventWriter
  write.bytes = 0
  return write
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
