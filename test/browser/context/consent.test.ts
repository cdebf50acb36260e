// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createConsent } from '../../../packages/browser/src/context/consent'
import { createMemoryStore } from './fake-browser'

describe('createConsent', () => {
  it('sends events straight away by default', () => {
    const consent = createConsent<string>()
    expect(consent.state()).toBe('granted')
    expect(consent.admit('a')).toBe('granted')
  })

  it('holds events while pending and releases them in order on granted', () => {
    const consent = createConsent<string>({ initial: 'pending' })
    expect(['a', 'b', 'c'].map((event) => consent.admit(event))).toEqual(['pending', 'pending', 'pending'])
    expect(consent.set('granted')).toEqual(['a', 'b', 'c'])
    expect(consent.admit('d')).toBe('granted')
    expect(consent.set('granted')).toEqual([])
  })

  it('purges held events on denied and drops every later event', () => {
    const consent = createConsent<string>({ initial: 'pending' })
    consent.admit('a')
    consent.admit('b')
    expect(consent.set('denied')).toEqual([])
    expect(consent.admit('c')).toBe('denied')
    expect(consent.set('granted')).toEqual([])
  })

  it('drops the oldest held event beyond maxHeld, and reports it', () => {
    const dropped: number[] = []
    const consent = createConsent<number>({ initial: 'pending', maxHeld: 2, onDrop: (event) => dropped.push(event) })
    consent.admit(1)
    consent.admit(2)
    expect(consent.admit(3)).toBe('pending')
    expect(dropped).toEqual([1])
    expect(consent.set('granted')).toEqual([2, 3])
  })

  it('holds again after going back to pending', () => {
    const consent = createConsent<string>()
    consent.set('pending')
    expect(consent.admit('a')).toBe('pending')
  })

  it('remembers an explicit decision across page loads, but not pending', () => {
    const storage = createMemoryStore()
    const store = () => storage
    createConsent({ store }).set('denied')
    expect(createConsent({ store }).state()).toBe('denied')
    createConsent({ store }).set('granted')
    expect(createConsent({ store, initial: 'pending' }).state()).toBe('granted')
    createConsent({ store }).set('pending')
    expect(storage.getItem('tp_consent')).toBe('granted')
  })

  it('works when storage throws', () => {
    const store = () => {
      throw new Error('SecurityError')
    }
    const consent = createConsent({ store, initial: 'pending' })
    expect(consent.set('granted')).toEqual([])
    expect(consent.state()).toBe('granted')
  })
})

describe('the starting state', () => {
  it('treats Global Privacy Control as pending by default', () => {
    expect(createConsent({ globalPrivacyControl: true }).state()).toBe('pending')
    expect(createConsent({ globalPrivacyControl: true, initial: 'granted' }).state()).toBe('pending')
  })

  it('ignores Global Privacy Control when told to', () => {
    expect(createConsent({ globalPrivacyControl: true, respectGlobalPrivacyControl: false }).state()).toBe('granted')
  })

  it('lets an explicit grant override Global Privacy Control', () => {
    const storage = createMemoryStore()
    createConsent({ store: () => storage, globalPrivacyControl: true }).set('granted')
    expect(createConsent({ store: () => storage, globalPrivacyControl: true }).state()).toBe('granted')
  })

  it('lets initial: denied win over a remembered grant', () => {
    const storage = createMemoryStore()
    storage.setItem('tp_consent', 'granted')
    expect(createConsent({ store: () => storage, initial: 'denied' }).state()).toBe('denied')
  })

  it('falls back to granted for an unknown initial value', () => {
    expect(createConsent({ initial: 'maybe' as never }).state()).toBe('granted')
  })
})
