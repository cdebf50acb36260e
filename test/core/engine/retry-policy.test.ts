import { describe, expect, it } from 'vitest'
import { classify } from '@touchpoint/core'

describe('classify', () => {
  it('acknowledges every 2xx', () => {
    expect(classify({ ok: true, status: 200 })).toBe('ack')
    expect(classify({ ok: true, status: 204 })).toBe('ack')
    expect(classify({ ok: false, status: 202 })).toBe('ack')
  })

  it('retries 408, 429, 5xx and network failures', () => {
    for (const status of [0, 408, 429, 500, 502, 503, 504]) expect(classify({ ok: false, status })).toBe('retry')
  })

  it('splits a batch the collector answers 413 to', () => {
    expect(classify({ ok: false, status: 413 })).toBe('split')
  })

  it('drops a batch on any other status', () => {
    for (const status of [301, 400, 401, 403, 404, 422]) expect(classify({ ok: false, status })).toBe('drop')
  })
})
