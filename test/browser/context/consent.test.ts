// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { initialConsent, isConsentState } from '../../../packages/browser/src/context/consent'
import type { KeyValueStore } from '../../../packages/browser/src/context/context-types'
import { createMemoryStore } from './fake-browser'

/** A page with `localStorage` and, optionally, Global Privacy Control. */
const page = (localStorage: KeyValueStore = createMemoryStore(), globalPrivacyControl?: boolean) => ({ localStorage, navigator: { globalPrivacyControl } })

describe('initialConsent', () => {
  it('is granted by default, with or without a page', () => {
    expect(initialConsent({}, page())).toBe('granted')
    expect(initialConsent({}, undefined)).toBe('granted')
  })

  it('starts from the consent option', () => {
    expect(initialConsent({ consent: 'pending' }, page())).toBe('pending')
    expect(initialConsent({ consent: 'maybe' as never }, page())).toBe('granted')
  })

  it('treats Global Privacy Control as pending by default', () => {
    expect(initialConsent({}, page(undefined, true))).toBe('pending')
    expect(initialConsent({ consent: 'granted' }, page(undefined, true))).toBe('pending')
  })

  it('ignores Global Privacy Control when told to', () => {
    expect(initialConsent({ respectGlobalPrivacyControl: false }, page(undefined, true))).toBe('granted')
  })

  it('lets a remembered state override Global Privacy Control and the option, pending included', () => {
    const win = page(createMemoryStore(), true)
    win.localStorage.setItem('tp_consent', 'granted')
    expect(initialConsent({ consent: 'pending' }, win)).toBe('granted')
    win.localStorage.setItem('tp_consent', 'denied')
    expect(initialConsent({}, win)).toBe('denied')
    // Asked again after a decision: the next page holds events until the visitor answers.
    const noGpc = page(createMemoryStore(), false)
    noGpc.localStorage.setItem('tp_consent', 'pending')
    expect(initialConsent({ consent: 'granted' }, noGpc)).toBe('pending')
    noGpc.localStorage.setItem('tp_consent', 'maybe')
    expect(initialConsent({ consent: 'granted' }, noGpc)).toBe('granted')
  })

  it('lets consent: denied win over a remembered grant', () => {
    const win = page()
    win.localStorage.setItem('tp_consent', 'granted')
    expect(initialConsent({ consent: 'denied' }, win)).toBe('denied')
  })

  it('reads nothing from storage that throws', () => {
    const win = {
      get localStorage(): KeyValueStore {
        throw new Error('SecurityError')
      },
      navigator: { globalPrivacyControl: undefined },
    }
    expect(initialConsent({ consent: 'pending' }, win)).toBe('pending')
  })
})

describe('isConsentState', () => {
  it('knows the three states and nothing else', () => {
    expect(['pending', 'granted', 'denied', 'maybe', undefined].map(isConsentState)).toEqual([true, true, true, false, false])
  })
})
