import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TouchpointError } from '@touchpoint/core'
import { createTracker, type NodeTracker } from '../../packages/node/src/index'
import { startChaosCollector, type ChaosCollector } from '../helpers/chaos-collector'
import { tempDir } from './journal-fixtures'

const circular: Record<string, unknown> = { a: 1 }
circular.self = circular
const throwingProxy = new Proxy(
  {},
  {
    get: () => {
      throw new Error('get trap')
    },
    ownKeys: () => {
      throw new Error('ownKeys trap')
    },
  },
)
const throwingGetter = Object.defineProperty({ touchpoint: 'invoice' }, 'userId', {
  enumerable: true,
  get: () => {
    throw new Error('getter')
  },
})
let deep: Record<string, unknown> = { touchpoint: 'invoice', userId: 'u' }
for (let i = 0; i < 100; i++) deep = { nested: deep, touchpoint: 'invoice', userId: 'u' }

/** Calls that must never throw; each is dropped with an `error` event naming the field and the rule. */
const hostile: Array<[string, (tp: NodeTracker) => void]> = [
  ['no arguments', (tp) => (tp.track as (...args: unknown[]) => void)()],
  ['a number as event name', (tp) => tp.track(42 as never, { userId: 'u' })],
  ['an empty event name', (tp) => tp.track('', { userId: 'u' })],
  ['a Proxy whose traps throw', (tp) => tp.track('touchpoint', throwingProxy as never)],
  ['a getter that throws', (tp) => tp.track('touchpoint', throwingGetter as never)],
  ['circular properties', (tp) => tp.track('Order Completed', { userId: 'u', ...circular })],
  ['a BigInt', (tp) => tp.track('Order Completed', { userId: 'u', revenue: 10n as never })],
  ['NaN revenue', (tp) => tp.track('Order Completed', { userId: 'u', revenue: Number.NaN })],
  ['Infinity value', (tp) => tp.track('touchpoint', { userId: 'u', touchpoint: 'invoice', value: Infinity })],
  ['a touchpoint without its id', (tp) => tp.track('touchpoint', { userId: 'u' } as never)],
  ['an event above 32 KB', (tp) => tp.track('touchpoint', { userId: 'u', touchpoint: 'invoice', properties: { blob: 'x'.repeat(40_000) } })],
  ['properties nested 100 deep', (tp) => tp.track('touchpoint', deep as never)],
  ['a string as properties', (tp) => tp.track('touchpoint', 'invoice' as never)],
  ['a non-string userId', (tp) => tp.track('touchpoint', { userId: 42 as never, touchpoint: 'invoice' })],
  ['an invalid timestamp', (tp) => tp.track('touchpoint', { userId: 'u', touchpoint: 'invoice' }, { timestamp: 'yesterday' })],
  ['a toJSON that throws', (tp) => tp.track('Order Completed', { userId: 'u', when: { toJSON: () => { throw new Error('toJSON') } } } as never)],
  ['identify without a userId', (tp) => tp.identify(undefined as never)],
  ['identify with a function as traits', (tp) => tp.identify('u', (() => 1) as never)],
  ['options that are a Proxy', (tp) => tp.track('touchpoint', { userId: 'u', touchpoint: 'invoice' }, throwingProxy as never)],
]

describe('node tracker with hostile input', () => {
  let collector: ChaosCollector
  let dir: string
  let cleanup: () => void
  let tp: NodeTracker

  beforeEach(async () => {
    collector = await startChaosCollector()
    ;({ dir, cleanup } = tempDir())
    tp = createTracker({ endpoint: collector.url, dataDir: dir })
  })
  afterEach(async () => {
    await tp.shutdown({ timeoutMs: 1000 })
    await collector.close()
    cleanup()
  })

  it('never throws, reports each bad call, and delivers the valid events beside them', async () => {
    const errors: TouchpointError[] = []
    tp.on('error', (error) => errors.push(error))
    let valid = 0
    for (const [name, call] of hostile) {
      expect(() => call(tp), name).not.toThrow()
      tp.track('touchpoint', { userId: `user-${valid}`, touchpoint: 'invoice', value: valid++ })
    }
    const result = await tp.flush()
    expect(result.pending).toBe(0)
    const values = collector.received.flatMap((e) => (e.type === 'track' && e.event === 'touchpoint' && e.userId?.startsWith('user-') ? [e.properties.value] : []))
    expect(values).toEqual(Array.from({ length: valid }, (_, i) => i))
    // Everything that was rejected says which field broke which rule.
    expect(errors).toHaveLength(hostile.length)
    for (const error of errors) expect(error.message).toMatch(/^\S.*: \S+.* (must|is|could)/)
  })

  it('names the field and the rule in the error message', () => {
    const errors: TouchpointError[] = []
    tp.on('error', (error) => errors.push(error))
    tp.track('Order Completed', { userId: 'u', revenue: Number.NaN })
    expect(errors[0]?.message).toBe('Order Completed: properties.revenue must be a finite number')
  })

  it('never rejects flush or shutdown, even called many times at once', async () => {
    tp.track('touchpoint', { userId: 'u', touchpoint: 'invoice' })
    const results = await Promise.all([tp.flush(), tp.flush({ timeoutMs: -1 }), tp.flush({ timeoutMs: Number.NaN }), tp.shutdown(), tp.shutdown()])
    expect(results).toHaveLength(5)
    expect(collector.received).toHaveLength(1)
  })
})
