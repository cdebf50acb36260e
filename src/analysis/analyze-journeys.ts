/**
 * `analyzeJourneys`: turns delivered events into a journey map — who the customers are, how far
 * they get, which touchpoints lead to purchase, how many touches a purchase takes, and where the
 * journey is neglected.
 */
import type { WireEvent } from '../event/types'
import { purchaseFunnel } from '../journey/presets'
import { createAttributionLedger } from './attribution'
import { walkCustomers } from './customer-journeys'
import { buildTimelines } from './customer-timeline'
import { readEvents } from './event-table'
import { createFunnelTally } from './funnel'
import { createIdentityGraph } from './identity-graph'
import { indexJourney } from './journey-index'
import { findDropOffs, findStagesWithoutTouchpoints } from './neglected'
import { resolveOptions } from './options'
import { createSegmentTally } from './segments'
import { createTouchpointTally } from './touchpoint-table'
import { summarizeTouchesToConvert } from './touches-to-convert'
import type { AnalyzeJourneysOptions, JourneyAnalysis } from './types'

/**
 * Rebuilds every customer's journey from delivered wire events and measures it.
 *
 * - Events are deduplicated by `messageId` (delivery is at-least-once); events without a
 *   timestamp, an id, or a touchpoint id on a `touchpoint` event are counted in `input.invalid`.
 * - Anonymous ids are merged into one person through `identify` events, any event carrying both
 *   `userId` and `anonymousId`, and journey tokens (`context.journey.anonymousId`).
 * - A `touchpoint` track event is a touch, placed on `properties.stage` or, failing that, on the
 *   journey's stage for that touchpoint; a `Stage Entered` event (`properties.stage`) proves a
 *   stage was reached; a conversion proves the journey's first during-purchase stage was reached.
 *
 * Pure: no clock, no I/O, same result whatever the order of `events`.
 *
 * @example
 * ```ts
 * const report = analyzeJourneys(events, { journey: presets.purchaseFunnel, costs: { 'facebook-ad': 500 } })
 * report.touchesToConvert.median   // the "rule of seven" figure
 * report.attributionByModel.lastTouch.credits
 * ```
 */
export function analyzeJourneys(input: readonly WireEvent[], options: AnalyzeJourneysOptions = {}): JourneyAnalysis {
  const events = Array.isArray(input) ? input : []
  const settings = resolveOptions(options ?? {}, () => purchaseFunnel)
  const journey = indexJourney(settings.journey)
  const graph = createIdentityGraph()
  const table = readEvents(events, journey, settings.conversionEvent, graph)
  const timelines = buildTimelines(table, graph, events)

  const stageCount = settings.journey.stages.length
  const touchpointCount = table.touchpointIds.length
  const ledger = createAttributionLedger(touchpointCount, settings.halfLifeDays)
  const funnelTally = createFunnelTally(stageCount, touchpointCount)
  const touchpointTally = createTouchpointTally(touchpointCount, stageCount, table.channelIds.length)
  const segmentTally = createSegmentTally()
  const touchesToConvert: number[] = []

  const customers = walkCustomers({
    events, table, timelines, journey,
    lookbackDays: settings.lookbackDays,
    hotLeadTouches: settings.hotLeadTouches,
    funnel: funnelTally,
    touchpoints: touchpointTally,
    ledger,
    segments: segmentTally,
    touchesToConvert,
  })

  const funnel = funnelTally.build(settings.journey)
  const attributionByModel = ledger.results(table.touchpointIds)
  return {
    journey: { id: settings.journey.id, name: settings.journey.name },
    model: settings.attribution,
    input: table.summary,
    customers,
    funnel,
    touchpoints: touchpointTally.build({
      touchpointIds: table.touchpointIds,
      channelIds: table.channelIds,
      journey: settings.journey,
      ledger,
      model: settings.attribution,
      costs: settings.costs,
    }),
    attribution: attributionByModel[settings.attribution],
    attributionByModel,
    touchesToConvert: summarizeTouchesToConvert(touchesToConvert),
    segments: segmentTally.build(settings.hotLeadTouches),
    neglected: {
      noTouchpoints: findStagesWithoutTouchpoints(funnel, settings.journey),
      dropOffs: findDropOffs(funnel, settings.maxDropOffs),
    },
    warnings: settings.warnings,
  }
}
