/**
 * Public types of `analyzeJourneys`: its options and the journey map it returns.
 */
import type { Phase } from '../event/types'
import type { Journey } from '../journey/types'

/**
 * How a conversion's credit is shared among the touches before it (each conversion's credit sums to 1).
 * - `firstTouch`: all of it to the earliest touch in the lookback window.
 * - `lastTouch`: all of it to the latest touch.
 * - `linear`: equal shares.
 * - `timeDecay`: shares halve every `halfLifeDays` going back from the conversion.
 * - `positionBased`: 40 % first, 40 % last, 20 % split over the touches between
 *   (one touch gets 100 %, two get 50 % each).
 */
export type AttributionModel = 'firstTouch' | 'lastTouch' | 'linear' | 'timeDecay' | 'positionBased'

/** Customer groups; the rules are in {@link SEGMENT_RULES} and docs/analysis.md. */
export type Segment = 'cold' | 'warm' | 'hot' | 'new' | 'returning'

/** Options of `analyzeJourneys`. */
export interface AnalyzeJourneysOptions {
  /**
   * Journey the touches are placed on: a preset (`presets.purchaseFunnel`, …) or `defineJourney(...)`.
   * @default presets.purchaseFunnel
   */
  journey?: Journey
  /**
   * Name of the `track` event that counts as a conversion (a purchase). Revenue is read from
   * `properties.revenue`, falling back to `properties.value`.
   * @default 'Order Completed'
   */
  conversionEvent?: string
  /**
   * Model behind `attribution` and the attributed figures of `touchpoints`. Position-based is the
   * default because it credits both the touch that introduced the brand and the one that closed
   * the sale, which is what a touchpoint map is for; every model is in `attributionByModel`.
   * @default 'positionBased'
   */
  attribution?: AttributionModel
  /**
   * Half-life of the `timeDecay` model in days: a touch this long before the conversion weighs half
   * as much as one at the conversion.
   * @default 7
   */
  halfLifeDays?: number
  /**
   * Only touches at most this many days before a conversion share its credit (GA4's default window).
   * `touchesToConvert` is not limited by it.
   * @default 90
   */
  lookbackDays?: number
  /**
   * Cost per touchpoint id over the analysed period, in the revenue's currency; gives
   * `touchpoints[i].roi = (attributedRevenue - cost) / cost`.
   * @default {}
   */
  costs?: Readonly<Record<string, number>>
  /**
   * A lead with at least this many touches is hot even before reaching a purchase stage
   * (the "rule of seven").
   * @default 7
   */
  hotLeadTouches?: number
  /**
   * How many stages with the largest drop-offs `neglected.dropOffs` lists.
   * @default 3
   */
  maxDropOffs?: number
}

/** One touch on a customer's timeline. */
export interface CustomerTouch {
  readonly touchpoint: string
  /** Stage the touch was placed on, or null for an unknown touchpoint tracked without a stage. */
  readonly stage: string | null
  readonly channel: string | null
  /** ISO-8601, as received. */
  readonly timestamp: string
  readonly messageId: string
}

/** One conversion on a customer's timeline. */
export interface CustomerConversion {
  readonly timestamp: string
  readonly messageId: string
  readonly revenue: number
  /** Touches in its lookback window, the ones sharing its credit. */
  readonly attributedTouches: number
}

/** One person's journey, all their anonymous ids merged. */
export interface CustomerJourney {
  /** The smallest of their user ids, or of their anonymous ids when they never identified. */
  readonly id: string
  readonly userIds: readonly string[]
  readonly anonymousIds: readonly string[]
  /** Touches in time order (ties broken by messageId). */
  readonly touches: readonly CustomerTouch[]
  readonly conversions: readonly CustomerConversion[]
  /** Furthest stage with evidence (a touch, `Stage Entered`, or a conversion), or null. */
  readonly furthestStage: string | null
  readonly revenue: number
  readonly segment: Segment
  /** Time of their first timeline event (touch, conversion or stage entry); pages and identifies do not count. */
  readonly firstSeen: string
  /** Time of their last timeline event. */
  readonly lastSeen: string
}

/** One stage of the funnel. */
export interface FunnelStage {
  readonly stage: string
  readonly name: string
  readonly phase: Phase
  /** Customers whose furthest stage is this one or a later one. */
  readonly customers: number
  /** `customers` over the previous stage's; null for the first stage (or after an empty stage). */
  readonly shareOfPrevious: number | null
  /** `customers` over the first stage's; null when the first stage is empty. */
  readonly shareOfFirst: number | null
  /** Customers who reached this stage but not the next (0 for the last stage). */
  readonly stalled: number
  /** Touches placed on this stage. */
  readonly touches: number
  /** Distinct touchpoints seen on this stage. */
  readonly touchpoints: number
}

/** Credit one touchpoint earned under one model. */
export interface AttributionCredit {
  readonly touchpoint: string
  /** Conversions credited (fractions add up). */
  readonly conversions: number
  readonly revenue: number
  /** Share of all conversions, 0 to 1. */
  readonly share: number
}

/** Credit of every touchpoint under one model. */
export interface AttributionResult {
  readonly model: AttributionModel
  readonly conversions: number
  readonly revenue: number
  /** Highest credited revenue first, then conversions, then id. */
  readonly credits: readonly AttributionCredit[]
  /** Conversions with no touch in their lookback window: credited to no touchpoint. */
  readonly unattributed: { readonly conversions: number; readonly revenue: number }
}

/** Per-touchpoint figures. */
export interface TouchpointStats {
  readonly touchpoint: string
  readonly name: string | null
  /** The journey's stage for it, else the stage it was tracked with most. */
  readonly stage: string | null
  /** The journey's channel for it, else the channel it was tracked with most. */
  readonly channel: string | null
  readonly customers: number
  readonly touches: number
  /** Conversions it took part in (it was in their lookback window). */
  readonly conversions: number
  /** Customers it reached who later converted with it in the window. */
  readonly convertedCustomers: number
  /** `convertedCustomers / customers`. */
  readonly conversionRate: number
  /** Credit under the chosen model. */
  readonly attributedConversions: number
  readonly attributedRevenue: number
  /** Present when `options.costs` has it. */
  readonly cost?: number
  /** `(attributedRevenue - cost) / cost`; null when the cost is 0. Present when `cost` is. */
  readonly roi?: number | null
}

/** Touches before a customer's first conversion (the "rule of seven" figure). */
export interface TouchesToConvert {
  /** Converting customers measured. */
  readonly customers: number
  /** null when nobody converted. */
  readonly median: number | null
  /** Nearest-rank 90th percentile; null when nobody converted. */
  readonly p90: number | null
  readonly mean: number | null
  /** Customers per exact touch count, ascending, counts with no customer left out. */
  readonly histogram: readonly { readonly touches: number; readonly customers: number }[]
}

/** One segment's size. */
export interface SegmentSummary {
  readonly customers: number
  /** Share of all customers, 0 to 1. */
  readonly share: number
  /** Mean touches per customer in the segment; null when empty. */
  readonly averageTouches: number | null
  /** The rule, in words. */
  readonly rule: string
}

/** A stage with no touchpoint recorded on it. */
export interface StageWithoutTouchpoints {
  readonly stage: string
  readonly phase: Phase
  /** Whether the journey itself places no touchpoint there. */
  readonly placedByJourney: boolean
  readonly reason: string
}

/** A stage where customers stall before the next. */
export interface StageDropOff {
  /** The stage they reached and stalled at. */
  readonly stage: string
  readonly nextStage: string
  readonly reached: number
  readonly stalled: number
  /** `stalled / reached`. */
  readonly dropRate: number
  readonly reason: string
}

/** Counts of the input. */
export interface InputSummary {
  readonly received: number
  /** Copies of an already-seen messageId (at-least-once redelivery), skipped. */
  readonly duplicates: number
  /** Events with an unreadable timestamp, a touchpoint event without `properties.touchpoint`, or no id. */
  readonly invalid: number
}

/** What `analyzeJourneys` returns. */
export interface JourneyAnalysis {
  readonly journey: { readonly id: string; readonly name: string }
  readonly model: AttributionModel
  readonly input: InputSummary
  /** Sorted by id. */
  readonly customers: readonly CustomerJourney[]
  readonly funnel: readonly FunnelStage[]
  /** Highest attributed revenue first, then touches, then id. */
  readonly touchpoints: readonly TouchpointStats[]
  /** The chosen model's credit, same object as `attributionByModel[model]`. */
  readonly attribution: AttributionResult
  readonly attributionByModel: Readonly<Record<AttributionModel, AttributionResult>>
  readonly touchesToConvert: TouchesToConvert
  readonly segments: Readonly<Record<Segment, SegmentSummary>>
  readonly neglected: {
    readonly noTouchpoints: readonly StageWithoutTouchpoints[]
    readonly dropOffs: readonly StageDropOff[]
  }
  /** Options that were out of range and replaced by their default, naming the field and the rule. */
  readonly warnings: readonly string[]
}
