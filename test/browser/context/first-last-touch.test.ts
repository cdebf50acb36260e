// @vitest-environment happy-dom
import type { TouchSummary } from '@touchpoint/core'
import { describe, expect, it } from 'vitest'
import { createTouchMemory, withTouches } from '../../../packages/browser/src/context/first-last-touch'
import { createMemoryStore } from '../../../packages/browser/src/context/key-value-store'

const touch = (touchpoint: string, channel: string, timestamp = '2026-01-01T00:00:00.000Z'): TouchSummary => ({ touchpoint, channel, timestamp })

describe('createTouchMemory', () => {
  it('keeps the first touch forever and moves the last touch', () => {
    const memory = createTouchMemory({ store: createMemoryStore() })
    memory.record(touch('facebook-ad', 'paid'))
    memory.record(touch('google-search', 'search'))
    expect(memory.get()).toEqual({ firstTouch: touch('facebook-ad', 'paid'), lastTouch: touch('google-search', 'search') })
  })

  it('does not let a direct visit overwrite the last campaign touch', () => {
    const memory = createTouchMemory({ store: createMemoryStore() })
    memory.record(touch('facebook-ad', 'paid'))
    memory.record(touch('direct', 'direct'))
    expect(memory.get().lastTouch?.touchpoint).toBe('facebook-ad')
  })

  it('records a direct visit as first and last touch while there is nothing else', () => {
    const memory = createTouchMemory({ store: createMemoryStore() })
    memory.record(touch('direct', 'direct'))
    expect(memory.get()).toEqual({ firstTouch: touch('direct', 'direct'), lastTouch: touch('direct', 'direct') })
    memory.record(touch('newsletter-email', 'email'))
    expect(memory.get().lastTouch?.touchpoint).toBe('newsletter-email')
  })

  it('persists across reloads and forgets on clear()', () => {
    const store = createMemoryStore()
    createTouchMemory({ store }).record(touch('facebook-ad', 'paid'))
    expect(createTouchMemory({ store }).get().firstTouch?.touchpoint).toBe('facebook-ad')
    createTouchMemory({ store }).clear()
    expect(createTouchMemory({ store }).get()).toEqual({})
  })
})

describe('withTouches', () => {
  it('adds first and last touch to a conversion without overriding explicit values', () => {
    const touches = { firstTouch: touch('facebook-ad', 'paid'), lastTouch: touch('google-search', 'search') }
    expect(withTouches({ revenue: 120 }, touches)).toEqual({ revenue: 120, firstTouch: touches.firstTouch, lastTouch: touches.lastTouch })
    expect(withTouches({ firstTouch: 'mine' }, touches)).toEqual({ firstTouch: 'mine', lastTouch: touches.lastTouch })
    expect(withTouches({ revenue: 1 }, {})).toEqual({ revenue: 1 })
  })
})
