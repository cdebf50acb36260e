// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { Journey } from '@touchpoint/core'
import { presets } from '../../../src/journey/presets'
import { createJourneyState } from '../../../packages/browser/src/context/journey-state'
import { createMemoryStore } from '../../../packages/browser/src/context/key-value-store'

const setup = (journey: Journey = presets.purchaseFunnel) => {
  const store = createMemoryStore()
  return { store, make: () => createJourneyState({ journey, store }) }
}

describe('createJourneyState', () => {
  it('emits Stage Entered once per stage, in journey order', () => {
    const state = setup().make()
    const entered = [
      state.observe('touchpoint', { touchpoint: 'facebook-ad' }),
      state.observe('touchpoint', { touchpoint: 'google-search' }),
      state.observe('touchpoint', { touchpoint: 'product-review' }),
      state.observe('touchpoint', { touchpoint: 'product-page' }),
      state.observe('touchpoint', { touchpoint: 'checkout' }),
    ]
    expect(entered).toEqual([
      { stage: 'awareness', journey: 'purchaseFunnel', touches: 1, touchpoint: 'facebook-ad' },
      undefined,
      { stage: 'consideration', previousStage: 'awareness', journey: 'purchaseFunnel', touches: 3, touchpoint: 'product-review' },
      undefined,
      { stage: 'purchase', previousStage: 'consideration', journey: 'purchaseFunnel', touches: 5, touchpoint: 'checkout' },
    ])
  })

  it('never emits for going back to an earlier stage', () => {
    const state = setup().make()
    state.observe('touchpoint', { touchpoint: 'checkout' })
    expect(state.observe('touchpoint', { touchpoint: 'facebook-ad' })).toBeUndefined()
    expect(state.snapshot()).toEqual({ journey: 'purchaseFunnel', stage: 'purchase', touches: 2 })
  })

  it('skips stages: jumping ahead enters the further stage only', () => {
    const state = setup().make()
    expect(state.observe('touchpoint', { touchpoint: 'invoice' })?.stage).toBe('retention')
  })

  it('uses an explicit stage and ignores one the journey does not have', () => {
    const state = setup().make()
    expect(state.observe('touchpoint', { touchpoint: 'my-custom', stage: 'consideration' })?.stage).toBe('consideration')
    expect(state.observe('touchpoint', { touchpoint: 'my-custom', stage: 'nowhere' })).toBeUndefined()
    expect(state.snapshot().touches).toBe(2)
  })

  it('moves a conversion to the first stage of the purchase phase', () => {
    const state = setup(presets.lifecycle).make()
    expect(state.observe('Order Completed', { revenue: 10 })).toEqual({ stage: 'onboarding', journey: 'lifecycle', touches: 0 })
    expect(state.observe('Order Completed', { revenue: 10 })).toBeUndefined()
  })

  it('ignores other events, and does not count them as touches', () => {
    const state = setup().make()
    expect(state.observe('Button Clicked', {})).toBeUndefined()
    expect(state.observe('Stage Entered', { stage: 'retention' })).toBeUndefined()
    expect(state.snapshot()).toEqual({ journey: 'purchaseFunnel', touches: 0 })
  })

  it('keeps the furthest stage across reloads, so a stage is entered once per visitor', () => {
    const { make } = setup()
    make().observe('touchpoint', { touchpoint: 'facebook-ad' })
    expect(make().observe('touchpoint', { touchpoint: 'facebook-ad' })).toBeUndefined()
    expect(make().snapshot({ firstTouch: { touchpoint: 'facebook-ad', timestamp: 't' } })).toEqual({
      journey: 'purchaseFunnel',
      stage: 'awareness',
      touches: 2,
      firstTouch: { touchpoint: 'facebook-ad', timestamp: 't' },
    })
  })

  it('starts over for another journey and after clear()', () => {
    const store = createMemoryStore()
    createJourneyState({ journey: presets.purchaseFunnel, store }).observe('touchpoint', { touchpoint: 'checkout' })
    expect(createJourneyState({ journey: presets.digitalJourney, store }).snapshot()).toEqual({ journey: 'digitalJourney', touches: 0 })
    const state = createJourneyState({ journey: presets.purchaseFunnel, store })
    state.clear()
    expect(state.snapshot()).toEqual({ journey: 'purchaseFunnel', touches: 0 })
  })
})
