import { isObject } from '../event/rules'
import type { Interaction, Phase } from '../event/types'
import type { Journey, StageDefinition, TouchpointPlacement } from './types'

/** A stage as given to `defineJourney`. */
export interface StageInput<S extends string = string> {
  /** Stage id, unique within the journey. Short lowercase ids read best (`trial`, `renewal`). */
  readonly id: S
  /**
   * Human name for reports.
   * @default the stage id
   */
  readonly name?: string
  /** Before, during or after purchase. */
  readonly phase: Phase
  /** What happens in this stage. */
  readonly description?: string
}

/** A touchpoint placement as given to `defineJourney`: a placement, or just its stage id. */
export type PlacementInput<S extends string = string> = S | TouchpointPlacement<S>

/** What `defineJourney` takes. */
export interface JourneyDefinition<S extends string = string, T extends string = string> {
  /**
   * Journey id, e.g. for reports.
   * @default 'custom'
   */
  readonly id?: string
  /**
   * Human name for reports.
   * @default the journey id
   */
  readonly name?: string
  /** Stages in journey order; at least one. */
  readonly stages: readonly StageInput<S>[]
  /**
   * Touchpoints this journey places, by id, each on one of `stages`.
   * @default {} (touches then keep the stage they are tracked with)
   */
  readonly touchpoints?: { readonly [K in T]: PlacementInput<NoInfer<S>> }
}

const phases: readonly string[] = ['before', 'during', 'after']
const interactions: readonly string[] = ['direct', 'indirect']

/**
 * Defines a custom journey. TypeScript infers the stage and touchpoint ids as literal unions,
 * so a tracker given the journey autocompletes them, and placing a touchpoint on a stage the
 * journey does not have is a compile error.
 *
 * Unlike the tracking calls, which never throw, `defineJourney` is developer configuration run
 * once at start-up: a definition that is wrong (no stages, a duplicate stage id, an unknown phase,
 * a touchpoint placed on an unknown stage) throws a `TypeError` naming the field and the rule, so
 * the mistake shows up at once instead of as silently mis-staged data.
 *
 * @example
 * ```ts
 * const saas = defineJourney({
 *   id: 'saas',
 *   stages: [
 *     { id: 'visit', phase: 'before' },
 *     { id: 'trial', phase: 'during' },
 *     { id: 'paid', phase: 'after' },
 *   ],
 *   touchpoints: { 'pricing-page': 'visit', 'trial-signup': { stage: 'trial', channel: 'web' } },
 * })
 * // typeof saas: Journey<'visit' | 'trial' | 'paid', 'pricing-page' | 'trial-signup'>
 * ```
 * @throws TypeError when the definition breaks a rule above.
 */
export function defineJourney<const S extends string, const T extends string = never>(definition: JourneyDefinition<S, T>): Journey<S, T> {
  if (!isObject(definition)) fail('definition must be an object')
  const id = optionalString(definition.id, 'id') ?? 'custom'
  const name = optionalString(definition.name, 'name') ?? id
  const stages = checkStages<S>(definition.stages)
  const touchpoints = checkTouchpoints(definition.touchpoints, new Set(stages.map((stage) => stage.id)))
  return Object.freeze({ id, name, stages, touchpoints: touchpoints as Journey<S, T>['touchpoints'] })
}

function checkStages<S extends string>(input: unknown): readonly StageDefinition<S>[] {
  if (!Array.isArray(input) || input.length === 0) fail('stages must be a non-empty array')
  const seen = new Set<string>()
  const stages = input.map((stage: unknown, index) => {
    const field = `stages[${index}]`
    if (!isObject(stage)) fail(`${field} must be an object`)
    const id = requiredString(stage.id, `${field}.id`)
    if (seen.has(id)) fail(`${field}.id "${id}" is a duplicate; stage ids must be unique`)
    seen.add(id)
    if (!phases.includes(stage.phase as string)) fail(`${field}.phase must be one of ${phases.join(', ')}`)
    const name = optionalString(stage.name, `${field}.name`) ?? id
    const description = optionalString(stage.description, `${field}.description`)
    const definition: StageDefinition = { id, name, phase: stage.phase as Phase, ...(description === undefined ? {} : { description }) }
    return Object.freeze(definition) as StageDefinition<S>
  })
  return Object.freeze(stages)
}

function checkTouchpoints(input: unknown, stageIds: ReadonlySet<string>): Readonly<Record<string, TouchpointPlacement>> {
  // No prototype: a lookup of `constructor` or `__proto__` must not find anything.
  const touchpoints: Record<string, TouchpointPlacement> = Object.create(null)
  if (input === undefined) return Object.freeze(touchpoints)
  if (!isObject(input)) fail('touchpoints must be an object keyed by touchpoint id')
  for (const [touchpointId, value] of Object.entries(input)) {
    const field = `touchpoints["${touchpointId}"]`
    if (touchpointId === '') fail('touchpoints: a touchpoint id must be a non-empty string')
    const placement = typeof value === 'string' ? { stage: value } : value
    if (!isObject(placement)) fail(`${field} must be a stage id or an object with a stage`)
    const stage = requiredString(placement.stage, `${field}.stage`)
    if (!stageIds.has(stage)) fail(`${field}.stage "${stage}" is not a stage of this journey (${[...stageIds].join(', ')})`)
    if (placement.interaction !== undefined && !interactions.includes(placement.interaction as string)) {
      fail(`${field}.interaction must be one of ${interactions.join(', ')}`)
    }
    const result: { -readonly [K in keyof TouchpointPlacement]: TouchpointPlacement[K] } = { stage }
    const name = optionalString(placement.name, `${field}.name`)
    const channel = optionalString(placement.channel, `${field}.channel`)
    if (name !== undefined) result.name = name
    if (channel !== undefined) result.channel = channel
    if (placement.interaction !== undefined) result.interaction = placement.interaction as Interaction
    touchpoints[touchpointId] = Object.freeze(result)
  }
  return Object.freeze(touchpoints)
}

function requiredString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') fail(`${field} must be a non-empty string`)
  return value
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined
  return requiredString(value, field)
}

function fail(rule: string): never {
  throw new TypeError(`defineJourney: ${rule}`)
}
