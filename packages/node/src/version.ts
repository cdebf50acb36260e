/** Goes into every event's `context.library`. Keep in step with package.json. */
export const library = { name: '@touchpoint/node', version: '0.1.0' } as const
