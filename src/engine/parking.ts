/**
 * Batches that used up their attempts against a durable storage rest here: their events stay
 * in storage, out of memory, and are not read back until their rest is over.
 */
export interface Parking {
  park(ids: readonly string[], now: number): void
  /** Whether any parked event may be tried again. */
  due(now: number): boolean
  /** Ids still resting (to exclude from reads); forgets the ones whose rest is over. */
  resting(now: number): string[]
  readonly size: number
}

export function createParking(restMs: number): Parking {
  const until = new Map<string, number>()
  return {
    park(ids, now) {
      for (const id of ids) until.set(id, now + restMs)
    },
    due(now) {
      for (const time of until.values()) if (time <= now) return true
      return false
    },
    resting(now) {
      const out: string[] = []
      for (const [id, time] of until) {
        if (time > now) out.push(id)
        else until.delete(id)
      }
      return out
    },
    get size() {
      return until.size
    },
  }
}
