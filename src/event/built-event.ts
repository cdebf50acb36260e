/**
 * The success value of the event builder: what the queue stores, plus the event as an object,
 * assembled only for the hooks that read it (a separate file keeps build-event.ts short).
 */
import type { QueuedEvent } from '../engine/types'
import type { ValidationError } from '../errors'
import type { EventContext, JsonObject, LibraryInfo, WireEvent } from './types'

/** The parts an event is written from, kept so that `Built.event` can assemble the object. */
export interface EventParts {
  readonly type: WireEvent['type']
  readonly name: string | undefined
  readonly messageId: string
  readonly timestamp: string
  readonly userId: string | undefined
  readonly anonymousId: string | undefined
  readonly body: JsonObject
  /** `undefined`: `{ library }` alone. */
  readonly context: EventContext | undefined
}

/**
 * A successful {@link BuildResult}. Its `event` object is assembled from the parts only when
 * someone reads it (a hook): most events only ever need their JSON.
 */
export class Built {
  // Assigned in the constructor rather than declared as fields or parameter properties: field
  // declarations cost browser bundles (target ES2020) a `__publicField` helper call per field.
  declare readonly ok: true
  declare readonly value: QueuedEvent
  declare readonly warning?: ValidationError
  declare private readonly parts: EventParts
  declare private readonly library: LibraryInfo
  declare private assembled: WireEvent | undefined
  constructor(value: QueuedEvent, parts: EventParts, library: LibraryInfo, warning?: ValidationError) {
    this.value = value
    this.parts = parts
    this.library = library
    this.warning = warning
    this.ok = true
    this.assembled = undefined
  }

  get event(): WireEvent {
    if (this.assembled) return this.assembled
    const { type, name, messageId, timestamp, userId, anonymousId, body, context } = this.parts
    // Keys in the order the JSON has them, so that `JSON.stringify(event)` is `value.json`.
    const event: Record<string, unknown> = { type }
    if (name !== undefined) event[type === 'track' ? 'event' : 'name'] = name
    event.messageId = messageId
    event.timestamp = timestamp
    if (userId !== undefined) event.userId = userId
    if (anonymousId !== undefined) event.anonymousId = anonymousId
    event[type === 'identify' ? 'traits' : 'properties'] = body
    event.context = context ?? { library: this.library }
    return (this.assembled = event as unknown as WireEvent)
  }
}
