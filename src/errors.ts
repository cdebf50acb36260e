/**
 * Errors the SDK reports (never throws into the host): small classes with a type guard, in the
 * style of ofetch / ky.
 */

/**
 * Brand set on every Touchpoint error. `Symbol.for` lives in the runtime-wide registry, so the guard
 * recognises errors made by another copy of the SDK (two bundles on one page, ESM + CJS in Node),
 * where `instanceof` fails.
 */
const brand: unique symbol = Symbol.for('@touchpoint/error') as never

/** The base of every error Touchpoint reports. */
export class TouchpointError extends Error {
  // Fields here are `declare`d and assigned in the constructor: a field declaration costs
  // browser bundles (target ES2020) a `__publicField` helper and a call per field.
  /** Stable machine-readable kind, e.g. `validation`. */
  declare readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message)
    // Spelled out: a minifier renames the classes, so `new.target.name` would say `e` or `o`.
    this.name = 'TouchpointError'
    this.code = code
    if (options && 'cause' in options) this.cause = options.cause
  }

  /** The brand, on the prototype: one getter for all errors instead of a property on each. */
  get [brand](): true {
    return true
  }
}

/** What a {@link ValidationError} is made of. */
export interface ValidationIssue {
  /** Who the error is about: the event name (`touchpoint`, `Order Completed`) or the call (`identify`). */
  readonly label: string
  /** Field path, e.g. `properties.revenue`; `event` when the whole event is concerned. */
  readonly path: string
  /** The rule that failed, worded to follow the path, e.g. `must be a finite number`. */
  readonly rule: string
}

/**
 * Invalid input: the event was not recorded. The message names the event, the field and the rule:
 * `touchpoint: properties.revenue must be a finite number`.
 */
export class ValidationError extends TouchpointError {
  /** Event name or call the error is about. */
  declare readonly label: string
  /** Field path, e.g. `properties.revenue`. */
  declare readonly path: string
  /** The rule that failed, e.g. `must be a finite number`. */
  declare readonly rule: string

  constructor({ label, path, rule }: ValidationIssue) {
    super('validation', `${label}: ${path} ${rule}`)
    this.name = 'ValidationError'
    this.label = label
    this.path = path
    this.rule = rule
  }
}

/** `true` for any Touchpoint error, including one made by another copy of the SDK. */
export function isTouchpointError(value: unknown): value is TouchpointError {
  // Our own errors carry the brand too, through the prototype getter.
  return typeof value === 'object' && value !== null && (value as { [brand]?: unknown })[brand] === true
}

/** `true` for a {@link ValidationError}, including one made by another copy of the SDK. */
export function isValidationError(value: unknown): value is ValidationError {
  return isTouchpointError(value) && value.code === 'validation'
}
