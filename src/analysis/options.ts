/**
 * Fills in the defaults of `analyzeJourneys` options and replaces out-of-range values, with a
 * warning naming the field and the rule rather than an exception.
 */
import type { Journey } from '../journey/types'
import type { AnalyzeJourneysOptions, AttributionModel } from './types'

/** Every attribution model, in the order reports list them. */
export const ATTRIBUTION_MODELS: readonly AttributionModel[] = ['firstTouch', 'lastTouch', 'linear', 'timeDecay', 'positionBased']

/** Options with every default applied. */
export interface ResolvedOptions {
  readonly journey: Journey
  readonly conversionEvent: string
  readonly attribution: AttributionModel
  readonly halfLifeDays: number
  readonly lookbackDays: number
  readonly costs: Readonly<Record<string, number>>
  readonly hotLeadTouches: number
  readonly maxDropOffs: number
  readonly warnings: string[]
}

const positive = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0
const span = (value: unknown): value is number => typeof value === 'number' && value > 0
const count = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0

/**
 * Applies defaults. `defaultJourney` is passed in (not imported here) so the preset is only built
 * when the caller did not give a journey.
 */
export function resolveOptions(options: AnalyzeJourneysOptions, defaultJourney: () => Journey): ResolvedOptions {
  const warnings: string[] = []
  const pick = <T>(field: string, value: unknown, valid: (v: unknown) => v is T, rule: string, fallback: T): T => {
    if (value === undefined) return fallback
    if (valid(value)) return value
    warnings.push(`analyzeJourneys: options.${field} must be ${rule}; using ${JSON.stringify(fallback)}`)
    return fallback
  }
  const isModel = (v: unknown): v is AttributionModel => ATTRIBUTION_MODELS.includes(v as AttributionModel)
  const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0
  const isJourney = (v: unknown): v is Journey =>
    typeof v === 'object' && v !== null && Array.isArray((v as Journey).stages) && typeof (v as Journey).touchpoints === 'object'
  const costs: Record<string, number> = {}
  for (const [id, cost] of Object.entries(options.costs ?? {})) {
    if (typeof cost === 'number' && Number.isFinite(cost) && cost >= 0) costs[id] = cost
    else warnings.push(`analyzeJourneys: options.costs.${id} must be a finite number >= 0; ignored`)
  }
  return {
    journey: options.journey !== undefined && isJourney(options.journey) ? options.journey : pickJourney(options.journey, defaultJourney, warnings),
    conversionEvent: pick('conversionEvent', options.conversionEvent, isName, 'a non-empty string', 'Order Completed'),
    attribution: pick('attribution', options.attribution, isModel, `one of ${ATTRIBUTION_MODELS.join(', ')}`, 'positionBased'),
    halfLifeDays: pick('halfLifeDays', options.halfLifeDays, positive, 'a finite number > 0', 7),
    lookbackDays: pick('lookbackDays', options.lookbackDays, span, 'a number > 0 (Infinity for no window)', 90),
    costs,
    hotLeadTouches: pick('hotLeadTouches', options.hotLeadTouches, count, 'an integer >= 0', 7),
    maxDropOffs: pick('maxDropOffs', options.maxDropOffs, count, 'an integer >= 0', 3),
    warnings,
  }
}

function pickJourney(given: unknown, defaultJourney: () => Journey, warnings: string[]): Journey {
  if (given !== undefined) warnings.push('analyzeJourneys: options.journey must be a journey with stages and touchpoints; using the default')
  return defaultJourney()
}
