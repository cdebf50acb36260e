// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { createVisitorStore } from '../../../packages/browser/src/context/visitor-store'
import { createBrowser } from './fake-browser'

function setup(persist = true, cookieDomain?: string) {
  const browser = createBrowser()
  const win = browser.open('https://shop.example.com/')
  const make = (persisting = persist) => createVisitorStore(win, browser.now, browser.newId, persisting, cookieDomain)
  return { ...browser, win, make }
}

describe('createVisitorStore', () => {
  it('makes an anonymous id on first use and stores it with a one-year SameSite=Lax cookie copy', () => {
    const { make, stored, cookies } = setup(true, '.example.com')
    expect(make().anonymousId_()).toBe('id-1')
    expect(stored()).toEqual({ a: 'id-1' })
    expect(cookies.written).toEqual(['tp_aid=id-1; Max-Age=31536000; Path=/; SameSite=Lax; Domain=.example.com; Secure'])
    expect(cookies.cookie).toBe('tp_aid=id-1')
  })

  it('survives a reload: ids and traits come back from the one stored record', () => {
    const { make } = setup()
    const first = make()
    first.anonymousId_()
    Object.assign(first.get_(), { u: 'user-42', t: { plan: 'pro' } })
    first.save_(true)
    const reloaded = make()
    expect(reloaded.anonymousId_()).toBe('id-1')
    expect(reloaded.get_()).toMatchObject({ u: 'user-42', t: { plan: 'pro' } })
  })

  it('restores the anonymous id from the cookie when storage was cleared, and writes it back', () => {
    const { make, localStorage, stored } = setup()
    make().anonymousId_()
    localStorage.removeItem('tp_state')
    expect(make().anonymousId_()).toBe('id-1')
    expect(stored()?.a).toBe('id-1')
  })

  it('refreshes the cookie once per page load, not on every write', () => {
    const { make, cookies } = setup()
    const store = make()
    store.anonymousId_()
    store.anonymousId_()
    store.save_(true)
    expect(cookies.written).toHaveLength(1)
    make().anonymousId_()
    expect(cookies.written).toHaveLength(2)
  })

  it('writes nothing while not persisting, then writes everything once allowed', () => {
    const { make, stored, cookies } = setup(false)
    const store = make()
    store.anonymousId_()
    store.get_().u = 'user-42'
    store.save_(true)
    expect(stored()).toBeUndefined()
    expect(cookies.cookie).toBe('')
    expect(store.get_()).toEqual({ a: 'id-1', u: 'user-42' })
    store.persist_(true)
    expect(stored()).toEqual({ a: 'id-1', u: 'user-42' })
    expect(cookies.cookie).toBe('tp_aid=id-1')
  })

  it('keeps what another tab stored when the grant came from that tab, and fills in only what is missing', () => {
    const { make, localStorage, stored } = setup(false)
    const store = make()
    Object.assign(store.get_(), { a: 'this-tab', u: 'only-here' })
    store.save_()
    // The other tab was granted first and has been writing since.
    localStorage.setItem('tp_state', JSON.stringify({ a: 'other-tab', s: { i: 's', b: 1, l: 2 } }))
    store.persist_(true, true)
    expect(stored()).toEqual({ a: 'other-tab', u: 'only-here', s: { i: 's', b: 1, l: 2 } })
  })

  it('reads what an earlier page stored even while it may not write', () => {
    const { make, localStorage } = setup(false)
    localStorage.setItem('tp_state', JSON.stringify({ a: 'earlier' }))
    expect(make().anonymousId_()).toBe('earlier')
  })

  it('forget() removes the stored record and the cookie, and keeps a memory copy', () => {
    const { make, stored, cookies } = setup()
    const store = make()
    store.anonymousId_()
    store.persist_(false)
    store.forget_()
    expect(stored()).toBeUndefined()
    expect(cookies.cookie).toBe('')
    expect(cookies.written.at(-1)).toContain('Max-Age=0')
    expect(store.get_().a).toBe('id-1')
  })

  it('writes minor changes at most every 2 s, and at once on flush()', () => {
    const { make, stored, advance } = setup()
    const store = make()
    store.set_({ a: 'x', s: { i: 's', b: 0, l: 0 } })
    advance(500)
    store.get_().s!.l = 500
    store.save_()
    expect(stored()?.s.l).toBe(0)
    store.flush_()
    expect(stored()?.s.l).toBe(500)
    advance(2500)
    store.get_().s!.l = 3000
    store.save_()
    expect(stored()?.s.l).toBe(3000)
  })

  it('writes minor changes on top of what another tab stored meanwhile, so its identify survives', () => {
    const { make, localStorage, stored, advance } = setup()
    const store = make()
    store.set_({ a: 'x', s: { i: 's', b: 0, l: 0 } })
    advance(500)
    store.get_().s!.l = 500
    store.save_()
    // Another tab logs the visitor in before this tab's pending write.
    localStorage.setItem('tp_state', JSON.stringify({ a: 'x', u: 'user-42', s: { i: 's', b: 0, l: 400 } }))
    store.flush_()
    expect(stored()).toEqual({ a: 'x', u: 'user-42', s: { i: 's', b: 0, l: 500 } })
    expect(store.get_().u).toBe('user-42')
  })

  it('sees what another tab wrote within a second', () => {
    const { make, localStorage, advance } = setup()
    const store = make()
    store.set_({ a: 'x' })
    localStorage.setItem('tp_state', JSON.stringify({ a: 'x', u: 'other-tab' }))
    expect(store.get_().u).toBeUndefined()
    advance(1000)
    expect(store.get_().u).toBe('other-tab')
  })

  it('ignores a corrupted record', () => {
    const { make, localStorage } = setup()
    localStorage.setItem('tp_state', '{not json')
    expect(make().anonymousId_()).toBe('id-1')
    localStorage.setItem('tp_state', 'null')
    expect(make().get_()).toEqual({})
  })

  it('keeps working from memory when storage and cookies throw', () => {
    const { make } = setup()
    const hostile = {
      ...createBrowser().open('https://a.com/'),
      get localStorage(): never {
        throw new Error('SecurityError')
      },
      document: {
        get cookie(): string {
          throw new Error('SecurityError')
        },
        set cookie(_value: string) {
          throw new Error('SecurityError')
        },
      },
    }
    const store = createVisitorStore(hostile, Date.now, () => 'mem', true)
    expect(store.anonymousId_()).toBe('mem')
    expect(() => store.forget_()).not.toThrow()
    expect(store.get_().a).toBe('mem')
    expect(make().anonymousId_()).toBe('id-1')
  })

  it('is memory only without a window (SSR)', () => {
    const store = createVisitorStore(undefined, Date.now, () => 'ssr', true)
    expect(store.anonymousId_()).toBe('ssr')
    expect(() => store.flush_()).not.toThrow()
  })
})

describe('the anonymous-id cookie on a real document', () => {
  afterEach(() => {
    document.cookie = 'tp_aid=; Max-Age=0; Path=/'
  })

  it('is written, read back and removed', () => {
    localStorage.clear()
    const store = createVisitorStore(window, Date.now, () => 'a b;c', true)
    store.anonymousId_()
    expect(document.cookie).toContain('tp_aid=a%20b%3Bc')
    localStorage.clear()
    expect(createVisitorStore(window, Date.now, () => 'other', true).anonymousId_()).toBe('a b;c')
    store.forget_()
    expect(document.cookie).not.toContain('tp_aid=a')
    localStorage.clear()
  })
})
