/**
 * The wire format as zod schemas: the documented contract that collectors validate with (the
 * reference collector does). The SDK's hot path does not run them; it runs the hand checks of
 * `rules.ts`, and tests prove both agree.
 *
 * CSP: `zod/mini` objects never compile code (only classic `z.object` has an eval fast path), and
 * building these schemas does not probe `new Function`, so they work under `script-src 'self'`.
 * {@link useJitlessValidation} additionally switches zod's global config to jitless for any
 * classic schema a host builds later.
 */
import * as z from 'zod/mini'
import { joinPath } from './sanitize-json'
import { maxNameLength, moneyFields, rules } from './rules'

/** Tell zod never to use `new Function` (strict Content-Security-Policy pages). Idempotent. */
export function useJitlessValidation(): void {
  z.config({ jitless: true })
}

/** String with the SDK's rule wording for a missing or mistyped value. */
const string = () => z.string({ error: (issue) => (issue.input === undefined ? rules.required : rules.string) })

/** Event names, touchpoint ids, user ids: 1 to 200 characters. */
const name = () =>
  string().check(z.minLength(1, { error: rules.nonEmpty }), z.maxLength(maxNameLength, { error: rules.tooLong }))

const finite = () => z.number({ error: rules.finite })

/** Any JSON value (what `properties` and `traits` may hold). */
export const jsonValueSchema = /* @__PURE__ */ z.json()

/** A JSON object. */
export const jsonObjectSchema = /* @__PURE__ */ z.record(z.string(), jsonValueSchema, { error: rules.object })

/** Campaign parameters: `utm_*` without the prefix and click ids, all strings. */
export const campaignSchema = /* @__PURE__ */ z.record(z.string(), z.string({ error: rules.string }), { error: rules.object })

/** The properties of a `track('touchpoint', …)` event. Unknown keys are allowed (JSON values). */
export const touchpointPropertiesSchema = /* @__PURE__ */ z.catchall(
  z.object({
    touchpoint: name(),
    channel: z.optional(string()),
    stage: z.optional(string()),
    interaction: z.optional(z.enum(['direct', 'indirect'], { error: rules.interaction })),
    campaign: z.optional(campaignSchema),
    value: z.optional(finite()),
    currency: z.optional(z.string({ error: rules.currency }).check(z.regex(/^[A-Z]{3}$/, { error: rules.currency }))),
    properties: z.optional(jsonObjectSchema),
  }),
  jsonValueSchema,
)

/** Properties of any `track` or `page` event: JSON values, with `revenue` and `value` finite numbers. */
export const eventPropertiesSchema = /* @__PURE__ */ z.catchall(
  z.object(Object.fromEntries(moneyFields.map((field) => [field, z.optional(finite())])) as {
    revenue: z.ZodMiniOptional<z.ZodMiniNumber>
    value: z.ZodMiniOptional<z.ZodMiniNumber>
  }, { error: rules.object }),
  jsonValueSchema,
)

const library = /* @__PURE__ */ z.object({ name: string(), version: string() }, { error: rules.object })

/** Event context: `library` is required, everything else is open. */
export const eventContextSchema = /* @__PURE__ */ z.looseObject({ library }, { error: rules.object })

const base = {
  messageId: z.uuid({ error: 'must be a UUID' }),
  timestamp: z.iso.datetime({ error: 'must be an ISO-8601 date-time', offset: true }),
  userId: z.optional(name()),
  anonymousId: z.optional(name()),
  context: eventContextSchema,
}

/** A `track` event; a `touchpoint` event's properties must also satisfy `touchpointPropertiesSchema`. */
export const trackEventSchema = /* @__PURE__ */ z
  .object({ type: z.literal('track'), event: name(), properties: eventPropertiesSchema, ...base })
  .check(
    z.superRefine((event, context) => {
      if (event.event !== 'touchpoint') return
      const result = z.safeParse(touchpointPropertiesSchema, event.properties)
      if (result.success) return
      for (const issue of result.error.issues) {
        context.addIssue({ ...issue, path: ['properties', ...issue.path] } as never)
      }
    }),
  )

/** An `identify` event: ties the visitor to `userId`, with traits. */
export const identifyEventSchema = /* @__PURE__ */ z.object({
  type: z.literal('identify'),
  traits: jsonObjectSchema,
  ...base,
})

/** A `page` event. */
export const pageEventSchema = /* @__PURE__ */ z.object({
  type: z.literal('page'),
  name: z.optional(name()),
  properties: eventPropertiesSchema,
  ...base,
})

/** Any event on the wire, discriminated on `type`. */
export const wireEventSchema = /* @__PURE__ */ z.discriminatedUnion('type', [trackEventSchema, identifyEventSchema, pageEventSchema])

/** The body of a flush: `{ batch, sentAt, writeKey? }`. */
export const batchBodySchema = /* @__PURE__ */ z.object({
  batch: z.array(wireEventSchema),
  sentAt: z.iso.datetime({ error: 'must be an ISO-8601 date-time', offset: true }),
  writeKey: z.optional(z.string()),
})

/** A zod issue, as much of it as {@link formatIssue} reads. */
export interface IssueLike {
  readonly code?: string
  readonly path: readonly PropertyKey[]
  readonly message: string
  readonly expected?: unknown
  readonly received?: unknown
  readonly errors?: readonly (readonly IssueLike[])[]
  /** Discriminator values, on a discriminated union's no-match issue. */
  readonly options?: readonly unknown[]
}

/** zod's message when no custom one was given. */
const defaultMessage = 'Invalid input'

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}

/**
 * A zod issue in the SDK's wording: `{ path: 'properties.value', rule: 'must be a finite number' }`.
 * For a value that is not JSON, it follows the union down to the deepest field that failed.
 * @param base path prefixed to the issue's own path; @default ''
 */
export function formatIssue(issue: IssueLike, base = ''): { path: string; rule: string } {
  const path = joinPath(base, issue.path.map((key) => (typeof key === 'number' ? key : String(key))))
  if (issue.code === 'invalid_union' && issue.options && issue.options.length > 0) {
    return { path, rule: `must be one of ${issue.options.map((option) => JSON.stringify(option)).join(', ')}` }
  }
  if (issue.code === 'invalid_type' && issue.message === defaultMessage && typeof issue.expected === 'string') {
    return { path, rule: `must be ${article(issue.expected)}` }
  }
  if (issue.code !== 'invalid_union' || !issue.errors) return { path, rule: issue.message }
  let deepest: { path: string; rule: string } | undefined
  let depth = -1
  for (const branch of issue.errors) {
    for (const inner of branch) {
      if (inner.path.length > 0 || inner.code === 'invalid_union') {
        const found = formatIssue(inner, path)
        const d = found.path.length
        if (d > depth) [deepest, depth] = [found, d]
      } else if (inner.expected === 'number' && (inner.received === 'NaN' || inner.received === 'Infinity')) {
        return { path, rule: rules.finite }
      }
    }
  }
  return deepest ?? { path, rule: 'must be a JSON value' }
}

/**
 * Validate one wire event with the schema: the event, or the first issue in the SDK's wording.
 * For collectors; the SDK itself validates with the faster hand checks.
 */
export function parseWireEvent(input: unknown): { ok: true; value: z.output<typeof wireEventSchema> } | { ok: false; path: string; rule: string } {
  const result = z.safeParse(wireEventSchema, input)
  if (result.success) return { ok: true, value: result.data }
  const { path, rule } = formatIssue(result.error.issues[0] as IssueLike)
  // The root of a wire event is the event itself.
  return { ok: false, path: path === '' ? 'event' : path, rule }
}
