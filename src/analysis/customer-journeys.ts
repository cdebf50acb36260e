/**
 * Walks each customer's sorted timeline once, building their journey and feeding every tally
 * (funnel, per-touchpoint table, attribution, touches-to-convert, segments) on the way.
 */
import type { WireEvent } from '../event/types'
import type { AttributionLedger } from './attribution'
import { DAY_MS } from './attribution-models'
import type { Timelines } from './customer-timeline'
import { KIND_CONVERSION, KIND_TOUCH, type EventTable } from './event-table'
import type { FunnelTally } from './funnel'
import type { JourneyIndex } from './journey-index'
import { classifyCustomer, type SegmentTally } from './segments'
import type { TouchpointTally } from './touchpoint-table'
import type { CustomerConversion, CustomerJourney, CustomerTouch } from './types'

/** The tallies and settings a walk feeds. */
export interface CustomerWalk {
  readonly events: readonly WireEvent[]
  readonly table: EventTable
  readonly timelines: Timelines
  readonly journey: JourneyIndex
  readonly lookbackDays: number
  readonly hotLeadTouches: number
  readonly funnel: FunnelTally
  readonly touchpoints: TouchpointTally
  readonly ledger: AttributionLedger
  readonly segments: SegmentTally
  /** Receives, per converting customer, the touches at or before their first conversion. */
  readonly touchesToConvert: number[]
}

/** Builds every customer's journey, in the timelines' (id) order. */
export function walkCustomers(walk: CustomerWalk): CustomerJourney[] {
  const { events, table, timelines, journey, funnel, touchpoints, ledger, segments } = walk
  const { order, offsets, people } = timelines
  const stages = journey.journey.stages
  const lookbackMs = walk.lookbackDays * DAY_MS
  // Scratch buffers reused by every customer: their touches' touchpoints and times, in order.
  const touchList = new Int32Array(table.length)
  const touchTimes = new Float64Array(table.length)
  const conversionRows = new Int32Array(table.length)
  const customers: CustomerJourney[] = new Array(people.length)

  for (let c = 0; c < people.length; c++) {
    const from = offsets[c]!
    const to = offsets[c + 1]!
    touchpoints.nextCustomer()
    const touches: CustomerTouch[] = []
    let touchCount = 0
    let conversionCount = 0
    let furthest = -1
    for (let i = from; i < to; i++) {
      const row = order[i]!
      const stage = table.stage[row]!
      if (stage > furthest) furthest = stage
      const kind = table.kind[row]
      if (kind === KIND_CONVERSION) {
        conversionRows[conversionCount++] = row
      } else if (kind === KIND_TOUCH) {
        const touchpoint = table.touchpoint[row]!
        const channel = table.channel[row]!
        touchList[touchCount] = touchpoint
        touchTimes[touchCount++] = table.time[row]!
        const event = events[table.source[row]!]!
        touches.push({
          touchpoint: table.touchpointIds[touchpoint]!,
          stage: stage >= 0 ? stages[stage]!.id : null,
          channel: channel >= 0 ? table.channelIds[channel]! : null,
          timestamp: event.timestamp,
          messageId: event.messageId,
        })
        if (stage >= 0) funnel.touch(stage, touchpoint)
        touchpoints.touch(touchpoint, stage, channel)
      }
    }

    // Conversions look at touches at or before them (ties included, whatever the messageId order)
    // and no older than the lookback window; both window edges only move forward.
    const conversions: CustomerConversion[] = []
    let revenue = 0
    let low = 0
    let high = 0
    for (let k = 0; k < conversionCount; k++) {
      const row = conversionRows[k]!
      const at = table.time[row]!
      while (high < touchCount && touchTimes[high]! <= at) high++
      while (low < high && touchTimes[low]! < at - lookbackMs) low++
      const value = table.revenue[row]!
      ledger.credit(touchList, touchTimes, low, high, value)
      touchpoints.conversion(touchList, low, high)
      if (k === 0) walk.touchesToConvert.push(high)
      revenue += value
      const event = events[table.source[row]!]!
      conversions.push({ timestamp: event.timestamp, messageId: event.messageId, revenue: value, attributedTouches: high - low })
    }

    const segment = classifyCustomer(
      { conversions: conversionCount, touches: touchCount, furthestStage: furthest, furthestPhase: stages[furthest]?.phase },
      walk.hotLeadTouches,
    )
    segments.add(segment, touchCount)
    funnel.customer(furthest)
    const person = people[c]!
    customers[c] = {
      id: person.id,
      userIds: person.userIds,
      anonymousIds: person.anonymousIds,
      touches,
      conversions,
      furthestStage: furthest >= 0 ? stages[furthest]!.id : null,
      revenue,
      segment,
      firstSeen: events[table.source[order[from]!]!]!.timestamp,
      lastSeen: events[table.source[order[to - 1]!]!]!.timestamp,
    }
  }
  return customers
}
