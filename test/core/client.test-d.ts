import { describe, expectTypeOf, it } from 'vitest'
import { type Client, defineJourney, type presets, type TrackTouchpoint } from '@touchpoint/core'

describe('Client types', () => {
  const journey = defineJourney({
    stages: [
      { id: 'visit', phase: 'before' },
      { id: 'paid', phase: 'during' },
    ],
    touchpoints: { 'demo-call': 'visit', checkout: 'paid' },
  })

  it('autocompletes the touchpoint and stage ids of the journey it was created with', () => {
    expectTypeOf(journey.stages[0]!.id).toEqualTypeOf<'visit' | 'paid'>()
    type Props = Parameters<TrackTouchpoint<typeof journey>>[1]
    expectTypeOf<Client<typeof journey>['track']>().toMatchTypeOf<TrackTouchpoint<typeof journey>>()
    expectTypeOf<Extract<Props['touchpoint'], 'demo-call' | 'checkout'>>().toEqualTypeOf<'demo-call' | 'checkout'>()
    expectTypeOf<Extract<Props['stage'], 'visit' | 'paid'>>().toEqualTypeOf<'visit' | 'paid'>()
  })

  it('still accepts custom ids and any other event name', () => {
    const track = (() => {}) as Client<typeof journey>['track']
    expectTypeOf(track).toBeCallableWith('touchpoint', { touchpoint: 'my-own', stage: 'somewhere' })
    expectTypeOf(track).toBeCallableWith('Order Completed', { revenue: 10 })
  })

  it('knows the catalog ids of a preset', () => {
    type Props = Parameters<TrackTouchpoint<typeof presets.purchaseFunnel>>[1]
    expectTypeOf<Extract<Props['touchpoint'], 'invoice'>>().toEqualTypeOf<'invoice'>()
    expectTypeOf<Extract<Props['stage'], 'retention'>>().toEqualTypeOf<'retention'>()
  })
})
