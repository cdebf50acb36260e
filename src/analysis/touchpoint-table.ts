/**
 * The per-touchpoint table: reach, touches, conversions it took part in, conversion rate,
 * attributed credit and return on investment.
 */
import type { Journey, TouchpointPlacement } from '../journey/types'
import type { AttributionLedger } from './attribution'
import { compareStrings } from './identity-graph'
import type { AttributionModel, TouchpointStats } from './types'

/** Running counts; build with {@link createTouchpointTally}. Customers must be fed one at a time. */
export interface TouchpointTally {
  /** Starts the next customer. */
  nextCustomer(): void
  /** One touch of the current customer (`stage`/`channel` -1 when none). */
  touch(touchpoint: number, stage: number, channel: number): void
  /** One conversion of the current customer, crediting the touches `from .. to` of `touchpoints`. */
  conversion(touchpoints: Int32Array, from: number, to: number): void
  build(options: TouchpointTableOptions): TouchpointStats[]
}

/** What the table needs besides the counts. */
export interface TouchpointTableOptions {
  readonly touchpointIds: readonly string[]
  readonly channelIds: readonly string[]
  readonly journey: Journey
  readonly ledger: AttributionLedger
  readonly model: AttributionModel
  readonly costs: Readonly<Record<string, number>>
}

/** Creates an empty tally. */
export function createTouchpointTally(touchpointCount: number, stageCount: number, channelCount: number): TouchpointTally {
  const touches = new Int32Array(touchpointCount)
  const customers = new Int32Array(touchpointCount)
  const conversions = new Int32Array(touchpointCount)
  const converted = new Int32Array(touchpointCount)
  // Stamps: the last customer / conversion that counted a touchpoint, so "distinct" needs no Set.
  const customerStamp = new Int32Array(touchpointCount).fill(-1)
  const convertedStamp = new Int32Array(touchpointCount).fill(-1)
  const conversionStamp = new Int32Array(touchpointCount).fill(-1)
  const stageVotes = new Int32Array(touchpointCount * stageCount)
  const channelVotes = new Map<number, number>()
  let customer = -1
  let conversion = -1

  return {
    nextCustomer() {
      customer++
    },
    touch(touchpoint, stage, channel) {
      touches[touchpoint]!++
      if (customerStamp[touchpoint] !== customer) {
        customerStamp[touchpoint] = customer
        customers[touchpoint]!++
      }
      if (stage >= 0) stageVotes[touchpoint * stageCount + stage]!++
      if (channel >= 0) {
        const key = touchpoint * channelCount + channel
        channelVotes.set(key, (channelVotes.get(key) ?? 0) + 1)
      }
    },
    conversion(list, from, to) {
      conversion++
      for (let i = from; i < to; i++) {
        const touchpoint = list[i]!
        if (conversionStamp[touchpoint] === conversion) continue
        conversionStamp[touchpoint] = conversion
        conversions[touchpoint]!++
        if (convertedStamp[touchpoint] !== customer) {
          convertedStamp[touchpoint] = customer
          converted[touchpoint]!++
        }
      }
    },
    build({ touchpointIds, channelIds, journey, ledger, model, costs }) {
      const placements = journey.touchpoints as Readonly<Record<string, TouchpointPlacement | undefined>>
      const topChannel = new Array<number>(touchpointCount).fill(-1)
      const topVotes = new Array<number>(touchpointCount).fill(0)
      for (const [key, votes] of channelVotes) {
        const touchpoint = Math.floor(key / channelCount)
        const channel = key % channelCount
        const best = topChannel[touchpoint]!
        if (votes > topVotes[touchpoint]! || (votes === topVotes[touchpoint] && compareStrings(channelIds[channel]!, channelIds[best]!) < 0)) {
          topChannel[touchpoint] = channel
          topVotes[touchpoint] = votes
        }
      }
      const rows: TouchpointStats[] = []
      for (let t = 0; t < touchpointCount; t++) {
        const id = touchpointIds[t]!
        const placement = Object.hasOwn(placements, id) ? placements[id] : undefined
        const credit = ledger.creditOf(model, t)
        const cost = Object.hasOwn(costs, id) ? costs[id] : undefined
        rows.push({
          touchpoint: id,
          name: placement?.name ?? null,
          stage: placement?.stage ?? mostVotedStage(stageVotes, t, stageCount, journey),
          channel: placement?.channel ?? (topChannel[t]! >= 0 ? channelIds[topChannel[t]!]! : null),
          customers: customers[t]!,
          touches: touches[t]!,
          conversions: conversions[t]!,
          convertedCustomers: converted[t]!,
          conversionRate: customers[t]! > 0 ? converted[t]! / customers[t]! : 0,
          attributedConversions: credit.conversions,
          attributedRevenue: credit.revenue,
          ...(cost === undefined ? {} : { cost, roi: cost > 0 ? (credit.revenue - cost) / cost : null }),
        })
      }
      // A touchpoint paid for but never tracked still belongs in an ROI table: it returned nothing.
      const tracked = new Set(touchpointIds)
      for (const [id, cost] of Object.entries(costs)) {
        if (tracked.has(id)) continue
        const placement = Object.hasOwn(placements, id) ? placements[id] : undefined
        rows.push({
          touchpoint: id, name: placement?.name ?? null, stage: placement?.stage ?? null, channel: placement?.channel ?? null,
          customers: 0, touches: 0, conversions: 0, convertedCustomers: 0, conversionRate: 0,
          attributedConversions: 0, attributedRevenue: 0, cost, roi: cost > 0 ? -1 : null,
        })
      }
      rows.sort((a, b) => b.attributedRevenue - a.attributedRevenue || b.touches - a.touches || compareStrings(a.touchpoint, b.touchpoint))
      return rows
    },
  }
}

/** Stage a touchpoint was tracked with most (earlier stage on a tie), or null. */
function mostVotedStage(votes: Int32Array, touchpoint: number, stageCount: number, journey: Journey): string | null {
  let best = -1
  for (let s = 0; s < stageCount; s++) {
    if (votes[touchpoint * stageCount + s]! > (best < 0 ? 0 : votes[touchpoint * stageCount + best]!)) best = s
  }
  return best < 0 ? null : journey.stages[best]!.id
}
