/** A seeded pseudo-random generator, so a demo run with the same seed simulates the same people. */

/** Random helpers over one seeded stream. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max]. */
  int(min: number, max: number): number
  /** `true` with probability `p`. */
  chance(p: number): boolean
  /** One item, each with its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T
  /** One item, uniformly. */
  pick<T>(items: readonly T[]): T
  /** A lowercase base-36 token of `length` characters (click ids, order ids). */
  token(length: number): string
}

/**
 * mulberry32: 32 bits of state, good enough for a simulation and tiny enough to read.
 * @param seed any integer; the same seed gives the same stream.
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    weighted(items) {
      let total = 0
      for (const [, w] of items) total += w
      let roll = next() * total
      for (const [item, w] of items) if ((roll -= w) < 0) return item
      return (items[items.length - 1] as readonly [never, number])[0]
    },
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    token(length) {
      let out = ''
      while (out.length < length) out += Math.floor(next() * 36).toString(36)
      return out
    },
  }
  return random
}
