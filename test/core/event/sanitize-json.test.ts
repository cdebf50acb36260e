import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { createJsonCopier, joinPath, RuleFailure, sanitizeJson, type LiftedIds } from '../../../src/event/sanitize-json'

const copyJson = createJsonCopier()

function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true }
  for (let i = 1; i < levels; i++) value = { child: value }
  return value
}

describe('sanitizeJson', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted
  })

  it('lifts top-level userId and anonymousId out of the copy when asked, and only then', () => {
    const input = { userId: 'u-1', touchpoint: 'invoice', anonymousId: 7, nested: { userId: 'stays' } }
    const ids: LiftedIds = {}
    expect(copyJson(input, 'properties', 10, ids)).toEqual({ touchpoint: 'invoice', nested: { userId: 'stays' } })
    expect(ids).toEqual({ userId: 'u-1', anonymousId: 7 })
    expect(copyJson(input, 'properties')).toEqual(input)
    const none: LiftedIds = {}
    expect(copyJson({ userId: undefined, a: 1 }, 'properties', 10, none)).toEqual({ a: 1 })
    expect(none).toEqual({})
  })

  it('throws a RuleFailure naming the field from copyJson, for the builder to catch once', () => {
    expect(() => copyJson({ a: [1, 2n] }, 'traits')).toThrow(expect.objectContaining({ path: 'traits.a[1]', rule: 'must be a JSON value (got a BigInt)' }))
    try {
      copyJson({ a: [1, 2n] }, 'traits')
    } catch (error) {
      expect(error).toBeInstanceOf(RuleFailure)
    }
  })

  it('copies correctly after a walk that failed part-way, and while another walk is under way', () => {
    const copy = createJsonCopier()
    expect(() => copy({ a: { b: [1, Symbol('x')] } }, 'properties')).toThrow(expect.objectContaining({ path: 'properties.a.b[1]' }))
    expect(copy({ a: { b: [1, 2] } }, 'properties')).toEqual({ a: { b: [1, 2] } })
    const inner = {
      get nested() {
        return copy({ deep: ['x'] }, 'traits')
      },
    }
    expect(copy({ outer: inner }, 'properties')).toEqual({ outer: { nested: { deep: ['x'] } } })
    expect(() => copy({ later: 1n }, 'context')).toThrow(expect.objectContaining({ path: 'context.later' }))
  })

  it('returns a deep copy of plain JSON values', () => {
    const input = { a: 'x', b: 1.5, c: true, d: null, e: [1, 'two', { three: 3 }], f: { g: { h: 'deep' } } }
    const result = sanitizeJson(input)
    expect(result).toEqual({ ok: true, value: input })
    if (!result.ok) return
    expect(result.value).not.toBe(input)
    expect((result.value as Record<string, unknown>).f).not.toBe(input.f)
  })

  it('drops undefined object values like JSON.stringify does', () => {
    expect(sanitizeJson({ a: 1, b: undefined })).toEqual({ ok: true, value: { a: 1 } })
  })

  it('turns a Date into its ISO string', () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5))
    expect(sanitizeJson({ at })).toEqual({ ok: true, value: { at: '2026-01-02T03:04:05.000Z' } })
  })

  it('accepts objects without a prototype', () => {
    const dict = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 })
    expect(sanitizeJson({ dict })).toEqual({ ok: true, value: { dict: { a: 1 } } })
  })

  it('keeps shared (non-circular) references', () => {
    const shared = { x: 1 }
    expect(sanitizeJson({ a: shared, b: [shared, shared] })).toEqual({ ok: true, value: { a: { x: 1 }, b: [{ x: 1 }, { x: 1 }] } })
  })

  const circular: Record<string, unknown> = { name: 'loop' }
  circular.self = { again: circular }
  const circularArray: unknown[] = [1]
  circularArray.push({ list: circularArray })
  const throwingGetter = {
    fine: 1,
    get broken(): never {
      throw new Error('boom')
    },
  }
  const throwingProxy = new Proxy({ a: 1 }, {
    get() {
      throw new Error('trap')
    },
  })
  const throwingKeysProxy = new Proxy({}, {
    ownKeys() {
      throw new Error('no keys')
    },
  })
  const revoked = Proxy.revocable({}, {})
  revoked.revoke()
  class Point {
    x = 1
  }

  it.each([
    ['a function', { cb: () => 1 }, 'properties.cb', 'must be a JSON value (got a function)'],
    ['a Symbol', { s: Symbol('s') }, 'properties.s', 'must be a JSON value (got a Symbol)'],
    ['a BigInt', { big: 10n }, 'properties.big', 'must be a JSON value (got a BigInt)'],
    ['NaN', { revenue: Number.NaN }, 'properties.revenue', 'must be a finite number'],
    ['Infinity', { value: Number.POSITIVE_INFINITY }, 'properties.value', 'must be a finite number'],
    ['-Infinity', { items: [{ price: Number.NEGATIVE_INFINITY }] }, 'properties.items[0].price', 'must be a finite number'],
    ['undefined in an array', { list: [1, undefined] }, 'properties.list[1]', 'must not be undefined (JSON arrays have no holes)'],
    // eslint-disable-next-line no-sparse-arrays -- the hole is the point of this case
    ['a hole in an array', { list: [1, , 3] }, 'properties.list[1]', 'must not be undefined (JSON arrays have no holes)'],
    ['a circular reference', circular, 'properties.self.again', 'must not be a circular reference'],
    ['a circular array', { list: circularArray }, 'properties.list[1].list', 'must not be a circular reference'],
    ['a Map', { m: new Map([[1, 2]]) }, 'properties.m', 'must be a plain object or array (got Map)'],
    ['a Set', { s: new Set([1]) }, 'properties.s', 'must be a plain object or array (got Set)'],
    ['a class instance', { p: new Point() }, 'properties.p', 'must be a plain object or array (got Point)'],
    ['a typed array', { bytes: new Uint8Array(2) }, 'properties.bytes', 'must be a plain object or array (got Uint8Array)'],
    ['an invalid Date', { at: new Date(Number.NaN) }, 'properties.at', 'must be a valid date'],
    ['a getter that throws', { nested: throwingGetter }, 'properties.nested.broken', 'could not be read (a getter or Proxy threw)'],
    ['a Proxy whose get trap throws', { p: throwingProxy }, 'properties.p.a', 'could not be read (a getter or Proxy threw)'],
    ['a Proxy whose ownKeys trap throws', { p: throwingKeysProxy }, 'properties.p', 'could not be read (a getter or Proxy threw)'],
    ['a revoked Proxy', { p: revoked.proxy }, 'properties.p', 'could not be read (a getter or Proxy threw)'],
    ['an odd key', { 'a b': { c: Number.NaN } }, 'properties["a b"].c', 'must be a finite number'],
  ])('rejects %s and names its path', (_, input, path, rule) => {
    expect(sanitizeJson(input)).toEqual({ ok: false, path, rule })
  })

  it('starts every walk at its own base, after a walk a getter broke deep inside', () => {
    const deepBreak = { a: { b: [0, { get c(): never {
      throw new Error('boom')
    } }] } }
    expect(sanitizeJson(deepBreak)).toEqual({ ok: false, path: 'properties.a.b[1].c', rule: 'could not be read (a getter or Proxy threw)' })
    expect(sanitizeJson({ x: { y: 1n } }, { path: 'traits' })).toEqual({ ok: false, path: 'traits.x.y', rule: 'must be a JSON value (got a BigInt)' })
    // The broken walk's objects are not taken for ancestors of the next one.
    const again = deepBreak.a
    expect(sanitizeJson({ again, list: [again] })).toMatchObject({ ok: false, path: 'properties.again.b[1].c' })
    expect(sanitizeJson({ ok: { b: [again.b[0]] } })).toEqual({ ok: true, value: { ok: { b: [0] } } })
  })

  it('gives a walk re-entered from a getter or a Proxy trap its own path and ancestors', () => {
    const shared = { k: 1 }
    const inner: unknown[] = []
    const reentrant = {
      get g() {
        inner.push(sanitizeJson({ deep: [{ get bad(): never {
          throw new Error('inner')
        } }] }, { path: 'inner' }))
        inner.push(sanitizeJson({ shared }, { path: 'inner2' }))
        return 1
      },
    }
    const trap = new Proxy({}, {
      ownKeys() {
        inner.push(sanitizeJson({ t: { u: 2 } }, { path: 'trap' }))
        throw new Error('keys')
      },
    })
    expect(sanitizeJson({ a: { shared, r: [reentrant, { c: 3n }] } })).toEqual({ ok: false, path: 'properties.a.r[1].c', rule: 'must be a JSON value (got a BigInt)' })
    expect(sanitizeJson({ one: { two: [trap] } })).toEqual({ ok: false, path: 'properties.one.two[0]', rule: 'could not be read (a getter or Proxy threw)' })
    expect(inner).toEqual([
      { ok: false, path: 'inner.deep[0].bad', rule: 'could not be read (a getter or Proxy threw)' },
      { ok: true, value: { shared: { k: 1 } } },
      { ok: true, value: { t: { u: 2 } } },
    ])
    expect(sanitizeJson({ shared, again: { shared } })).toEqual({ ok: true, value: { shared: { k: 1 }, again: { shared: { k: 1 } } } })
  })

  it('reads an array length once, so an array that grows as it is read cannot keep the walk going', () => {
    let reads = 0
    // A Proxy (or getters) answering a longer length at every read.
    const growing = new Proxy([] as unknown[], { get: (_, key) => (key === 'length' ? (reads += 1) : 'item') })
    expect(sanitizeJson({ growing })).toEqual({ ok: true, value: { growing: ['item'] } })
    expect(reads).toBe(1)
  })

  it('accepts nesting up to maxDepth and rejects one level more', () => {
    expect(sanitizeJson(nested(10)).ok).toBe(true)
    const result = sanitizeJson(nested(11))
    expect(result).toEqual({
      ok: false,
      path: 'properties.child.child.child.child.child.child.child.child.child.child',
      rule: 'must not nest deeper than 10 levels',
    })
    expect(sanitizeJson(nested(3), { maxDepth: 2 }).ok).toBe(false)
  })

  it('survives very deep nesting without a stack overflow', () => {
    expect(sanitizeJson(nested(100_000)).ok).toBe(false)
  })

  it('uses the path it is given as the base of every reported path', () => {
    expect(sanitizeJson({ x: 1n }, { path: 'traits' })).toEqual({ ok: false, path: 'traits.x', rule: 'must be a JSON value (got a BigInt)' })
  })

  it('drops __proto__, constructor and prototype keys and leaves Object.prototype clean', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"prototype":3,"ok":{"__proto__":{"polluted":4}}}')
    const result = sanitizeJson(parsed)
    expect(result).toEqual({ ok: true, value: { ok: {} } })
    if (!result.ok) return
    const copy = result.value as Record<string, Record<string, unknown>>
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(copy.ok)).toBe(Object.prototype)
    expect(Object.keys(copy.ok!)).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })

  it('ignores inherited properties even when Object.prototype is polluted', () => {
    ;(Object.prototype as Record<string, unknown>).polluted = 'yes'
    expect(sanitizeJson({ a: 1 })).toEqual({ ok: true, value: { a: 1 } })
  })

  it('keeps 40 KB strings (the event size limit is the builder’s job)', () => {
    const result = sanitizeJson({ big: 'x'.repeat(40_000) })
    expect(result.ok).toBe(true)
  })

  it('serializes every accepted value exactly as JSON.stringify would', () => {
    const input = { s: 'é😀', n: -0, list: [[], {}, [null]], when: new Date(0), skip: undefined }
    const result = sanitizeJson(input)
    expect(result.ok && JSON.stringify(result.value)).toBe(JSON.stringify(input))
  })
})

describe('sanitizeJson on generated input', () => {
  const key = fc.string().filter((k) => k !== '__proto__' && k !== 'constructor' && k !== 'prototype')
  const anything = fc.anything({ key, withBigInt: true, withDate: true, withMap: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true })

  it('either rejects with a path and rule, or copies to what JSON.stringify would write', () => {
    fc.assert(
      fc.property(anything, (value) => {
        const result = sanitizeJson(value, { maxDepth: 64 })
        if (result.ok) expect(JSON.stringify(result.value)).toBe(JSON.stringify(value))
        else expect(result.path.startsWith('properties')).toBe(true)
      }),
      { numRuns: 500 },
    )
  })
})

describe('joinPath', () => {
  it('writes identifiers with dots, indexes in brackets and other keys quoted', () => {
    expect(joinPath('properties', ['items', 0, 'a-b', '$ok'])).toBe('properties.items[0]["a-b"].$ok')
    expect(joinPath('', ['top'])).toBe('top')
  })
})
