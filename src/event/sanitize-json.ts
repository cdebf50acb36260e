/**
 * Turns whatever the host passed as properties into a JSON-safe copy, or names the first field
 * that cannot go on the wire. It runs on every tracked event, so it walks the value once, builds
 * path strings only when something is wrong, and never lets a hostile value (throwing getter,
 * Proxy, cycle) escape as anything but a {@link RuleFailure}.
 *
 * Failures are thrown as `RuleFailure` and caught once, at the boundary of the caller (the event
 * builder's entry points, `sanitizeJson`): one way to report a broken rule, shared with `rules.ts`,
 * and no result object to test and pass up at every level.
 *
 * Decisions (documented in docs/event-model.md):
 * - plain objects (prototype `Object.prototype` or `null`) and arrays are copied;
 * - `Date` becomes its ISO string (what `JSON.stringify` does); an invalid Date is rejected;
 * - any other object (Map, Set, class instance, typed array, boxed primitive) is rejected rather
 *   than silently flattened to `{}`, which would lose data without telling anyone;
 * - `undefined` object values are dropped like `JSON.stringify` does; `undefined` (or a hole) in an
 *   array is rejected, because JSON would turn it into `null` and shift meaning;
 * - keys `__proto__`, `constructor`, `prototype` are dropped, never assigned, so a parsed
 *   `{"__proto__": …}` cannot reach an object prototype downstream;
 * - symbol keys and non-enumerable properties are ignored, like `JSON.stringify`.
 */
import type { JsonValue } from './types'

/** Options of {@link sanitizeJson}. */
export interface SanitizeOptions {
  /**
   * Deepest nesting accepted: the value itself is level 1, each object or array inside adds one.
   * @default 10
   */
  maxDepth?: number
  /**
   * Path of the value in the event, prefixed to every reported path.
   * @default 'properties'
   */
  path?: string
}

/** A JSON-safe copy, or where and why the value cannot be sent. */
export type SanitizeResult = { readonly ok: true; readonly value: JsonValue } | { readonly ok: false; readonly path: string; readonly rule: string }

/** Ids found at the top level of an object copied with `ids` (not yet validated). */
export interface LiftedIds {
  userId?: unknown
  anonymousId?: unknown
}

/** Default of {@link SanitizeOptions.maxDepth}. */
export const defaultMaxDepth = 10

/** A broken rule: the field's path in the event and the rule, worded to follow the path. */
export class RuleFailure {
  // Assigned, not declared as fields: field declarations cost ES2020 bundles a helper call each.
  declare readonly path: string
  declare readonly rule: string
  constructor(path: string, rule: string) {
    this.path = path
    this.rule = rule
  }
}

/** Throws the {@link RuleFailure} of `path` and `rule`. */
export function fail(path: string, rule: string): never {
  throw new RuleFailure(path, rule)
}

/** Keys that could reach an object prototype if assigned: never copied from host input. */
export function isDangerousKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype'
}

const identifier = /^[A-Za-z_$][\w$]*$/

/** `properties.items[0]["a b"]` from a base path and the keys walked. */
export function joinPath(base: string, segments: readonly (string | number)[]): string {
  let path = base
  for (const segment of segments) {
    path +=
      typeof segment === 'number' ? `[${segment}]`
      : identifier.test(segment) ? (path === '' ? segment : `.${segment}`)
      : `[${JSON.stringify(segment)}]`
  }
  return path
}

/** `keys` = the base path, then the keys walked from the root to the current node. */
type Keys = [string, ...(string | number)[]]

function failAt(keys: Keys, rule: string): never {
  fail(joinPath(keys[0], keys.slice(1)), rule)
}

const unreadable = 'could not be read (a getter or Proxy threw)'

/** Copies one value: see {@link createJsonCopier}. */
export type JsonCopier = (value: unknown, base: string, maxDepth?: number, ids?: LiftedIds) => JsonValue

/**
 * A copier of JSON values: each call makes a JSON-safe deep copy of `value`, or throws the
 * {@link RuleFailure} naming the first field that is not JSON, with `base` as the start of its
 * path. A getter or Proxy trap that throws becomes a `RuleFailure` of the field being read. With
 * `ids`, top-level `userId` and `anonymousId` are left out of the copy and put there instead (the
 * server convention of ids among the properties), read once like every other value.
 *
 * Each copier keeps the path and ancestor arrays of its last walk that ended well (every push was
 * popped) and takes them for the next: fresh arrays and their growth on every call were half the
 * garbage a browser `track` made. One copier per event builder, not one per module: a walk that
 * re-enters (a getter tracking another event) finds none and makes its own.
 * `maxDepth` @default 10
 */
export function createJsonCopier(): JsonCopier {
  let spare: { keys: Keys; seen: object[] } | undefined
  return (value, base, maxDepth = defaultMaxDepth, ids) => {
    const state = spare ?? { keys: [base] as Keys, seen: [] as object[] }
    spare = undefined
    const { keys, seen } = state
    keys[0] = base
    try {
      const copy = walk(value, keys, seen, maxDepth, ids)
      spare = state
      return copy
    } catch (error) {
      // `keys` still leads to the node being read when a getter or trap threw. The state is left
      // behind: it still holds the host's objects.
      throw error instanceof RuleFailure ? error : new RuleFailure(joinPath(base, keys.slice(1)), unreadable)
    }
  }
}

function walk(value: unknown, keys: Keys, seen: object[], maxDepth: number, ids: LiftedIds | undefined): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value : failAt(keys, 'must be a finite number')
    case 'undefined':
      return failAt(keys, 'must not be undefined')
    case 'object':
      if (value === null) return null
      break
    case 'bigint':
      return failAt(keys, 'must be a JSON value (got a BigInt)')
    case 'symbol':
      return failAt(keys, 'must be a JSON value (got a Symbol)')
    case 'function':
      return failAt(keys, 'must be a JSON value (got a function)')
  }
  if (keys.length > maxDepth) failAt(keys, `must not nest deeper than ${maxDepth} levels`)
  if (seen.includes(value)) failAt(keys, 'must not be a circular reference')
  if (Array.isArray(value)) {
    seen.push(value)
    const copy: JsonValue[] = []
    // The length read once: a Proxy or getter that grows the array as it is read must not keep the walk going.
    for (let i = 0, n = value.length; i < n; i++) {
      keys.push(i)
      const item: unknown = value[i]
      if (item === undefined) failAt(keys, 'must not be undefined (JSON arrays have no holes)')
      copy.push(walk(item, keys, seen, maxDepth, undefined))
      keys.pop()
    }
    seen.pop()
    return copy
  }
  const proto = Object.getPrototypeOf(value)
  // A plain object's prototype is `Object.prototype` (of any realm: iframes) or `null`.
  if (proto !== Object.prototype && proto !== null && Object.getPrototypeOf(proto) !== null) {
    if (!(value instanceof Date)) failAt(keys, `must be a plain object or array (got ${kindOf(value)})`)
    return Number.isFinite(value.getTime()) ? value.toISOString() : failAt(keys, 'must be a valid date')
  }
  seen.push(value)
  const copy: { [key: string]: JsonValue } = {}
  for (const key of Object.keys(value)) {
    if (isDangerousKey(key)) continue
    keys.push(key)
    const item: unknown = (value as Record<string, unknown>)[key]
    if (ids && (key === 'userId' || key === 'anonymousId')) {
      if (item !== undefined) ids[key] = item
    } else if (item !== undefined) {
      // Strings are most values: copy them without a call.
      copy[key] = typeof item === 'string' ? item : walk(item, keys, seen, maxDepth, undefined)
    }
    keys.pop()
  }
  seen.pop()
  return copy
}

function kindOf(value: object): string {
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name
  return typeof name === 'string' && name !== '' ? name : 'object'
}

/**
 * A JSON-safe deep copy of `value`, or the path and rule of the first field that is not JSON.
 * Never throws: a getter or Proxy trap that throws is reported as a rejected field.
 */
export function sanitizeJson(value: unknown, options: SanitizeOptions = {}): SanitizeResult {
  try {
    return { ok: true, value: createJsonCopier()(value, options.path ?? 'properties', options.maxDepth) }
  } catch (error) {
    const { path, rule } = error as RuleFailure
    return { ok: false, path, rule }
  }
}
