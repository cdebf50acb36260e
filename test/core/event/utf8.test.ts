import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createUtf8Meter, utf8Decode, utf8Encode, utf8Length } from '../../../src/event/utf8'

const samples = ['', 'ascii', 'é', '€', '😀', 'Tiếng Việt 🌸 ok', JSON.stringify('\ud800 lone'), 'lone \udc00 low', 'lone \ud800']

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

  it('encodes like Buffer and decodes back, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const bytes = utf8Encode(text)
        expect(bytes).toEqual([...Buffer.from(text, 'utf8')])
        expect(utf8Decode(bytes)).toBe(Buffer.from(text, 'utf8').toString('utf8'))
      }),
    )
  })

  it.each([
    ['a stray continuation byte', [0x80]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ])('rejects %s', (_, bytes) => {
    expect(utf8Decode(bytes)).toBeUndefined()
  })
})
