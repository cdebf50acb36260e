import { describe, expect, it, vi } from 'vitest'
import { createUuidV7, uuidv7 } from '../../../src/event/uuid-v7'

const format = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** Deterministic bytes, counting how many were asked for. */
function seededBytes(seed = 1) {
  let state = seed
  const source = vi.fn((n: number) => {
    const bytes = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      state = (state * 1_103_515_245 + 12_345) >>> 0
      bytes[i] = state >>> 24
    }
    return bytes
  })
  return source
}

function timestampOf(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)
}

describe('createUuidV7', () => {
  it('has the RFC 9562 layout: version 7 and variant 10', () => {
    const next = createUuidV7()
    for (let i = 0; i < 1000; i++) expect(next(Date.now())).toMatch(format)
  })

  it('puts the Unix milliseconds in the first 48 bits', () => {
    const next = createUuidV7(seededBytes())
    const now = Date.UTC(2026, 10, 25, 1, 2, 3, 456)
    const id = next(now)
    expect(timestampOf(id)).toBe(now)
    expect(id.startsWith(now.toString(16).padStart(12, '0').slice(0, 8))).toBe(true)
  })

  it('keeps 10,000 ids made in one millisecond unique and strictly increasing', () => {
    const next = createUuidV7()
    const now = 1_764_000_000_000
    const ids = Array.from({ length: 10_000 }, () => next(now))
    expect(new Set(ids).size).toBe(ids.length)
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true)
    expect(ids.every((id) => format.test(id) && timestampOf(id) === now)).toBe(true)
  })

  it('sorts ids of later milliseconds after earlier ones', () => {
    const next = createUuidV7()
    const ids = [1000, 1000, 1001, 5000, 5000, 123_456_789].map((ms) => next(ms))
    expect([...ids].sort()).toEqual(ids)
  })

  it('stays monotonic when the clock steps back a little', () => {
    const next = createUuidV7()
    const first = next(2_000_000)
    const second = next(1_999_000)
    expect(second > first).toBe(true)
    expect(timestampOf(second)).toBe(2_000_000)
  })

  it('follows the clock again after a large step back', () => {
    const next = createUuidV7()
    next(2_000_000)
    expect(timestampOf(next(1_000_000))).toBe(1_000_000)
  })

  it('leaves room to count up even when the random seed is all ones', () => {
    // The counter is seeded with 41 random bits under a 42-bit space: 2^41 ids of headroom.
    const next = createUuidV7((n) => new Uint8Array(n).fill(0xff))
    const ids = Array.from({ length: 1000 }, () => next(10))
    expect(ids.every((id) => format.test(id) && timestampOf(id) === 10)).toBe(true)
    expect([...ids].sort()).toEqual(ids)
  })

  it('draws randomness in pooled 4 KB blocks, not once per id', () => {
    const source = seededBytes()
    const next = createUuidV7(source)
    for (let i = 0; i < 1000; i++) next(1_000_000 + i)
    expect(source.mock.calls.every(([n]) => n === 4096)).toBe(true)
    expect(source.mock.calls.length).toBeLessThanOrEqual(3)
  })

  it('does not touch crypto until the first id is made', () => {
    const getRandomValues = vi.spyOn(globalThis.crypto, 'getRandomValues')
    const next = createUuidV7()
    expect(getRandomValues).not.toHaveBeenCalled()
    next(1)
    expect(getRandomValues).toHaveBeenCalledTimes(1)
    getRandomValues.mockRestore()
  })

  it('is deterministic for a given random source', () => {
    const a = createUuidV7(seededBytes(7))
    const b = createUuidV7(seededBytes(7))
    expect([a(5), a(5), a(6)]).toEqual([b(5), b(5), b(6)])
  })

  it('clamps times outside the 48-bit range', () => {
    expect(timestampOf(createUuidV7()(-5))).toBe(0)
    expect(createUuidV7()(Number.NaN)).toMatch(format)
    expect(timestampOf(createUuidV7()(2 ** 60))).toBe(2 ** 48 - 1)
  })
})

describe('uuidv7', () => {
  it('offers a one-call form that is monotonic across calls', () => {
    const first = uuidv7(42)
    const second = uuidv7(42)
    expect(first).toMatch(format)
    expect(second > first).toBe(true)
  })
})
