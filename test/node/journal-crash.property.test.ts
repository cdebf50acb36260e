import { appendFileSync, readdirSync, readFileSync, statSync, truncateSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createJournalStorage } from '../../packages/node/src/journal-storage'
import { many, tempDir } from './journal-fixtures'

/** Appends of 1–30 events, and acknowledgements of some of what is pending (picked by a seed). */
const operation = fc.oneof(
  fc.record({ append: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ ack: fc.integer({ min: 0, max: 1_000_000 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
)

const crash = fc.record({
  operations: fc.array(operation, { minLength: 1, maxLength: 25 }),
  segmentBytes: fc.integer({ min: 4096, max: 16_384 }),
  deepCompactionAt: fc.integer({ min: 1, max: 60 }),
  /** Where the newest segment is cut, as a share of its size (1 = not cut). */
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
  /** What the file system leaves after the cut: nothing, zeros, or random bytes. */
  tail: fc.oneof(fc.constant(Buffer.alloc(0)), fc.integer({ min: 1, max: 64 }).map((n) => Buffer.alloc(n)), fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.from(bytes))),
  /** Whether the ack log is cut too (acknowledged events may then come back: at-least-once). */
  cutAcks: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
})

/** Where each event's line ends in each segment file: `id → [file, end offset]`. */
function lineEnds(dir: string): Map<string, Array<[string, number]>> {
  const ends = new Map<string, Array<[string, number]>>()
  for (const file of readdirSync(dir).filter((name) => name.startsWith('segment-'))) {
    const bytes = readFileSync(join(dir, file))
    let start = 0
    for (let lf = bytes.indexOf(0x0a); lf !== -1; start = lf + 1, lf = bytes.indexOf(0x0a, start)) {
      const id = bytes.subarray(start, lf).toString('latin1').split('\t')[1]!
      ends.set(id, [...(ends.get(id) ?? []), [file, lf + 1]])
    }
  }
  return ends
}

describe('the journal after a crash at any point of its newest write', () => {
  it('returns every intact unacknowledged event once, and nothing it never held', async () => {
    await fc.assert(
      fc.asyncProperty(crash, async (c) => {
        const { dir, cleanup } = tempDir()
        try {
          const options = { dir, segmentBytes: c.segmentBytes, deepCompactionAt: c.deepCompactionAt }
          const before = createJournalStorage(options)
          const order = new Map<string, number>()
          const pending: string[] = []
          const acked = new Set<string>()
          let next = 0
          for (const op of c.operations) {
            if ('append' in op) {
              const events = many(op.append, `e${next}`)
              next += 1
              for (const event of events) order.set(event.id, order.size)
              pending.push(...events.map((event) => event.id))
              await before.append(events)
            } else {
              const n = Math.floor(pending.length * op.share)
              const chosen = new Set<string>()
              for (let i = 0; i < n; i++) chosen.add(pending[(op.ack + i * 7919) % pending.length]!)
              for (const id of chosen) {
                acked.add(id)
                pending.splice(pending.indexOf(id), 1)
              }
              await before.remove([...chosen])
            }
          }
          // The process dies here. (Closing writes nothing more; it only frees this test's file
          // descriptors.) Then the newest segment loses its tail. Order is not checked: compaction
          // moves the few pending lines of an old segment to the end of the journal, by design.
          await before.close()
          const ends = lineEnds(dir)
          const segments = readdirSync(dir).filter((name) => name.startsWith('segment-')).sort()
          const newest = segments.at(-1)
          let cutAt = Infinity
          if (newest) {
            const path = join(dir, newest)
            cutAt = Math.floor(statSync(path).size * c.cut)
            truncateSync(path, cutAt)
            appendFileSync(path, c.tail)
          }
          const acksPath = join(dir, 'acks.log')
          if (c.cutAcks !== undefined) truncateSync(acksPath, Math.floor(statSync(acksPath).size * c.cutAcks))

          const after = createJournalStorage(options)
          const found = (await after.read(1_000_000, new Set())).map((event) => event.id)
          const intact = (id: string) => (ends.get(id) ?? []).some(([file, end]) => file !== newest || end <= cutAt)

          expect(new Set(found).size).toBe(found.length)
          for (const id of found) expect(order.has(id)).toBe(true)
          for (const id of pending) if (intact(id)) expect(found).toContain(id)
          if (c.cutAcks === undefined) for (const id of found) expect(acked.has(id)).toBe(false)
          expect(await after.count()).toBe(found.length)
          await after.close()
        } finally {
          cleanup()
        }
      }),
      { numRuns: 80 },
    )
  }, 120_000)
})
