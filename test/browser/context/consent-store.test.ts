// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { createConsentStore } from '../../../packages/browser/src/context/consent-store'
import { createMemoryStore } from '../../../packages/browser/src/context/key-value-store'

describe('createConsentStore', () => {
  it('keeps writes in memory while persisting is not allowed, and commits them once it is', () => {
    const backing = createMemoryStore()
    let allowed = false
    const store = createConsentStore(backing, () => allowed)
    store.setItem('tp_session', 's1')
    expect(store.getItem('tp_session')).toBe('s1')
    expect(backing.getItem('tp_session')).toBeNull()
    allowed = true
    store.commit()
    expect(backing.getItem('tp_session')).toBe('s1')
  })

  it('keeps what another tab stored when the grant came from that tab, and fills in only what is missing', () => {
    const backing = createMemoryStore()
    let allowed = false
    const store = createConsentStore(backing, () => allowed)
    store.setItem('tp_session', 'stale-from-this-tab')
    store.setItem('tp_journey', 'only-here')
    // The other tab was granted first and has been writing since.
    backing.setItem('tp_session', 'newer-from-other-tab')
    allowed = true
    store.commit(true)
    expect(backing.getItem('tp_session')).toBe('newer-from-other-tab')
    expect(backing.getItem('tp_journey')).toBe('only-here')
  })

  it('reads what an earlier page stored, and hides it after a removal that is not yet allowed to persist', () => {
    const backing = createMemoryStore()
    backing.setItem('tp_journey', 'old')
    const store = createConsentStore(backing, () => false)
    expect(store.getItem('tp_journey')).toBe('old')
    store.removeItem('tp_journey')
    expect(store.getItem('tp_journey')).toBeNull()
    expect(backing.getItem('tp_journey')).toBe('old')
  })

  it('purge() removes the named and touched keys from the device but keeps a memory copy', () => {
    const backing = createMemoryStore()
    backing.setItem('tp_touches', 't')
    backing.setItem('tp_session', 's')
    const store = createConsentStore(backing, () => false)
    store.getItem('tp_session')
    store.purge(['tp_touches'])
    expect(backing.getItem('tp_touches')).toBeNull()
    expect(backing.getItem('tp_session')).toBeNull()
    expect(store.getItem('tp_session')).toBe('s')
  })
})
