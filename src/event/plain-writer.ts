/**
 * The size-first event writer: one `JSON.stringify` of the event object the builder made,
 * measured natively with `TextEncoder.encodeInto` (a JavaScript loop over a page event's ~600
 * characters cost ~0.7 µs of every browser `track`, measured). Same output as
 * {@link createEventWriter} in a fraction of its code, and slower; browsers, which track a few
 * events per page, take this one (see `createClientWith`), servers the fast one.
 */
import type { EventWriter, EventWriterFactory } from './serialize-event'
import { createUtf8Meter } from './utf8'

export const createPlainEventWriter: EventWriterFactory = (_library, maxEventBytes) => {
  const measure = createUtf8Meter(maxEventBytes)
  /** The last context JSON appended, as `,"context":…}`, and its UTF-8 bytes. */
  let tailOf: string | undefined
  let tail = ''
  let tailBytes = 0
  const write = ((_type, _name, _messageId, _timestamp, _userId, _anonymousId, _body, context, event, contextJson) => {
    if (contextJson !== undefined) {
      // A stable context (a browser page's) comes with its JSON, half of an event's: written and
      // measured once. `context` is the event's last key, and one left undefined is not written.
      if (contextJson !== tailOf) {
        tailOf = contextJson
        tail = `,"context":${contextJson}}`
        tailBytes = measure(tail)
      }
      const parts = event!
      parts.context = undefined as never
      const head = JSON.stringify(parts)
      parts.context = context!
      // `}` is one byte.
      write.bytes = measure(head) - 1 + tailBytes
      return head.slice(0, -1) + tail
    }
    const json = JSON.stringify(event)
    write.bytes = measure(json)
    return json
  }) as EventWriter
  write.bytes = 0
  return write
}
