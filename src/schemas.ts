/**
 * `@touchpoint/core/schemas`: the wire format as zod (`zod/mini`) schemas, for collectors and
 * anyone validating Touchpoint events. A separate entry point so that trackers, which validate
 * with the hand-written rules of the event model, never carry zod in their bundles.
 */
export {
  useJitlessValidation,
  wireEventSchema,
  trackEventSchema,
  identifyEventSchema,
  pageEventSchema,
  batchBodySchema,
  touchpointPropertiesSchema,
  parseWireEvent,
  formatIssue,
  jsonValueSchema,
  jsonObjectSchema,
  campaignSchema,
  eventPropertiesSchema,
  eventContextSchema,
  type IssueLike,
} from './event/schemas'
