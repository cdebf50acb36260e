import { describe, expect, it } from 'vitest'
import { createMemoryStorage, type Storage } from '@touchpoint/core'
import { createWriteBehind } from '../../../src/engine/write-behind'
import { createFakeClock } from '../../helpers/fake-clock'
import { queuedEvents } from '../../helpers/queued-events'

/** A storage that logs every operation and holds appends and removes until the test lets them go. */
function loggingStorage() {
  const log: string[] = []
  const held: (() => void)[] = []
  const hold = (entry: string) => {
    log.push(entry)
    return new Promise<void>((resolve) => held.push(resolve))
  }
  const storage: Storage = {
    ...createMemoryStorage(),
    append: (events) => hold(`append ${events.length}`),
    appendSync: (events) => (log.push(`appendSync ${events.length}`), true),
    remove: (ids) => hold(`remove ${ids.length}`),
  }
  const release = () => held.splice(0).forEach((resolve) => resolve())
  return { storage, log, release }
}

function setup() {
  const clock = createFakeClock()
  const { storage, log, release } = loggingStorage()
  const errors: unknown[] = []
  const writer = createWriteBehind({ storage, clock, delayMs: 0, onAppendError: (_, error) => errors.push(error), onRemoveError: (error) => errors.push(error) })
  return { clock, writer, log, release, errors }
}

describe('createWriteBehind', () => {
  it('writes a burst of 1000 events synchronously when nothing is queued before it', () => {
    const { writer, log } = setup()
    for (const event of queuedEvents(1000)) writer.add(event)
    expect(log).toEqual(['appendSync 1000'])
  })

  it('chains a burst behind a pending append and remove, so the remove never overtakes an append', async () => {
    const { clock, writer, log, release } = setup()
    writer.add(queuedEvents(1)[0]!)
    writer.flush()
    writer.remove(['msg-000000'])
    for (const event of queuedEvents(1000, 1)) writer.add(event)
    await clock.settle()
    // Only the first append started; the remove and the burst wait for it, in that order.
    expect(log).toEqual(['append 1'])
    release()
    await clock.settle()
    expect(log).toEqual(['append 1', 'remove 1'])
    release()
    await clock.settle()
    expect(log).toEqual(['append 1', 'remove 1', 'append 1000'])
    release()
    await writer.idle()
  })

  it('writes what a window gathered through the chain, never synchronously', async () => {
    const { clock, writer, log, release } = setup()
    for (const event of queuedEvents(999)) writer.add(event)
    expect(log).toEqual([])
    await clock.advance(0)
    expect(log).toEqual(['append 999'])
    release()
    await writer.idle()
  })

  it('writes a burst synchronously again once everything before it is done', async () => {
    const { clock, writer, log, release } = setup()
    writer.remove(['x'])
    for (const event of queuedEvents(1000)) writer.add(event)
    await clock.settle()
    release()
    await clock.settle()
    release()
    await writer.idle()
    for (const event of queuedEvents(1000, 1000)) writer.add(event)
    expect(log).toEqual(['remove 1', 'append 1000', 'appendSync 1000'])
  })

  it('appends what is still buffered before a remove, which may name those very events', async () => {
    const clock = createFakeClock()
    const { storage, log, release } = loggingStorage()
    const writer = createWriteBehind({ storage, clock, delayMs: 50, onAppendError: () => undefined, onRemoveError: () => undefined })
    const events = queuedEvents(3)
    for (const event of events) writer.add(event)
    writer.remove(events.map((e) => e.id))
    await clock.settle()
    release()
    await clock.settle()
    release()
    await clock.advance(100)
    expect(log).toEqual(['append 3', 'remove 3'])
  })
})

