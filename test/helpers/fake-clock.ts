import type { Clock } from '@touchpoint/core'

/** A clock whose time only moves when a test says so. */
export interface FakeClock extends Clock {
  /** Moves time forward, firing due timers in order and letting promises settle between them. */
  advance(ms: number): Promise<void>
  /** Lets pending promise callbacks run without moving time. */
  settle(): Promise<void>
  /** Timers waiting to fire. */
  pending(): number
}

const drain = async () => {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

export function createFakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let now = start
  let nextId = 1
  const timers = new Map<number, { at: number; fn: () => void }>()
  const nextDue = (limit: number) => {
    let best: [number, { at: number; fn: () => void }] | undefined
    for (const entry of timers) if (entry[1].at <= limit && (!best || entry[1].at < best[1].at)) best = entry
    return best
  }
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++
      timers.set(id, { at: now + Math.max(0, ms), fn })
      return id
    },
    clearTimeout(handle) {
      timers.delete(handle as number)
    },
    async advance(ms) {
      const target = now + ms
      await drain()
      for (let due = nextDue(target); due; due = nextDue(target)) {
        timers.delete(due[0])
        now = Math.max(now, due[1].at)
        due[1].fn()
        await drain()
      }
      now = target
      await drain()
    },
    settle: drain,
    pending: () => timers.size,
  }
}
