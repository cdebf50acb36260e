// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { Journey, JsonObject } from '@touchpoint/core'
import { presets } from '../../../src/journey/presets'
import { createStageResolver } from '../../../src/journey/resolve-stage'
import { createJourneyState } from '../../../packages/browser/src/context/journey-state'
import { createVisitorStore } from '../../../packages/browser/src/context/visitor-store'
import { createBrowser } from './fake-browser'

const conversions = ['Order Completed']

/** A touchpoint's properties as the core client builds them: placed on the journey's stage. */
const placed = (touchpoint: string, journey: Journey = presets.purchaseFunnel): JsonObject => {
  const stage = createStageResolver(journey)(touchpoint)
  return stage ? { touchpoint, stage } : { touchpoint }
}

const setup = (journey: Journey = presets.purchaseFunnel) => {
  const browser = createBrowser()
  const win = browser.open('https://shop.example.com/')
  const store = () => createVisitorStore(win, browser.now, browser.newId, true)
  return { ...browser, store, make: (on: Journey = journey) => createJourneyState(on, store(), conversions) }
}

describe('createJourneyState', () => {
  it('emits Stage Entered once per stage, in journey order', () => {
    const state = setup().make()
    const entered = [
      state.observe_('touchpoint', placed('facebook-ad')),
      state.observe_('touchpoint', placed('google-search')),
      state.observe_('touchpoint', placed('product-review')),
      state.observe_('touchpoint', placed('product-page')),
      state.observe_('touchpoint', placed('checkout')),
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
    state.observe_('touchpoint', placed('checkout'))
    expect(state.observe_('touchpoint', placed('facebook-ad'))).toBeUndefined()
    expect(state.snapshot_()).toEqual({ journey: 'purchaseFunnel', stage: 'purchase', touches: 2 })
  })

  it('skips stages: jumping ahead enters the further stage only', () => {
    const state = setup().make()
    expect(state.observe_('touchpoint', placed('invoice'))?.stage).toBe('retention')
  })

  it('uses an explicit stage and ignores one the journey does not have', () => {
    const state = setup().make()
    expect(state.observe_('touchpoint', { touchpoint: 'my-custom', stage: 'consideration' })?.stage).toBe('consideration')
    expect(state.observe_('touchpoint', { touchpoint: 'my-custom', stage: 'nowhere' })).toBeUndefined()
    expect(state.snapshot_().touches).toBe(2)
  })

  it('moves a conversion to the first stage of the purchase phase', () => {
    const state = setup(presets.lifecycle).make()
    expect(state.observe_('Order Completed', { revenue: 10 })).toEqual({ stage: 'onboarding', journey: 'lifecycle', touches: 0 })
    expect(state.observe_('Order Completed', { revenue: 10 })).toBeUndefined()
  })

  it('ignores other events, and does not count them as touches', () => {
    const state = setup().make()
    expect(state.observe_('Button Clicked', {})).toBeUndefined()
    expect(state.observe_('Stage Entered', { stage: 'retention' })).toBeUndefined()
    expect(state.snapshot_()).toEqual({ journey: 'purchaseFunnel', touches: 0 })
  })

  it('writes a new stage at once and a touch count at most every 2 s', () => {
    const { make, stored, advance } = setup()
    const state = make()
    state.observe_('touchpoint', placed('facebook-ad'))
    expect(stored()?.j).toEqual({ j: 'purchaseFunnel', s: 'awareness', n: 1 })
    advance(500)
    state.observe_('touchpoint', placed('facebook-ad'))
    expect(stored()?.j.n).toBe(1)
  })

  it('keeps the furthest stage and the touches across reloads, so a stage is entered once per visitor', () => {
    const { make, store, advance } = setup()
    make().observe_('touchpoint', placed('facebook-ad'))
    advance(2000)
    expect(make().observe_('touchpoint', placed('facebook-ad'))).toBeUndefined()
    const visitor = store()
    visitor.get_().f = { touchpoint: 'facebook-ad', timestamp: 't' }
    expect(createJourneyState(presets.purchaseFunnel, visitor, conversions).snapshot_()).toEqual({
      journey: 'purchaseFunnel',
      stage: 'awareness',
      touches: 2,
      firstTouch: { touchpoint: 'facebook-ad', timestamp: 't' },
    })
  })

  it('starts over for another journey', () => {
    const { make } = setup()
    make().observe_('touchpoint', placed('checkout'))
    expect(make(presets.digitalJourney).snapshot_()).toEqual({ journey: 'digitalJourney', touches: 0 })
  })
})
