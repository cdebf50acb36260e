import { describe, expect, it } from 'vitest'
import { createLeanPreset, createLeanPurchaseFunnel } from '../../../src/journey/lean-preset'
import { presets } from '../../../src/journey/presets'

describe('createLeanPreset', () => {
  it.each(['purchaseFunnel', 'digitalJourney', 'lifecycle'] as const)('places every touchpoint on the stage %s places it on', (key) => {
    const lean = createLeanPreset(key)
    const full = presets[key]
    expect(lean.id).toBe(full.id)
    expect(lean.name).toBe(full.name)
    expect(Object.keys(lean.touchpoints)).toEqual(Object.keys(full.touchpoints))
    for (const [id, placement] of Object.entries(full.touchpoints)) expect(lean.touchpoints[id as keyof typeof lean.touchpoints], id).toEqual({ stage: placement.stage })
  })

  it('keeps the stage ids, names and phases, without the descriptions', () => {
    for (const key of ['purchaseFunnel', 'digitalJourney', 'lifecycle'] as const) {
      expect(createLeanPreset(key).stages).toEqual(presets[key].stages.map(({ id, name, phase }) => ({ id, name, phase })))
    }
  })

  it('is frozen like the presets', () => {
    const lean = createLeanPreset('purchaseFunnel')
    expect(Object.isFrozen(lean)).toBe(true)
    expect(Object.isFrozen(lean.stages)).toBe(true)
    expect(Object.isFrozen(lean.touchpoints)).toBe(true)
    expect(Object.isFrozen(lean.touchpoints['invoice'])).toBe(true)
  })
})

describe('createLeanPurchaseFunnel', () => {
  it('equals the lean purchase funnel preset', () => {
    expect(createLeanPurchaseFunnel()).toEqual(createLeanPreset('purchaseFunnel'))
  })
})
