import { describe, expect, it } from 'vitest'
import { createUtf8Meter, utf8Length } from '../../../src/event/utf8'

const samples = ['', 'ascii', '\0 nul', 'del \x7f', 'pad \x80', 'ÿ', 'é', '€', '😀', 'Tiếng Việt 🌸 ok', JSON.stringify('\ud800 lone'), 'lone \udc00 low', 'lone \ud800']

describe('utf8', () => {
  it('measures like Buffer.byteLength, through TextEncoder or the fallback loop', () => {
    const meter = createUtf8Meter(1000)
    for (const text of samples) {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text))
      expect(meter(text)).toBe(Buffer.byteLength(text))
    }
  })

  it('reports more than the limit for longer text', () => {
    expect(createUtf8Meter(4)('abcdefgh')).toBeGreaterThan(4)
    expect(createUtf8Meter(4)('ééé')).toBeGreaterThan(4)
  })
})
