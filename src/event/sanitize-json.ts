/**
 * Turns whatever the host passed as properties into a JSON-safe copy, or names the first field
 * that cannot go on the wire. It runs on every tracked event, so it walks the value once, builds
 * path strings only when something is wrong, and never lets a hostile value (throwing getter,
 * Proxy, cycle) escape as an exception.
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
export type SanitizeResult =
  | {
      readonly ok: true
      readonly value: JsonValue
      /** Top-level `userId` / `anonymousId` taken out of the copy (`liftIds`), when there were any. */
      readonly ids?: LiftedIds
    }
  | { readonly ok: false; readonly path: string; readonly rule: string }

/** Ids found at the top level of an object sanitized with `liftIds`, exactly as read (not yet validated). */
export interface LiftedIds {
  userId?: unknown
  anonymousId?: unknown
}

/** Default of {@link SanitizeOptions.maxDepth}. */
export const defaultMaxDepth = 10

/** Keys that could reach an object prototype if assigned: never copied from host input. */
export function isDangerousKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype'
}

const identifier = /^[A-Za-z_$][\w$]*$/

/** `properties.items[0]["a b"]` from a base path and the keys walked. */
export function joinPath(base: string, segments: readonly (string | number)[]): string {
  let path = base
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`
    else if (identifier.test(segment)) path += path === '' ? segment : `.${segment}`
    else path += `[${JSON.stringify(segment)}]`
  }
  return path
}

/** Walk state, one per call: the keys to the current node and the objects above it. */
interface Walk {
  readonly maxDepth: number
  readonly keys: (string | number)[]
  readonly ancestors: object[]
  rule: string
  /** How many entries of `keys` lead to the failing node (or to the node being read). */
  failDepth: number
  /** Take top-level `userId` / `anonymousId` out of the copy, into `ids`. */
  liftIds: boolean
  ids: LiftedIds | undefined
}

/** Returned by `walk` when the value was rejected; `Walk.rule` says why. */
const rejected: unique symbol = Symbol('rejected') as never

function fail(walk: Walk, depth: number, rule: string): typeof rejected {
  walk.rule = rule
  walk.failDepth = depth
  return rejected
}

function kindOf(value: object): string {
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name
  return typeof name === 'string' && name !== '' ? name : 'object'
}

/** `depth` = number of keys from the root to `value`. Returns the copy or `rejected`. */
function walk(state: Walk, value: unknown, depth: number): JsonValue | typeof rejected {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value : fail(state, depth, 'must be a finite number')
    case 'undefined':
      return fail(state, depth, 'must not be undefined')
    case 'bigint':
      return fail(state, depth, 'must be a JSON value (got a BigInt)')
    case 'symbol':
      return fail(state, depth, 'must be a JSON value (got a Symbol)')
    case 'function':
      return fail(state, depth, 'must be a JSON value (got a function)')
  }
  if (value === null) return null
  const object = value as object
  if (depth >= state.maxDepth) return fail(state, depth, `must not nest deeper than ${state.maxDepth} levels`)
  const { ancestors, keys } = state
  for (let i = 0; i < depth; i++) {
    if (ancestors[i] === object) return fail(state, depth, 'must not be a circular reference')
  }
  ancestors[depth] = object
  // Where a throwing trap (getPrototypeOf, ownKeys, get) would point if it fires from here on.
  state.failDepth = depth
  if (Array.isArray(object)) {
    const length = object.length
    const copy: JsonValue[] = new Array(length)
    for (let i = 0; i < length; i++) {
      keys[depth] = i
      state.failDepth = depth + 1
      const item = object[i]
      if (item === undefined) return fail(state, depth + 1, 'must not be undefined (JSON arrays have no holes)')
      const result = walk(state, item, depth + 1)
      if (result === rejected) return result
      copy[i] = result
    }
    return copy
  }
  const proto = Object.getPrototypeOf(object)
  // A plain object's prototype is `Object.prototype` (of any realm: iframes) or `null`.
  if (proto !== Object.prototype && proto !== null && Object.getPrototypeOf(proto) !== null) {
    if (object instanceof Date) {
      const time = object.getTime()
      return Number.isFinite(time) ? object.toISOString() : fail(state, depth, 'must be a valid date')
    }
    return fail(state, depth, `must be a plain object or array (got ${kindOf(object)})`)
  }
  const copy: { [key: string]: JsonValue } = {}
  for (const key of Object.keys(object)) {
    if (isDangerousKey(key)) continue
    keys[depth] = key
    state.failDepth = depth + 1
    const item = (object as Record<string, unknown>)[key]
    if (depth === 0 && state.liftIds && (key === 'userId' || key === 'anonymousId')) {
      if (item !== undefined) (state.ids ??= {})[key] = item
      continue
    }
    // Strings are most values: copy them without a call.
    if (typeof item === 'string') {
      copy[key] = item
      continue
    }
    if (item === undefined) continue
    const result = walk(state, item, depth + 1)
    if (result === rejected) return result
    copy[key] = result
  }
  return copy
}

/**
 * A JSON-safe deep copy of `value`, or the path and rule of the first field that is not JSON.
 * Never throws: a getter or Proxy trap that throws is reported as a rejected field.
 */
export function sanitizeJson(value: unknown, options: SanitizeOptions = {}): SanitizeResult {
  return run(newWalk(options.maxDepth ?? defaultMaxDepth), value, options.path ?? 'properties')
}

/**
 * {@link sanitizeJson} for the hot path: one sanitizer per builder reuses its walk state between
 * calls (fewer allocations per event). A getter that re-enters it mid-walk gets a fresh state.
 * With `liftIds`, top-level `userId` and `anonymousId` are left out of the copy and returned in
 * `ids` (the server convention of ids among the properties), read once like every other value.
 * @param maxDepth @default 10
 */
export function createJsonSanitizer(maxDepth = defaultMaxDepth): (value: unknown, path: string, liftIds?: boolean) => SanitizeResult {
  const spare = newWalk(maxDepth)
  let busy = false
  return (value, path, liftIds = false) => {
    if (busy) return run(newWalk(maxDepth, liftIds), value, path)
    busy = true
    spare.liftIds = liftIds
    try {
      return run(spare, value, path)
    } finally {
      // Forget the host's objects, keys and ids so the spare state holds no references between
      // calls. The arrays never grow past `maxDepth + 1` slots: clearing them in place is cheaper
      // than setting their length, which V8 does in the runtime.
      const { keys, ancestors } = spare
      for (let i = 0; i < keys.length; i++) keys[i] = 0
      for (let i = 0; i < ancestors.length; i++) ancestors[i] = spare
      spare.ids = undefined
      busy = false
    }
  }
}

function newWalk(maxDepth: number, liftIds = false): Walk {
  return { maxDepth, keys: [], ancestors: [], rule: '', failDepth: 0, liftIds, ids: undefined }
}

function run(state: Walk, value: unknown, base: string): SanitizeResult {
  let result: JsonValue | typeof rejected
  try {
    result = walk(state, value, 0)
  } catch {
    // A getter or Proxy trap threw; `failDepth` still points at the node being read.
    const path = joinPath(base, state.keys.slice(0, state.failDepth))
    return { ok: false, path, rule: 'could not be read (a getter or Proxy threw)' }
  }
  if (result === rejected) return { ok: false, path: joinPath(base, state.keys.slice(0, state.failDepth)), rule: state.rule }
  return state.ids ? { ok: true, value: result, ids: state.ids } : { ok: true, value: result }
}
