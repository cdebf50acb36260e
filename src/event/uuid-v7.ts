/**
 * RFC 9562 UUIDv7: 48-bit Unix milliseconds, then random bits, so ids sort by creation time and
 * collectors can dedup on them. Within one millisecond the ids stay strictly increasing: the
 * 12-bit `rand_a` and the top 30 bits of `rand_b` form a 42-bit counter seeded at random each
 * millisecond and incremented per id (RFC 9562 §6.2, method 1); the last 32 bits are fresh random.
 */

/** Returns `n` cryptographically random bytes. */
export type RandomBytes = (n: number) => Uint8Array

/** Makes UUIDv7 strings for a given time in milliseconds. */
export type UuidV7Generator = (now: number) => string

/** Bytes drawn per refill: one `getRandomValues` call serves hundreds of ids. */
const poolSize = 4096
/** 2^42: the counter space per millisecond. */
const counterLimit = 0x400_0000_0000
/** Largest 48-bit timestamp. */
const maxTimestamp = 0xffff_ffff_ffff
/** A clock that jumps back further than this resets the sequence instead of freezing time. */
const rollbackToleranceMs = 10_000

/** Character code of each hex digit, lowercase. */
const hexCodes = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]
const DASH = 45
const SEVEN = 55

/** Character code of the hex digit for the low 4 bits of `n`. */
function h(n: number): number {
  return hexCodes[n & 15]!
}

/** `crypto.getRandomValues`, looked up when the first id is made, not at import time. */
function defaultRandomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n))
}

/**
 * Writes the id of a millisecond and a counter value, drawing the last 32 bits from `byte`:
 * 48-bit time, `7` + the counter's top 12 bits, `10` + its low 30 bits, then 32 random bits.
 */
type Format = (ms: number, counter: number, byte: () => number) => string

/**
 * The monotonic state and random pool every generator shares; `format` writes the characters.
 */
function createSequence(randomBytes: RandomBytes, format: Format): UuidV7Generator {
  let pool: Uint8Array = new Uint8Array(0)
  let offset = 0
  let lastMs = -1
  let counter = 0

  const byte = (): number => {
    if (offset >= pool.length) {
      pool = randomBytes(poolSize)
      offset = 0
    }
    return pool[offset++]!
  }

  const reseed = (ms: number): void => {
    lastMs = ms
    // 41 random bits: the top counter bit starts at 0 so a burst of ids rarely overflows it.
    counter = byte() & 1
    for (let i = 0; i < 5; i++) counter = counter * 256 + byte()
  }

  return (now) => {
    let ms = now >= 0 ? Math.min(Math.floor(now), maxTimestamp) : 0
    if (ms > lastMs || ms < lastMs - rollbackToleranceMs) {
      reseed(ms)
    } else {
      // Same millisecond, or the clock stepped back a little: keep the last time and count up.
      ms = lastMs
      counter++
      if (counter >= counterLimit) reseed((ms = Math.min(lastMs + 1, maxTimestamp)))
    }
    return format(ms, counter, byte)
  }
}

/**
 * The fast format: one call with the 36 character codes, a single flat string with no
 * intermediate pieces to concatenate and flatten (servers make an id on every `track`, and hold
 * it until delivered). ≈70 ns in Node 20; a loop over the eight 16-bit words is a third of the
 * code and ≈170 ns, and browsers carry this one anyway for their anonymous and session ids.
 */
const fastFormat: Format = (ms, counter, byte) => {
  const high = Math.floor(ms / 0x1_0000) // top 32 bits of the 48-bit time
  const randA = Math.floor(counter / 0x4000_0000) // top 12 counter bits
  const low = counter % 0x4000_0000 // next 30 bits, after the 2 variant bits
  const variant = 0x8000 | (low >>> 16) // `10` + 14 counter bits
  const r0 = byte()
  const r1 = byte()
  const r2 = byte()
  const r3 = byte()
  return String.fromCharCode(
    h(high >>> 28), h(high >>> 24), h(high >>> 20), h(high >>> 16), h(high >>> 12), h(high >>> 8), h(high >>> 4), h(high), DASH,
    h(ms >>> 12), h(ms >>> 8), h(ms >>> 4), h(ms), DASH,
    SEVEN, h(randA >>> 8), h(randA >>> 4), h(randA), DASH,
    h(variant >>> 12), h(variant >>> 8), h(variant >>> 4), h(variant), DASH,
    h(low >>> 12), h(low >>> 8), h(low >>> 4), h(low),
    h(r0 >>> 4), h(r0), h(r1 >>> 4), h(r1), h(r2 >>> 4), h(r2), h(r3 >>> 4), h(r3),
  )
}

/**
 * A UUIDv7 generator with its own monotonic state and random pool, written for speed.
 * @param randomBytes source of randomness; @default `globalThis.crypto.getRandomValues`
 */
export function createUuidV7(randomBytes: RandomBytes = defaultRandomBytes): UuidV7Generator {
  return createSequence(randomBytes, fastFormat)
}

let shared: { randomBytes: RandomBytes | undefined; next: UuidV7Generator } | undefined

/**
 * One UUIDv7 for `now` (ms). Consecutive calls with the same random source are monotonic; code
 * that makes many ids should hold its own {@link createUuidV7} generator.
 * @param randomBytes @default `globalThis.crypto.getRandomValues`
 */
export function uuidv7(now: number, randomBytes?: RandomBytes): string {
  if (!shared || shared.randomBytes !== randomBytes) shared = { randomBytes, next: createUuidV7(randomBytes) }
  return shared.next(now)
}
