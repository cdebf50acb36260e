/**
 * Customer segments: cold, warm and hot leads (no purchase yet) and new and returning customers.
 * Each group needs its own journey map; a cold lead needs more touches than a returning customer.
 */
import type { Phase } from '../event/types'
import type { Segment, SegmentSummary } from './types'

/** The rules, in the words reports show. Checked top to bottom: the first that matches wins. */
export const SEGMENT_RULES: Readonly<Record<Segment, string>> = {
  returning: 'two or more conversions',
  new: 'exactly one conversion, or none recorded but an after-purchase stage reached (an invoice, a support chat)',
  hot: 'no purchase yet, but a during-purchase stage reached (cart, checkout, sales talk) or at least hotLeadTouches touches (rule of seven)',
  warm: 'no purchase yet, furthest stage a before-purchase stage past the first (e.g. consideration)',
  cold: 'no purchase yet, only first-stage touches (e.g. awareness) or touches on no stage',
}

/** Segment order in reports: leads from cold to hot, then customers. */
export const SEGMENTS: readonly Segment[] = ['cold', 'warm', 'hot', 'new', 'returning']

/** What classification needs to know about one customer. */
export interface SegmentInput {
  readonly conversions: number
  readonly touches: number
  /** Position of the furthest stage reached, -1 for none. */
  readonly furthestStage: number
  /** Phase of that stage, undefined for none. */
  readonly furthestPhase: Phase | undefined
}

/** Applies {@link SEGMENT_RULES}. */
export function classifyCustomer(customer: SegmentInput, hotLeadTouches: number): Segment {
  if (customer.conversions >= 2) return 'returning'
  if (customer.conversions === 1 || customer.furthestPhase === 'after') return 'new'
  if (customer.furthestPhase === 'during' || customer.touches >= hotLeadTouches) return 'hot'
  if (customer.furthestStage > 0) return 'warm'
  return 'cold'
}

/** Running counts per segment; build with {@link createSegmentTally}. */
export interface SegmentTally {
  add(segment: Segment, touches: number): void
  build(hotLeadTouches: number): Record<Segment, SegmentSummary>
}

/** Creates an empty segment tally. */
export function createSegmentTally(): SegmentTally {
  const customers: Record<Segment, number> = { cold: 0, warm: 0, hot: 0, new: 0, returning: 0 }
  const touches: Record<Segment, number> = { cold: 0, warm: 0, hot: 0, new: 0, returning: 0 }
  return {
    add(segment, count) {
      customers[segment]++
      touches[segment] += count
    },
    build(hotLeadTouches) {
      const total = SEGMENTS.reduce((sum, segment) => sum + customers[segment], 0)
      const summary = {} as Record<Segment, SegmentSummary>
      for (const segment of SEGMENTS) {
        const size = customers[segment]
        summary[segment] = {
          customers: size,
          share: total > 0 ? size / total : 0,
          averageTouches: size > 0 ? touches[segment] / size : null,
          rule: SEGMENT_RULES[segment].replace('hotLeadTouches', String(hotLeadTouches)),
        }
      }
      return summary
    },
  }
}
