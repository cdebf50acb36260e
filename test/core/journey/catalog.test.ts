import { describe, expect, it } from 'vitest'
import { catalog, catalogById } from '../../../src/journey/catalog'
import { presets } from '../../../src/journey/presets'
import { phaseOf } from '../../../src/journey/resolve-stage'
import type { PresetName } from '../../../src/journey/types'

const presetNames = Object.keys(presets) as PresetName[]

describe('catalog', () => {
  it('lists at least 30 common touchpoints', () => {
    expect(catalog.length).toBeGreaterThanOrEqual(30)
  })

  it('gives every touchpoint a unique kebab-case id', () => {
    const ids = catalog.map((touchpoint) => touchpoint.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })

  it('gives every touchpoint a name, a channel, an interaction and a phase', () => {
    for (const touchpoint of catalog) {
      expect(touchpoint.name, touchpoint.id).not.toBe('')
      expect(touchpoint.channel, touchpoint.id).toMatch(/^[a-z]+$/)
      expect(['direct', 'indirect'], touchpoint.id).toContain(touchpoint.interaction)
      expect(['before', 'during', 'after'], touchpoint.id).toContain(touchpoint.phase)
    }
  })

  it.each(presetNames)('places every touchpoint on a stage that %s has', (preset) => {
    const stageIds = presets[preset].stages.map((stage) => stage.id as string)
    for (const touchpoint of catalog) expect(stageIds, touchpoint.id).toContain(touchpoint.stages[preset])
  })

  it.each(presetNames)('keeps every touchpoint in the phase of its %s stage', (preset) => {
    for (const touchpoint of catalog) {
      expect(phaseOf(presets[preset], touchpoint.stages[preset]), `${touchpoint.id} in ${preset}`).toBe(touchpoint.phase)
    }
  })

  it('covers all three phases, with touchpoints after purchase as well as before', () => {
    const phases = new Set(catalog.map((touchpoint) => touchpoint.phase))
    expect([...phases].sort()).toEqual(['after', 'before', 'during'])
  })

  it('holds the touchpoints the design names', () => {
    const named = [
      'facebook-ad', 'instagram-ad', 'tiktok-ad', 'google-search', 'search-ad', 'display-ad', 'video-ad', 'product-review',
      'word-of-mouth', 'referral', 'community', 'pr-article', 'blog-post', 'podcast', 'trade-show', 'landing-page', 'website',
      'product-page', 'catalog', 'promotion', 'sales-team', 'telesales', 'store-visit', 'point-of-sale', 'marketplace',
      'live-chat', 'checkout', 'order-confirmation-email', 'invoice', 'newsletter-email', 'support-centre', 'support-ticket',
      'chatbot', 'warranty-follow-up', 'feedback-survey', 'loyalty-programme', 'next-promotion-notice', 'direct',
      'delivery-tracking', 'user-guide',
    ]
    for (const id of named) expect(catalogById[id], id).toBeDefined()
  })

  it('holds every id a landing-page detector maps a visit to', () => {
    const landing = ['facebook-ad', 'instagram-ad', 'tiktok-ad', 'linkedin-ad', 'search-ad', 'display-ad', 'video-ad', 'google-search', 'organic-search', 'social-post', 'referring-site', 'newsletter-email', 'referral', 'direct']
    for (const id of landing) expect(catalogById[id]?.id, id).toBe(id)
  })

  it('marks ads and third-party media indirect and the brand’s own channels direct', () => {
    expect(catalogById['facebook-ad'].interaction).toBe('indirect')
    expect(catalogById['product-review'].interaction).toBe('indirect')
    expect(catalogById['sales-team'].interaction).toBe('direct')
    expect(catalogById['invoice'].interaction).toBe('direct')
  })
})

describe('catalogById', () => {
  it('finds every catalog touchpoint by its id', () => {
    for (const touchpoint of catalog) expect(catalogById[touchpoint.id]).toBe(touchpoint)
    expect(Object.keys(catalogById)).toHaveLength(catalog.length)
  })

  it('gives undefined for custom ids and for names on Object.prototype', () => {
    expect(catalogById['my-custom-touchpoint']).toBeUndefined()
    expect(catalogById['constructor']).toBeUndefined()
    expect(catalogById['toString']).toBeUndefined()
    expect(catalogById['__proto__']).toBeUndefined()
  })

  it('cannot be changed at runtime', () => {
    expect(Object.isFrozen(catalogById)).toBe(true)
  })
})
