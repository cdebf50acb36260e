import { appendFileSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createJournalStorage, type JournalStorage } from '../../packages/node/src/journal-storage'
import { many, queued, tempDir } from './journal-fixtures'

const ids = (events: readonly { id: string }[]) => events.map((e) => e.id)
const segmentFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('segment-'))

describe('journal storage', () => {
  let dir: string
  let cleanup: () => void
  const open: JournalStorage[] = []
  const journal = (options: { segmentBytes?: number; fsync?: boolean; deepCompactionAt?: number } = {}) => {
    const storage = createJournalStorage({ dir, ...options })
    open.push(storage)
    return storage
  }

  beforeEach(() => {
    ;({ dir, cleanup } = tempDir())
  })
  afterEach(async () => {
    for (const storage of open.splice(0)) await storage.close()
    cleanup()
  })

  it('keeps an event written with writeNow while a compaction checks whether everything is acknowledged', async () => {
    const storage = journal()
    await storage.append(many(3))
    // The acknowledgement starts a compaction that reads the segment to see whether all of it is
    // acknowledged; the event written meanwhile (durability 'every-event') is not in what it read.
    const removing = storage.remove(ids(many(3)))
    await new Promise((resolve) => setImmediate(resolve))
    storage.writeNow([queued('late')])
    await removing
    // Before the fix the compaction reset the journal and deleted the segment holding it.
    expect(ids(await storage.read(10, new Set()))).toEqual(['late'])
    expect(await storage.count()).toBe(1)
  })

  it('reads appended events back in order, skipping excluded ids', async () => {
    const storage = journal()
    await storage.append(many(5))
    expect(await storage.count()).toBe(5)
    const read = await storage.read(10, new Set(['e-1', 'e-3']))
    expect(ids(read)).toEqual(['e-0', 'e-2', 'e-4'])
    expect(read[0]?.json).toBe(queued('e-0').json)
    expect(read[0]?.bytes).toBe(queued('e-0').bytes)
    expect(ids(await storage.read(2, new Set()))).toEqual(['e-0', 'e-1'])
  })

  it('writes one append as one file write', async () => {
    const storage = journal()
    await storage.append(many(100))
    const [file] = segmentFiles(dir)
    expect(readFileSync(join(dir, file!), 'utf8').split('\n').filter(Boolean)).toHaveLength(100)
  })

  it('re-sends what was journalled but not acknowledged after a reopen', async () => {
    const first = journal()
    await first.append(many(10))
    await first.remove(['e-0', 'e-1', 'e-2'])
    await first.close()
    const second = journal()
    expect(await second.count()).toBe(7)
    expect(ids(await second.read(100, new Set()))).toEqual(['e-3', 'e-4', 'e-5', 'e-6', 'e-7', 'e-8', 'e-9'])
  })

  it('skips a torn last line left by a crash and keeps every intact line', async () => {
    const first = journal()
    await first.append(many(3))
    await first.close()
    const [file] = segmentFiles(dir)
    const path = join(dir, file!)
    // A kill -9 in the middle of a write: half a line, no newline.
    truncateSync(path, statSync(path).size - 40)
    const second = journal()
    expect(ids(await second.read(10, new Set()))).toEqual(['e-0', 'e-1'])
    expect(await second.count()).toBe(2)
    await second.append([queued('after')])
    expect(ids(await second.read(10, new Set()))).toEqual(['e-0', 'e-1', 'after'])
  })

  it('skips zero-filled and corrupted lines (checksum mismatch)', async () => {
    const first = journal()
    await first.append(many(2))
    await first.close()
    const path = join(dir, segmentFiles(dir)[0]!)
    const text = readFileSync(path, 'utf8').replace('"invoice"', '"invoicf"')
    writeFileSync(path, text)
    appendFileSync(path, Buffer.alloc(64))
    const second = journal()
    expect(ids(await second.read(10, new Set()))).toEqual(['e-1'])
  })

  it('deletes fully acknowledged segments and resets when everything is acknowledged', async () => {
    const storage = journal({ segmentBytes: 4096 })
    for (let i = 0; i < 10; i++) await storage.append(many(10, `b${i}`))
    expect(segmentFiles(dir).length).toBeGreaterThan(3)
    await storage.remove(ids(many(10, 'b0')).concat(ids(many(10, 'b1'))))
    const left = segmentFiles(dir).length
    expect(left).toBeLessThan(10)
    expect(await storage.count()).toBe(80)
    for (let i = 2; i < 10; i++) await storage.remove(ids(many(10, `b${i}`)))
    expect(await storage.count()).toBe(0)
    expect(segmentFiles(dir)).toEqual([])
    expect(readFileSync(join(dir, 'acks.log'), 'utf8')).toBe('')
    await storage.append([queued('later')])
    expect(ids(await storage.read(10, new Set()))).toEqual(['later'])
  })

  it('keeps acknowledgements across a reopen', async () => {
    const first = journal({ segmentBytes: 4096 })
    await first.append(many(30))
    await first.remove(['e-5', 'e-20'])
    await first.close()
    const second = journal({ segmentBytes: 4096 })
    const read = ids(await second.read(100, new Set()))
    expect(read).toHaveLength(28)
    expect(read).not.toContain('e-5')
    expect(read).not.toContain('e-20')
  })

  it('writes events synchronously with writeNow and does not write them twice on append', async () => {
    const storage = journal()
    const events = many(3)
    storage.writeNow(events)
    const path = join(dir, segmentFiles(dir)[0]!)
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(3)
    await storage.append(events)
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(3)
    expect(await storage.count()).toBe(3)
  })

  it('keeps no trace of an event written with writeNow and acknowledged before the engine appended it', async () => {
    const storage = journal()
    const [event] = many(1)
    storage.writeNow([event!])
    await storage.remove([event!.id])
    // The id was remembered for an append that never comes (the engine discards acknowledged
    // events): before the fix it stayed for good, and an append of that id was skipped.
    await storage.append([event!])
    expect(ids(await storage.read(10, new Set()))).toEqual([event!.id])
  })

  it('writes at once with appendSync when no operation is queued, and defers to append otherwise', async () => {
    const storage = journal()
    expect(storage.appendSync(many(3, 'a'))).toBe(true)
    const path = join(dir, segmentFiles(dir)[0]!)
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(3)
    const reading = storage.read(10, new Set())
    expect(storage.appendSync(many(2, 'b'))).toBe(false)
    await storage.append(many(2, 'b'))
    expect(ids(await reading)).toEqual(ids(many(3, 'a')))
    expect(ids(await storage.read(10, new Set()))).toEqual([...ids(many(3, 'a')), ...ids(many(2, 'b'))])
  })

  it('skips the acknowledged head of a segment and still returns every pending event, in order', async () => {
    const storage = journal()
    await storage.append(many(30))
    await storage.remove(ids(many(30)).slice(0, 10))
    expect(ids(await storage.read(5, new Set()))).toEqual(['e-10', 'e-11', 'e-12', 'e-13', 'e-14'])
    // Acknowledged out of order: the later ones first.
    await storage.remove(ids(many(30)).slice(20))
    expect(ids(await storage.read(100, new Set(['e-10'])))).toEqual(ids(many(30)).slice(11, 20))
    await storage.remove(ids(many(30)).slice(10, 20))
    expect(await storage.count()).toBe(0)
    expect(segmentFiles(dir)).toEqual([])
    expect(readFileSync(join(dir, 'acks.log'), 'utf8')).toBe('')
  })

  it('reads a bounded number of events from a large journal', async () => {
    const storage = journal({ segmentBytes: 64 * 1024 })
    for (let i = 0; i < 20; i++) await storage.append(many(500, `s${i}`))
    expect(await storage.count()).toBe(10_000)
    const read = await storage.read(100, new Set())
    expect(read).toHaveLength(100)
    expect(read[0]?.id).toBe('s0-0')
  })

  it('survives ids that would break the line format', async () => {
    const storage = journal()
    await storage.append([queued('tab\there'), queued('new\nline'), queued('100%')])
    await storage.remove(['new\nline'])
    await storage.close()
    const again = journal()
    expect(ids(await again.read(10, new Set()))).toEqual(['tab\there', '100%'])
  })

  it('deletes a fully acknowledged segment even when it holds a corrupt line', async () => {
    const first = journal({ segmentBytes: 4096 })
    await first.append(many(5, 'old'))
    await first.close()
    const path = join(dir, segmentFiles(dir)[0]!)
    writeFileSync(path, readFileSync(path, 'utf8').replace('old-2', 'olX-2'))
    const second = journal({ segmentBytes: 4096 })
    await second.append(many(40, 'new'))
    await second.remove(['old-0', 'old-1', 'old-3', 'old-4'])
    expect(segmentFiles(dir)).not.toContain(path.split('/').at(-1))
    expect(await second.count()).toBe(40)
  })

  it('still deletes later segments when the oldest one holds an event that is never acknowledged', async () => {
    const storage = journal({ segmentBytes: 4096, deepCompactionAt: 20 })
    for (let i = 0; i < 10; i++) await storage.append(many(10, `b${i}`))
    const before = segmentFiles(dir).length
    expect(before).toBeGreaterThan(3)
    // Everything but b0-0 (a parked batch) is acknowledged.
    for (let i = 0; i < 10; i++) await storage.remove(ids(many(10, `b${i}`)).filter((id) => id !== 'b0-0'))
    // The oldest segment was mostly acknowledged: its pending line moved to the end of the journal.
    expect(segmentFiles(dir)).toHaveLength(1)
    expect(ids(await storage.read(100, new Set()))).toEqual(['b0-0'])
    expect(await storage.count()).toBe(1)
    await storage.remove(['b0-0'])
    expect(segmentFiles(dir)).toEqual([])
  })
})
