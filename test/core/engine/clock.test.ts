import { describe, expect, it } from 'vitest'
import { createQueue, systemClock } from '@touchpoint/core'
import { queuedEvent } from '../../helpers/queued-events'

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

describe('systemClock', () => {
  it('does not fire a timer longer than platform timers hold at once', async () => {
    let fired = false
    const handle = systemClock.setTimeout(() => (fired = true), Infinity)
    await pause(20)
    systemClock.clearTimeout(handle)
    expect(fired).toBe(false)
  })

  it('lets a flush with no deadline (timeoutMs: Infinity) wait for the collector', async () => {
    let release!: () => void
    const answered = new Promise<void>((resolve) => (release = resolve))
    const queue = createQueue({
      transport: {
        async send() {
          await answered
          return { ok: true, status: 200 }
        },
      },
    })
    queue.enqueue(queuedEvent(1))
    let settled = false
    const flushed = queue.flush({ timeoutMs: Infinity }).finally(() => (settled = true))
    await pause(20)
    expect(settled).toBe(false)
    release()
    expect(await flushed).toEqual({ sent: 1, pending: 0, dropped: 0 })
  })
})
