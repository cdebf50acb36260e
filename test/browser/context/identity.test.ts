// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createDocumentCookieJar, type CookieAttributes, type CookieJar } from '../../../packages/browser/src/context/cookie-jar'
import { createIdentity } from '../../../packages/browser/src/context/identity'
import { createMemoryStore, createSafeStore } from '../../../packages/browser/src/context/key-value-store'

function fakeJar() {
  const cookies = new Map<string, { value: string; attributes: CookieAttributes }>()
  const jar: CookieJar = {
    get: (name) => cookies.get(name)?.value,
    set: (name, value, attributes) => {
      if (attributes.maxAgeSeconds <= 0) cookies.delete(name)
      else cookies.set(name, { value, attributes })
    },
  }
  return { jar, cookies }
}

function setup(options: { cookieDomain?: string } = {}) {
  const store = createMemoryStore()
  const { jar, cookies } = fakeJar()
  let n = 0
  const make = (persist = true) => createIdentity({ store, cookies: jar, newId: () => `anon-${++n}`, persist, ...options })
  return { store, cookies, make }
}

describe('createIdentity', () => {
  it('makes an anonymous id on first use and stores it with a one-year SameSite=Lax cookie copy', () => {
    const { make, store, cookies } = setup({ cookieDomain: '.example.com' })
    expect(make().anonymousId()).toBe('anon-1')
    expect(store.getItem('tp_aid')).toBe('anon-1')
    expect(cookies.get('tp_aid')).toEqual({ value: 'anon-1', attributes: { maxAgeSeconds: 31_536_000, domain: '.example.com' } })
    const jar = createDocumentCookieJar({ cookie: '', location: { protocol: 'https:' } })
    expect(() => jar.set('tp_aid', 'x', { maxAgeSeconds: 1, domain: undefined })).not.toThrow()
  })

  it('survives a reload: ids and traits come back from storage', () => {
    const { make } = setup()
    const first = make()
    first.anonymousId()
    first.identify('user-42', { plan: 'pro' })
    const reloaded = make()
    expect(reloaded.anonymousId()).toBe('anon-1')
    expect(reloaded.userId()).toBe('user-42')
    expect(reloaded.traits()).toEqual({ plan: 'pro' })
  })

  it('restores the anonymous id from the cookie when storage was cleared', () => {
    const { make, store } = setup()
    make().anonymousId()
    store.removeItem('tp_aid')
    expect(make().anonymousId()).toBe('anon-1')
    expect(store.getItem('tp_aid')).toBe('anon-1')
  })

  it('merges traits on identify and drops them when another user logs in', () => {
    const { make } = setup()
    const identity = make()
    identity.identify('a', { plan: 'pro' })
    identity.identify(undefined, { country: 'VN' })
    expect(identity.traits()).toEqual({ plan: 'pro', country: 'VN' })
    identity.identify('b', { plan: 'free' })
    expect(identity.traits()).toEqual({ plan: 'free' })
  })

  it('reset() clears user id and traits and starts a new anonymous id, in memory and storage', () => {
    const { make, store, cookies } = setup()
    const identity = make()
    identity.identify('user-42', { plan: 'pro' })
    identity.reset()
    expect(identity.userId()).toBeUndefined()
    expect(identity.traits()).toEqual({})
    expect(identity.anonymousId()).toBe('anon-2')
    expect(store.getItem('tp_uid')).toBeNull()
    expect(store.getItem('tp_traits')).toBeNull()
    expect(cookies.get('tp_aid')?.value).toBe('anon-2')
    const reloaded = make()
    expect(reloaded.anonymousId()).toBe('anon-2')
    expect(reloaded.userId()).toBeUndefined()
  })

  it('writes nothing while not persisting, then writes everything once allowed', () => {
    const { make, store, cookies } = setup()
    const identity = make(false)
    identity.identify('user-42')
    expect(store.getItem('tp_aid')).toBeNull()
    expect(cookies.size).toBe(0)
    identity.persist(true)
    expect(store.getItem('tp_aid')).toBe('anon-1')
    expect(store.getItem('tp_uid')).toBe('"user-42"')
    expect(cookies.has('tp_aid')).toBe(true)
  })

  it('forget() removes the stored copies and the cookie', () => {
    const { make, store, cookies } = setup()
    const identity = make()
    identity.identify('user-42', { plan: 'pro' })
    identity.persist(false)
    identity.forget()
    expect([store.getItem('tp_aid'), store.getItem('tp_uid'), store.getItem('tp_traits')]).toEqual([null, null, null])
    expect(cookies.size).toBe(0)
  })
})

describe('createDocumentCookieJar', () => {
  it('writes and reads a real document cookie', () => {
    const jar = createDocumentCookieJar(document)
    jar.set('tp_test', 'a b;c', { maxAgeSeconds: 60 })
    expect(jar.get('tp_test')).toBe('a b;c')
    jar.set('tp_test', '', { maxAgeSeconds: 0 })
    expect(jar.get('tp_test')).toBeUndefined()
  })

  it('formats the attributes', () => {
    const doc = { cookie: '', location: { protocol: 'https:' } }
    createDocumentCookieJar(doc).set('tp_aid', 'x', { maxAgeSeconds: 10, domain: '.example.com' })
    expect(doc.cookie).toBe('tp_aid=x; Max-Age=10; Path=/; SameSite=Lax; Domain=.example.com; Secure')
  })

  it('never throws where the document forbids cookies', () => {
    const doc = {
      get cookie(): string {
        throw new Error('SecurityError')
      },
      set cookie(_value: string) {
        throw new Error('SecurityError')
      },
    }
    const jar = createDocumentCookieJar(doc)
    expect(jar.get('x')).toBeUndefined()
    expect(() => jar.set('x', 'y', { maxAgeSeconds: 1 })).not.toThrow()
  })
})

describe('createSafeStore', () => {
  it('falls back to memory when opening storage throws', () => {
    const store = createSafeStore(() => {
      throw new Error('SecurityError')
    })
    store.setItem('k', 'v')
    expect(store.getItem('k')).toBe('v')
  })

  it('keeps a memory copy when the quota is exceeded', () => {
    const backing = createMemoryStore()
    const store = createSafeStore(() => ({ ...backing, setItem: () => { throw new Error('QuotaExceededError') } }))
    store.setItem('k', 'v')
    expect(store.getItem('k')).toBe('v')
  })
})
