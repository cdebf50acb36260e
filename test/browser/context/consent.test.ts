// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createConsent } from '../../../packages/browser/src/context/consent'
import type { ContextOptions, KeyValueStore } from '../../../packages/browser/src/context/context-types'
import { createMemoryStore } from './fake-browser'

/** A page with `localStorage` and, optionally, Global Privacy Control. */
const page = (localStorage: KeyValueStore | undefined = createMemoryStore(), globalPrivacyControl?: boolean) => ({ localStorage, navigator: { globalPrivacyControl } })
const make = <T>(options: ContextOptions = {}, win = page(), onDrop?: (event: T) => void, maxHeld?: number) => createConsent<T>(options, win, onDrop, maxHeld)

describe('createConsent', () => {
  it('sends events straight away by default', () => {
    const consent = make<string>()
    expect(consent.state()).toBe('granted')
    expect(consent.admit('a')).toBe('granted')
  })

  it('holds events while pending and releases them in order on granted', () => {
    const consent = make<string>({ consent: 'pending' })
    expect(['a', 'b', 'c'].map((event) => consent.admit(event))).toEqual(['pending', 'pending', 'pending'])
    expect(consent.set('granted')).toEqual(['a', 'b', 'c'])
    expect(consent.admit('d')).toBe('granted')
    expect(consent.set('granted')).toEqual([])
  })

  it('purges held events on denied and drops every later event', () => {
    const consent = make<string>({ consent: 'pending' })
    consent.admit('a')
    consent.admit('b')
    expect(consent.set('denied')).toEqual([])
    expect(consent.admit('c')).toBe('denied')
    expect(consent.set('granted')).toEqual([])
  })

  it('drops the oldest held event beyond maxHeld, and reports it', () => {
    const dropped: number[] = []
    const consent = make<number>({ consent: 'pending' }, page(), (event) => dropped.push(event), 2)
    consent.admit(1)
    consent.admit(2)
    expect(consent.admit(3)).toBe('pending')
    expect(dropped).toEqual([1])
    expect(consent.set('granted')).toEqual([2, 3])
  })

  it('holds again after going back to pending', () => {
    const consent = make<string>()
    consent.set('pending')
    expect(consent.admit('a')).toBe('pending')
  })

  it('remembers an explicit decision across page loads, but not pending', () => {
    const storage = createMemoryStore()
    const win = page(storage)
    make({}, win).set('denied')
    expect(make({}, win).state()).toBe('denied')
    make({}, win).set('granted')
    expect(make({ consent: 'pending' }, win).state()).toBe('granted')
    make({}, win).set('pending')
    expect(storage.getItem('tp_consent')).toBe('granted')
  })

  it('works when storage throws', () => {
    const win = {
      get localStorage(): KeyValueStore {
        throw new Error('SecurityError')
      },
      navigator: { globalPrivacyControl: undefined },
    }
    const consent = make({ consent: 'pending' }, win)
    expect(consent.set('granted')).toEqual([])
    expect(consent.state()).toBe('granted')
  })
})

describe('the starting state', () => {
  it('treats Global Privacy Control as pending by default', () => {
    expect(make({}, page(undefined, true)).state()).toBe('pending')
    expect(make({ consent: 'granted' }, page(undefined, true)).state()).toBe('pending')
    expect(make({}, undefined).state()).toBe('granted')
  })

  it('ignores Global Privacy Control when told to', () => {
    expect(make({ respectGlobalPrivacyControl: false }, page(undefined, true)).state()).toBe('granted')
  })

  it('lets an explicit grant override Global Privacy Control', () => {
    const win = page(createMemoryStore(), true)
    make({}, win).set('granted')
    expect(make({}, win).state()).toBe('granted')
  })

  it('lets initial: denied win over a remembered grant', () => {
    const win = page()
    win.localStorage.setItem('tp_consent', 'granted')
    expect(make({ consent: 'denied' }, win).state()).toBe('denied')
  })

  it('falls back to granted for an unknown initial value', () => {
    expect(make({ consent: 'maybe' as never }).state()).toBe('granted')
  })
})
