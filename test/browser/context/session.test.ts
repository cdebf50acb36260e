// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { liveSession, touchSession } from '../../../packages/browser/src/context/session'
import { createVisitorStore } from '../../../packages/browser/src/context/visitor-store'
import { createBrowser } from './fake-browser'

const minute = 60_000
const idle = 30 * minute

function setup() {
  const browser = createBrowser()
  let n = 0
  const win = browser.open('https://shop.example.com/')
  const make = () => {
    const store = createVisitorStore(win, browser.now, () => `s${++n}`, true)
    return { store, touch: () => touchSession(store, browser.now(), idle, () => `s${++n}`), current: () => liveSession(store.get_(), browser.now(), idle)?.i }
  }
  return { ...browser, make }
}

describe('touchSession', () => {
  it('starts a session on the first event and reports it as new', () => {
    expect(setup().make().touch()).toEqual(['s1', true])
  })

  it('keeps the session while events come less than 30 minutes apart', () => {
    const { make, advance } = setup()
    const session = make()
    session.touch()
    advance(29 * minute)
    expect(session.touch()).toEqual(['s1', false])
    advance(29 * minute)
    expect(session.touch()).toEqual(['s1', false])
  })

  it('starts a new session after 31 minutes idle', () => {
    const { make, advance } = setup()
    const session = make()
    session.touch()
    advance(31 * minute)
    expect(session.touch()).toEqual(['s2', true])
  })

  it('starts a new session after 24 hours even when the visitor never stops', () => {
    const { make, advance } = setup()
    const session = make()
    session.touch()
    for (let i = 0; i < 24 * 3; i++) {
      advance(20 * minute)
      const [id] = session.touch()
      if (id !== 's1') {
        expect(i).toBe(24 * 3 - 1)
        return
      }
    }
    throw new Error('the session never rolled over')
  })

  it('survives a reload: a new store over the same storage continues the session', () => {
    const { make, advance } = setup()
    make().touch()
    advance(5 * minute)
    expect(make().touch()).toEqual(['s1', false])
  })

  it('does not trust a session that starts in the future (clock set back)', () => {
    const { make, localStorage, now } = setup()
    localStorage.setItem('tp_state', JSON.stringify({ s: { i: 'future', b: now() + 2 * idle, l: now() + 2 * idle } }))
    expect(make().touch()).toEqual(['s1', true])
  })

  it('writes a new session at once and the last activity at most every 2 s', () => {
    const { make, advance, stored } = setup()
    const session = make()
    session.touch()
    const started = stored()!.s.l
    advance(1000)
    expect(session.touch()).toEqual(['s1', false])
    expect(stored()!.s.l).toBe(started)
    session.store.flush_()
    expect(stored()!.s.l).toBe(started + 1000)
  })

  it('sees a session another tab started, within a second', () => {
    const { make, advance, localStorage, now } = setup()
    const session = make()
    session.touch()
    localStorage.setItem('tp_state', JSON.stringify({ s: { i: 'other-tab', b: now(), l: now() } }))
    advance(1000)
    expect(session.touch()).toEqual(['other-tab', false])
  })

  it('ignores a corrupted session', () => {
    const { make, localStorage } = setup()
    localStorage.setItem('tp_state', JSON.stringify({ s: { i: 1 } }))
    expect(make().touch()).toEqual(['s1', true])
  })
})

describe('liveSession', () => {
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
})
