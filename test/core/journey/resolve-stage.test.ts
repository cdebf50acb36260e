import { describe, expect, it } from 'vitest'
import { catalog } from '../../../src/journey/catalog'
import { defineJourney } from '../../../src/journey/define-journey'
import { presets } from '../../../src/journey/presets'
import { createStageResolver, phaseOf, stageIndex } from '../../../src/journey/resolve-stage'

describe('createStageResolver', () => {
  it('gives each catalog touchpoint its stage in the preset', () => {
    const stageOf = createStageResolver(presets.digitalJourney)
    expect(stageOf('facebook-ad')).toBe('awareness')
    expect(stageOf('product-review')).toBe('consideration')
    expect(stageOf('checkout')).toBe('decision')
    expect(stageOf('invoice')).toBe('delivery-use')
    expect(stageOf('loyalty-programme')).toBe('loyalty-advocacy')
    for (const touchpoint of catalog) expect(stageOf(touchpoint.id)).toBe(touchpoint.stages.digitalJourney)
  })

  it('gives undefined for a custom touchpoint, including names on Object.prototype', () => {
    const stageOf = createStageResolver(presets.lifecycle)
    expect(stageOf('my-custom-touchpoint')).toBeUndefined()
    expect(stageOf('constructor')).toBeUndefined()
    expect(stageOf('__proto__')).toBeUndefined()
  })

  it('resolves the touchpoints of a custom journey', () => {
    const journey = defineJourney({ stages: [{ id: 'visit', phase: 'before' }, { id: 'paid', phase: 'after' }], touchpoints: { 'pricing-page': 'visit', renewal: 'paid' } })
    const stageOf = createStageResolver(journey)
    expect(stageOf('pricing-page')).toBe('visit')
    expect(stageOf('renewal')).toBe('paid')
  })
})

describe('stageIndex', () => {
  it('gives the position of a stage in journey order', () => {
    expect(stageIndex(presets.purchaseFunnel, 'awareness')).toBe(0)
    expect(stageIndex(presets.purchaseFunnel, 'retention')).toBe(3)
    expect(stageIndex(presets.lifecycle, 'retention')).toBe(4)
  })

  it('gives -1 for a stage the journey does not have', () => {
    expect(stageIndex(presets.purchaseFunnel, 'decision')).toBe(-1)
  })
})

describe('phaseOf', () => {
  it('gives the phase a stage belongs to', () => {
    expect(phaseOf(presets.purchaseFunnel, 'consideration')).toBe('before')
    expect(phaseOf(presets.digitalJourney, 'decision')).toBe('during')
    expect(phaseOf(presets.lifecycle, 'advocacy')).toBe('after')
  })

  it('gives undefined for a stage the journey does not have', () => {
    expect(phaseOf(presets.lifecycle, 'purchase')).toBeUndefined()
  })
})
