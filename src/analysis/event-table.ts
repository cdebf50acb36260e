/**
 * Reads wire events once into flat typed arrays (one column per field), deduplicating by
 * messageId and feeding identity links to the identity graph. Columns instead of one object per
 * event keep a million events cheap to hold, group and sort.
 */
import type { WireEvent } from '../event/types'
import type { IdentityGraph } from './identity-graph'
import type { JourneyIndex } from './journey-index'
import type { InputSummary } from './types'

/** `kind` column values. */
export const KIND_TOUCH = 1
export const KIND_CONVERSION = 2
export const KIND_STAGE = 3

/** Event name that records reaching a stage without a touch (`properties.stage`). */
export const STAGE_ENTERED_EVENT = 'Stage Entered'

/** Timeline events (touches, conversions, stage entries) as columns; row `r` is one event. */
export interface EventTable {
  readonly length: number
  /** Identity-graph node of the event's person (its userId, else its anonymousId). */
  readonly node: Int32Array
  /** Epoch milliseconds. */
  readonly time: Float64Array
  readonly kind: Uint8Array
  /** Index into `touchpointIds`; -1 for non-touches. */
  readonly touchpoint: Int32Array
  /** Stage position in the journey; -1 when none. */
  readonly stage: Int32Array
  /** Index into `channelIds`; -1 when none. */
  readonly channel: Int32Array
  /** Conversion revenue; 0 for other kinds. */
  readonly revenue: Float64Array
  /** Index of the event in the input array (for messageId and timestamp strings). */
  readonly source: Int32Array
  readonly touchpointIds: readonly string[]
  readonly channelIds: readonly string[]
  readonly summary: InputSummary
}

type Loose = Record<string, unknown>

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined)
const money = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)

/** Interns strings to small integers so columns can hold them. */
function intern(ids: Map<string, number>, list: string[], id: string): number {
  let index = ids.get(id)
  if (index === undefined) {
    index = list.length
    ids.set(id, index)
    list.push(id)
  }
  return index
}

/**
 * Reads the events. Bad events are counted in `summary.invalid` and skipped, never thrown on:
 * this runs on whatever a collector stored.
 */
export function readEvents(events: readonly WireEvent[], journey: JourneyIndex, conversionEvent: string, graph: IdentityGraph): EventTable {
  const capacity = events.length
  const node = new Int32Array(capacity)
  const time = new Float64Array(capacity)
  const kind = new Uint8Array(capacity)
  const touchpoint = new Int32Array(capacity)
  const stage = new Int32Array(capacity)
  const channel = new Int32Array(capacity)
  const revenue = new Float64Array(capacity)
  const source = new Int32Array(capacity)
  const touchpointMap = new Map<string, number>()
  const touchpointIds: string[] = []
  const channelMap = new Map<string, number>()
  const channelIds: string[] = []
  const seen = new Set<string>()
  let duplicates = 0
  let invalid = 0
  let rows = 0

  for (let i = 0; i < capacity; i++) {
    const event = events[i] as unknown as Loose | null | undefined
    if (typeof event !== 'object' || event === null) { invalid++; continue }
    const messageId = text(event.messageId)
    const at = typeof event.timestamp === 'string' ? Date.parse(event.timestamp) : Number.NaN
    const userId = text(event.userId)
    const anonymousId = text(event.anonymousId)
    if (messageId === undefined || Number.isNaN(at) || (userId === undefined && anonymousId === undefined)) { invalid++; continue }
    if (seen.has(messageId)) { duplicates++; continue }
    seen.add(messageId)

    const person = userId !== undefined ? graph.user(userId) : graph.anonymous(anonymousId!)
    if (userId !== undefined && anonymousId !== undefined) graph.union(person, graph.anonymous(anonymousId))
    const linked = text(((event.context as Loose | undefined)?.journey as Loose | undefined)?.anonymousId)
    if (linked !== undefined) graph.union(person, graph.anonymous(linked))
    if (event.type !== 'track') continue

    const name = event.event
    const properties = (typeof event.properties === 'object' && event.properties !== null ? event.properties : {}) as Loose
    let rowKind = 0
    let rowTouchpoint = -1
    let rowStage = -1
    let rowChannel = -1
    let rowRevenue = 0
    if (name === 'touchpoint') {
      const id = text(properties.touchpoint)
      if (id === undefined) { invalid++; continue }
      rowKind = KIND_TOUCH
      rowTouchpoint = intern(touchpointMap, touchpointIds, id)
      const explicit = text(properties.stage)
      rowStage = (explicit === undefined ? undefined : journey.stageIndex.get(explicit)) ?? journey.placement(id)
      const via = text(properties.channel)
      if (via !== undefined) rowChannel = intern(channelMap, channelIds, via)
    } else if (name === conversionEvent) {
      rowKind = KIND_CONVERSION
      rowRevenue = money(properties.revenue) ?? money(properties.value) ?? 0
      rowStage = journey.purchaseStage
    } else if (name === STAGE_ENTERED_EVENT) {
      const reached = text(properties.stage)
      const index = reached === undefined ? undefined : journey.stageIndex.get(reached)
      if (index === undefined) continue
      rowKind = KIND_STAGE
      rowStage = index
    } else {
      continue
    }
    node[rows] = person
    time[rows] = at
    kind[rows] = rowKind
    touchpoint[rows] = rowTouchpoint
    stage[rows] = rowStage
    channel[rows] = rowChannel
    revenue[rows] = rowRevenue
    source[rows] = i
    rows++
  }

  return {
    length: rows, node, time, kind, touchpoint, stage, channel, revenue, source, touchpointIds, channelIds,
    summary: { received: capacity, duplicates, invalid },
  }
}
