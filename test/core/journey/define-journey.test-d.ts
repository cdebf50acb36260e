import { describe, expectTypeOf, it } from 'vitest'
import { catalogById, type CatalogTouchpointId } from '../../../src/journey/catalog'
import { defineJourney } from '../../../src/journey/define-journey'
import { presets } from '../../../src/journey/presets'
import type { CatalogTouchpoint, Journey, StageId, TouchpointId, TouchpointInput } from '../../../src/journey/types'

const saas = defineJourney({
  id: 'saas',
  stages: [
    { id: 'visit', phase: 'before' },
    { id: 'trial', phase: 'during' },
    { id: 'paid', phase: 'after' },
  ],
  touchpoints: { 'pricing-page': 'visit', 'trial-signup': { stage: 'trial', channel: 'web' } },
})

describe('defineJourney types', () => {
  it('infers the stage ids and the touchpoint ids as literal unions', () => {
    expectTypeOf(saas).toEqualTypeOf<Journey<'visit' | 'trial' | 'paid', 'pricing-page' | 'trial-signup'>>()
    expectTypeOf<StageId<typeof saas>>().toEqualTypeOf<'visit' | 'trial' | 'paid'>()
    expectTypeOf<TouchpointId<typeof saas>>().toEqualTypeOf<'pricing-page' | 'trial-signup'>()
  })

  it('infers no touchpoint ids when none are given', () => {
    const bare = defineJourney({ stages: [{ id: 'only', phase: 'before' }] })
    expectTypeOf(bare).toEqualTypeOf<Journey<'only', never>>()
    expectTypeOf<StageId<typeof bare>>().toEqualTypeOf<'only'>()
    expectTypeOf<TouchpointId<typeof bare>>().toEqualTypeOf<never>()
  })

  it('rejects a touchpoint placed on a stage the journey does not have', () => {
    defineJourney({
      stages: [{ id: 'visit', phase: 'before' }],
      // @ts-expect-error 'consideration' is not a stage of this journey
      touchpoints: { 'demo-call': 'consideration' },
    })
    defineJourney({
      stages: [{ id: 'visit', phase: 'before' }],
      // @ts-expect-error 'sideways' is not an interaction
      touchpoints: { 'demo-call': { stage: 'visit', interaction: 'sideways' } },
    })
  })

  it('infers the ids of a preset extended with custom touchpoints', () => {
    const extended = defineJourney({
      stages: presets.purchaseFunnel.stages,
      touchpoints: { ...presets.purchaseFunnel.touchpoints, 'demo-call': 'consideration' },
    })
    expectTypeOf(extended.stages[0]!.id).toEqualTypeOf<StageId<typeof presets.purchaseFunnel>>()
    expectTypeOf<TouchpointId<typeof extended>>().toEqualTypeOf<CatalogTouchpointId | 'demo-call'>()
  })

  it('rejects an unknown phase', () => {
    // @ts-expect-error 'later' is not a phase
    defineJourney({ stages: [{ id: 'visit', phase: 'later' }] })
  })
})

describe('TouchpointInput', () => {
  it('offers the journey’s touchpoint and stage ids and still accepts custom strings', () => {
    type Input = TouchpointInput<typeof saas>
    expectTypeOf<{ touchpoint: 'pricing-page'; stage: 'visit' }>().toExtend<Input>()
    expectTypeOf<{ touchpoint: 'my-own-touchpoint'; stage: 'my-own-stage' }>().toExtend<Input>()
    expectTypeOf<{ touchpoint: 'pricing-page' }>().toExtend<Input>()
    expectTypeOf<Input['touchpoint']>().toEqualTypeOf<'pricing-page' | 'trial-signup' | (string & {})>()
    expectTypeOf<Input['stage']>().toEqualTypeOf<'visit' | 'trial' | 'paid' | (string & {}) | undefined>()
  })

  it('still requires a touchpoint and checks the other properties', () => {
    expectTypeOf<{ stage: 'visit' }>().not.toExtend<TouchpointInput<typeof saas>>()
    expectTypeOf<{ touchpoint: 'x'; interaction: 'sideways' }>().not.toExtend<TouchpointInput<typeof saas>>()
    expectTypeOf<{ touchpoint: 'x'; value: 120; currency: 'USD'; channel: 'email' }>().toExtend<TouchpointInput<typeof saas>>()
  })
})

describe('preset and catalog types', () => {
  it('carry the preset stage ids and the catalog touchpoint ids', () => {
    expectTypeOf<StageId<typeof presets.purchaseFunnel>>().toEqualTypeOf<'awareness' | 'consideration' | 'purchase' | 'retention'>()
    expectTypeOf<StageId<typeof presets.digitalJourney>>().toEqualTypeOf<'awareness' | 'consideration' | 'decision' | 'delivery-use' | 'loyalty-advocacy'>()
    expectTypeOf<TouchpointId<typeof presets.lifecycle>>().toEqualTypeOf<CatalogTouchpointId>()
    expectTypeOf<'facebook-ad' | 'invoice' | 'newsletter-email' | 'direct' | 'google-search'>().toExtend<CatalogTouchpointId>()
    expectTypeOf<'not-in-the-catalog'>().not.toExtend<CatalogTouchpointId>()
  })

  it('type catalog lookups: exact for known ids, possibly undefined for any string', () => {
    expectTypeOf(catalogById['invoice']).toEqualTypeOf<CatalogTouchpoint<'invoice'>>()
    expectTypeOf(catalogById['invoice'].stages.digitalJourney).toEqualTypeOf<'awareness' | 'consideration' | 'decision' | 'delivery-use' | 'loyalty-advocacy'>()
    const id: string = 'anything'
    expectTypeOf(catalogById[id]).toEqualTypeOf<CatalogTouchpoint | undefined>()
    expectTypeOf(presets.purchaseFunnel.touchpoints['invoice'].stage).toEqualTypeOf<'awareness' | 'consideration' | 'purchase' | 'retention'>()
  })
})
