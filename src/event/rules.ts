/**
 * The validation rules of the event model, written once as fast hand checks for the hot path.
 * `schemas.ts` states the same rules as zod schemas (the documented contract collectors use);
 * tests prove both agree on a table of cases, down to the path and the wording.
 */
import { joinPath } from './sanitize-json'
import type { JsonObject } from './types'

/** Longest event name, touchpoint id, `userId` or `anonymousId`, in characters. */
export const maxNameLength = 200

/** Rule wordings, shared by the hand checks and the zod schemas so both report the same text. */
export const rules = {
  required: 'is required',
  string: 'must be a string',
  nonEmpty: 'must be a non-empty string',
  tooLong: `must be at most ${maxNameLength} characters`,
  finite: 'must be a finite number',
  object: 'must be an object',
  interaction: 'must be "direct" or "indirect"',
  currency: 'must be a three-letter uppercase ISO 4217 code',
} as const

/** A failed rule: where (relative to the checked value) and which. */
export interface RuleFailure {
  readonly path: string
  readonly rule: string
}

/** Rule broken by a name-like string (event name, ids), or `undefined` when it is fine. */
export function checkName(value: unknown): string | undefined {
  if (typeof value !== 'string') return value === undefined ? rules.required : rules.string
  if (value.length === 0) return rules.nonEmpty
  if (value.length > maxNameLength) return rules.tooLong
  return undefined
}

/** `true` for a non-null, non-array object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const currencyPattern = /^[A-Z]{3}$/

function at(path: string, rule: string): RuleFailure {
  return { path, rule }
}

/**
 * The first broken rule of `touchpoint` event properties (already JSON-sanitized), checked in the
 * order of `touchpointPropertiesSchema`'s keys, or `undefined` when they are valid.
 * Paths are relative to the properties object (`campaign.source`).
 */
export function checkTouchpointProperties(properties: JsonObject): RuleFailure | undefined {
  const touchpoint = checkName(properties.touchpoint)
  if (touchpoint) return at('touchpoint', touchpoint)
  const { channel, stage, interaction, campaign, value, currency } = properties
  if (channel !== undefined && typeof channel !== 'string') return at('channel', rules.string)
  if (stage !== undefined && typeof stage !== 'string') return at('stage', rules.string)
  if (interaction !== undefined && interaction !== 'direct' && interaction !== 'indirect') {
    return at('interaction', rules.interaction)
  }
  if (campaign !== undefined) {
    if (!isObject(campaign)) return at('campaign', rules.object)
    for (const key of Object.keys(campaign)) {
      if (typeof campaign[key] !== 'string') return at(joinPath('campaign', [key]), rules.string)
    }
  }
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) return at('value', rules.finite)
  if (currency !== undefined && (typeof currency !== 'string' || !currencyPattern.test(currency))) {
    return at('currency', rules.currency)
  }
  if (properties.properties !== undefined && !isObject(properties.properties)) return at('properties', rules.object)
  return undefined
}

/** Monetary fields that must be finite numbers on any event, in the order they are checked. */
export const moneyFields = ['revenue', 'value'] as const

/** The first monetary field (`revenue`, `value`) of any event's properties that is not a finite number. */
export function checkMoney(properties: JsonObject): RuleFailure | undefined {
  for (const field of moneyFields) {
    const value = properties[field]
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) return at(field, rules.finite)
  }
  return undefined
}
