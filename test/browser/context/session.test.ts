// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from '../../../packages/browser/src/context/key-value-store'
import { createSession } from '../../../packages/browser/src/context/session'

const minute = 60_000

function setup() {
  let time = Date.UTC(2026, 0, 1, 9)
  let n = 0
  const store = createMemoryStore()
  const make = () => createSession({ store, now: () => time, newId: () => `s${++n}` })
  return { store, make, advance: (ms: number) => (time += ms) }
}

describe('createSession', () => {
  it('starts a session on the first event and reports it as new', () => {
    const { make } = setup()
    expect(make().touch()).toEqual({ id: 's1', isNew: true })
  })

  it('keeps the session while events come less than 30 minutes apart', () => {
    const { make, advance } = setup()
    const session = make()
    session.touch()
    advance(29 * minute)
    expect(session.touch()).toEqual({ id: 's1', isNew: false })
    advance(29 * minute)
    expect(session.touch()).toEqual({ id: 's1', isNew: false })
  })

  it('starts a new session after 31 minutes idle', () => {
    const { make, advance } = setup()
    const session = make()
    session.touch()
    advance(31 * minute)
    expect(session.touch()).toEqual({ id: 's2', isNew: true })
  })

  it('starts a new session after 24 hours even when the visitor never stops', () => {
    const { make, advance } = setup()
    const session = make()
    session.touch()
    for (let i = 0; i < 24 * 3; i++) {
      advance(20 * minute)
      const { id } = session.touch()
      if (id !== 's1') {
        expect(i).toBe(24 * 3 - 1)
        return
      }
    }
    throw new Error('the session never rolled over')
  })

  it('survives a reload: a new tracker over the same store continues the session', () => {
    const { make, advance } = setup()
    make().touch()
    advance(5 * minute)
    expect(make().touch()).toEqual({ id: 's1', isNew: false })
  })

  it('reports the live session without extending it', () => {
    const { make, advance } = setup()
    const session = make()
    expect(session.current()).toBeUndefined()
    session.touch()
    advance(20 * minute)
    expect(session.current()).toBe('s1')
    advance(11 * minute)
    expect(session.current()).toBeUndefined()
  })

  it('starts over after end()', () => {
    const { make } = setup()
    const session = make()
    session.touch()
    session.end()
    expect(session.touch()).toEqual({ id: 's2', isNew: true })
  })

  it('keeps activity in memory: writes a new session at once, last activity at most every 2 s and on flush()', () => {
    const { make, advance, store } = setup()
    const session = make()
    session.touch()
    const stored = () => JSON.parse(store.getItem('tp_session')!) as { id: string; last: number }
    const started = stored().last
    advance(1000)
    expect(session.touch()).toEqual({ id: 's1', isNew: false })
    expect(stored().last).toBe(started)
    session.flush()
    expect(stored().last).toBe(started + 1000)
    advance(2500)
    session.touch()
    expect(stored().last).toBe(started + 3500)
  })

  it('sees a session another tab started, within a second', () => {
    const { make, advance, store } = setup()
    const session = make()
    session.touch()
    store.setItem('tp_session', JSON.stringify({ id: 'other-tab', start: Date.UTC(2026, 0, 1, 9), last: Date.UTC(2026, 0, 1, 9) }))
    advance(1000)
    expect(session.touch()).toEqual({ id: 'other-tab', isNew: false })
  })

  it('ignores a corrupted record', () => {
    const { make, store } = setup()
    store.setItem('tp_session', '{not json')
    expect(make().touch()).toEqual({ id: 's1', isNew: true })
  })
})
