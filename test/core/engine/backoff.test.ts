import { describe, expect, it } from 'vitest'
import { backoff } from '@touchpoint/core'

describe('backoff', () => {
  it('grows exponentially from the base when jitter draws its maximum', () => {
    const top = () => 0.999999
    expect([1, 2, 3, 4].map((n) => backoff(n, {}, top))).toEqual([999, 1999, 3999, 7999])
  })

  it('never exceeds the cap', () => {
    expect(backoff(30, { maxMs: 60_000 }, () => 0.999999)).toBeLessThanOrEqual(60_000)
    expect(backoff(1000, {}, () => 0.999999)).toBe(59_999)
  })

  it('spreads delays over the whole window (full jitter)', () => {
    expect(backoff(3, {}, () => 0)).toBe(0)
    expect(backoff(3, {}, () => 0.5)).toBe(2000)
  })

  it('honours a custom base and factor', () => {
    expect(backoff(3, { baseMs: 100, factor: 3 }, () => 0.5)).toBe(450)
  })
})
