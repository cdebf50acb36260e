import { describe, expect, it } from 'vitest'
import { parseRetryAfter } from '@touchpoint/core'

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000)
    expect(parseRetryAfter(' 120 ', 0)).toBe(120_000)
  })

  it('reads an HTTP date as the time left from now, never negative', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:29:00 GMT'))).toBe(0)
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000)
  })

  it('ignores an absent or unreadable header', () => {
    expect(parseRetryAfter('soon', 0)).toBeUndefined()
    expect(parseRetryAfter('', 0)).toBeUndefined()
    expect(parseRetryAfter(null, 0)).toBeUndefined()
    expect(parseRetryAfter(undefined, 0)).toBeUndefined()
  })
})
