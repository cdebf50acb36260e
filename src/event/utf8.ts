/**
 * UTF-8 without platform globals beyond the optional `TextEncoder`: sizes of serialized events
 * (the queue's byte budgets) and the journey token's codec, identical in browsers and Node.
 */

/** UTF-8 length of a string, counting a lone surrogate as U+FFFD like `TextEncoder`. */
export function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    if (code < 0x800) bytes += 1
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2 // a surrogate pair: 2 UTF-16 units, 4 bytes
      i++
    } else bytes += 2 // includes a lone surrogate, encoded as U+FFFD
  }
  return bytes
}

/**
 * Measures UTF-8 sizes up to `limit`: exact at or below it, some number above it otherwise.
 * `TextEncoder.encodeInto` (every browser, Node, Deno, Bun) counts natively into one reused
 * buffer, several times faster than a JavaScript loop; where it is missing, the loop does.
 */
export function createUtf8Meter(limit: number): (text: string) => number {
  let encoder: TextEncoder | undefined
  let buffer: Uint8Array | undefined
  return (text) => {
    if (typeof TextEncoder === 'undefined') return utf8Length(text)
    encoder ??= new TextEncoder()
    buffer ??= new Uint8Array(limit + 4)
    const { read, written } = encoder.encodeInto(text, buffer)
    return read === text.length ? written : Math.max(written, limit) + 1
  }
}

/** UTF-8 bytes of a string; a lone surrogate becomes U+FFFD, as `TextEncoder` does. */
export function utf8Encode(text: string): number[] {
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1)
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00)
        i++
      } else {
        code = 0xfffd
      }
    }
    if (code < 0x80) bytes.push(code)
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63))
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63))
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63))
  }
  return bytes
}

/** Text of UTF-8 bytes, or `undefined` when they are not well-formed UTF-8 (overlong, surrogates, truncated). */
export function utf8Decode(bytes: readonly number[]): string | undefined {
  let text = ''
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1
    if (extra < 0 || i + extra > bytes.length - 1) return undefined
    let code = extra === 0 ? b : b & (0x3f >> extra)
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k]!
      if ((c & 0xc0) !== 0x80) return undefined
      code = (code << 6) | (c & 63)
    }
    if ((extra === 2 && (code < 0x800 || (code >= 0xd800 && code <= 0xdfff))) || (extra === 3 && (code < 0x10000 || code > 0x10ffff))) {
      return undefined
    }
    text += String.fromCodePoint(code)
    i += extra + 1
  }
  return text
}
