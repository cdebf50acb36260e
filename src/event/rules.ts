/**
 * The validation rules of the event model, written once as fast hand checks for the hot path.
 * `schemas.ts` states the same rules as zod schemas (the documented contract collectors use);
 * tests prove both agree on a table of cases, down to the path and the wording. A broken rule is
 * thrown as a `RuleFailure`, like the JSON copy's, and caught once by the caller.
 */
import { fail, joinPath } from './sanitize-json'
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

/** Rule broken by a name-like string (event name, ids), or `undefined` when it is fine. */
export function checkName(value: unknown): string | undefined {
  return typeof value !== 'string' ? (value === undefined ? rules.required : rules.string)
    : value === '' ? rules.nonEmpty
    : value.length > maxNameLength ? rules.tooLong
    : undefined
}

/** Throws the `RuleFailure` of `path` when `value` is not a valid name (see {@link checkName}). */
export function needName(value: unknown, path: string): void {
  const rule = checkName(value)
  if (rule) fail(path, rule)
}

/** `true` for a non-null, non-array object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const currencyPattern = /^[A-Z]{3}$/

/** Monetary fields that must be finite numbers on any event, in the order they are checked. */
export const moneyFields = ['revenue', 'value'] as const

/** Throws when `value` is present and not a finite number (`Number.isFinite` never coerces). */
function needFinite(value: unknown, path: string): void {
  if (value !== undefined && !Number.isFinite(value)) fail(path, rules.finite)
}

/** Throws a `RuleFailure` for the first monetary field (`revenue`, `value`) of `properties` that is not a finite number. */
export function checkMoney(properties: JsonObject): void {
  for (const field of moneyFields) needFinite(properties[field], `properties.${field}`)
}

/**
 * Throws a `RuleFailure` for the first broken rule of `touchpoint` event properties (already
 * JSON-sanitized), checked in the order of `touchpointPropertiesSchema`'s keys. Paths start at
 * `properties` (`properties.campaign.source`).
 */
export function checkTouchpointProperties(properties: JsonObject): void {
  const { interaction, campaign, currency } = properties
  needName(properties.touchpoint, 'properties.touchpoint')
  for (const key of ['channel', 'stage']) {
    if (properties[key] !== undefined && typeof properties[key] !== 'string') fail(`properties.${key}`, rules.string)
  }
  if (interaction !== undefined && interaction !== 'direct' && interaction !== 'indirect') fail('properties.interaction', rules.interaction)
  if (campaign !== undefined) {
    if (!isObject(campaign)) fail('properties.campaign', rules.object)
    for (const key of Object.keys(campaign)) if (typeof campaign[key] !== 'string') fail(joinPath('properties.campaign', [key]), rules.string)
  }
  needFinite(properties.value, 'properties.value')
  if (currency !== undefined && (typeof currency !== 'string' || !currencyPattern.test(currency))) fail('properties.currency', rules.currency)
  if (properties.properties !== undefined && !isObject(properties.properties)) fail('properties.properties', rules.object)
}
