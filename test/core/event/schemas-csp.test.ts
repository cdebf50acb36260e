import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * A page with `Content-Security-Policy: script-src 'self'` forbids `new Function`. This file
 * replaces the global `Function` constructor with one that records every attempt, then loads the
 * schemas: nothing may try to compile code, neither at import time nor while validating.
 */
const original = globalThis.Function
const attempts: string[] = []

beforeAll(() => {
  globalThis.Function = new Proxy(original, {
    construct(_target, args) {
      attempts.push(String(args.at(-1)).slice(0, 60))
      throw new EvalError('Code generation from strings disallowed for this context')
    },
    apply(_target, _this, args) {
      attempts.push(String(args.at(-1)).slice(0, 60))
      throw new EvalError('Code generation from strings disallowed for this context')
    },
  })
})

afterAll(() => {
  globalThis.Function = original
})

const event = {
  type: 'track',
  event: 'touchpoint',
  messageId: '019ab5b2-8c1e-7d3a-9b1f-2f6c3e4d5a6b',
  timestamp: '2026-11-25T01:00:00.000Z',
  anonymousId: 'anon-1',
  properties: { touchpoint: 'invoice', value: 12, currency: 'EUR', properties: { lines: [1, 2] } },
  context: { library: { name: 'x', version: '1' } },
}

describe('schemas under a strict Content-Security-Policy', () => {
  it('import without compiling code', async () => {
    await import('../../../src/event/schemas')
    expect(attempts).toEqual([])
  })

  it('validate events without compiling code, before and after useJitlessValidation()', async () => {
    const schemas = await import('../../../src/event/schemas')
    expect(schemas.parseWireEvent(event)).toMatchObject({ ok: true })
    expect(schemas.parseWireEvent({ ...event, properties: {} })).toMatchObject({ ok: false })
    schemas.useJitlessValidation()
    expect(schemas.parseWireEvent(event)).toMatchObject({ ok: true })
    expect(attempts).toEqual([])
  })

  it('keep classic zod schemas built after useJitlessValidation() from compiling code', async () => {
    const schemas = await import('../../../src/event/schemas')
    schemas.useJitlessValidation()
    const classic = await import('zod')
    const schema = classic.z.object({ a: classic.z.string(), b: classic.z.object({ c: classic.z.number() }) })
    for (let i = 0; i < 3; i++) expect(schema.safeParse({ a: 'x', b: { c: i } }).success).toBe(true)
    expect(attempts).toEqual([])
  })

  it('would notice code generation: classic zod without jitless probes new Function', async () => {
    const classic = await import('zod')
    classic.z.config({ jitless: false })
    const before = attempts.length
    classic.z.object({ a: classic.z.string() }).safeParse({ a: 'x' })
    expect(attempts.length).toBeGreaterThan(before)
    classic.z.config({ jitless: true })
  })
})
