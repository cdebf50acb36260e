// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createConsent, initialConsent } from '../../../packages/browser/src/context/consent'
import { createMemoryStore } from '../../../packages/browser/src/context/key-value-store'

describe('createConsent', () => {
  it('sends events straight away by default', () => {
    const consent = createConsent<string>()
    expect(consent.state()).toBe('granted')
    expect(consent.admit('a')).toBe('send')
    expect(consent.canPersist()).toBe(true)
  })

  it('holds events while pending and releases them in order on granted', () => {
    const consent = createConsent<string>({ initial: 'pending' })
    expect(['a', 'b', 'c'].map((event) => consent.admit(event))).toEqual(['held', 'held', 'held'])
    expect(consent.canPersist()).toBe(false)
    const change = consent.set('granted')
    expect(change).toEqual({ from: 'pending', to: 'granted', released: ['a', 'b', 'c'], purged: 0 })
    expect(consent.admit('d')).toBe('send')
    expect(consent.set('granted').released).toEqual([])
  })

  it('purges held events on denied and drops every later event', () => {
    const consent = createConsent<string>({ initial: 'pending' })
    consent.admit('a')
    consent.admit('b')
    expect(consent.set('denied')).toEqual({ from: 'pending', to: 'denied', released: [], purged: 2 })
    expect(consent.admit('c')).toBe('dropped')
    expect(consent.set('granted').released).toEqual([])
  })

  it('drops the oldest held event beyond maxHeld', () => {
    const consent = createConsent<number>({ initial: 'pending', maxHeld: 2 })
    consent.admit(1)
    consent.admit(2)
    expect(consent.admit(3)).toBe('held')
    expect(consent.set('granted').released).toEqual([2, 3])
  })

  it('holds again after going back to pending', () => {
    const consent = createConsent<string>()
    consent.set('pending')
    expect(consent.admit('a')).toBe('held')
  })

  it('remembers an explicit decision across page loads, but not pending', () => {
    const store = createMemoryStore()
    createConsent({ store }).set('denied')
    expect(createConsent({ store }).state()).toBe('denied')
    createConsent({ store }).set('granted')
    expect(createConsent({ store, initial: 'pending' }).state()).toBe('granted')
    createConsent({ store }).set('pending')
    expect(store.getItem('tp_consent')).toBe('granted')
  })
})

describe('initialConsent', () => {
  it('treats Global Privacy Control as pending by default', () => {
    expect(initialConsent({ globalPrivacyControl: true })).toBe('pending')
    expect(initialConsent({ globalPrivacyControl: true, initial: 'granted' })).toBe('pending')
  })

  it('ignores Global Privacy Control when told to', () => {
    expect(initialConsent({ globalPrivacyControl: true, respectGlobalPrivacyControl: false })).toBe('granted')
  })

  it('lets an explicit grant override Global Privacy Control', () => {
    const store = createMemoryStore()
    createConsent({ store, globalPrivacyControl: true }).set('granted')
    expect(initialConsent({ store, globalPrivacyControl: true })).toBe('granted')
  })

  it('lets initial: denied win over a remembered grant', () => {
    const store = createMemoryStore()
    store.setItem('tp_consent', 'granted')
    expect(initialConsent({ store, initial: 'denied' })).toBe('denied')
  })
})
