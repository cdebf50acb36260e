import { describe, expectTypeOf, it } from 'vitest'
import { defineJourney, type FlushResult } from '@touchpoint/core'
import { createTracker, type NodeTouchpointInput, type NodeTracker } from '../../packages/node/src/index'

describe('node tracker types', () => {
  it('accepts the ids among the properties, as in the README', () => {
    const track = (() => {}) as NodeTracker['track']
    expectTypeOf(track).toBeCallableWith('touchpoint', { userId: 'user-42', touchpoint: 'invoice', channel: 'email' })
    expectTypeOf(track).toBeCallableWith('touchpoint', { touchpoint: 'invoice' }, { userId: 'user-42', journeyToken: 'eyJ2IjoxfQ' })
    expectTypeOf(track).toBeCallableWith('Order Completed', { userId: 'user-42', revenue: 120 })
  })

  it('autocompletes the touchpoints of a custom journey', () => {
    const journey = defineJourney({
      stages: [
        { id: 'bought', phase: 'during' },
        { id: 'kept', phase: 'after' },
      ],
      touchpoints: { invoice: 'bought', 'renewal-email': 'kept' },
    })
    type Props = NodeTouchpointInput<typeof journey>
    expectTypeOf<Extract<Props['touchpoint'], 'renewal-email'>>().toEqualTypeOf<'renewal-email'>()
    expectTypeOf<Extract<Props['stage'], 'kept'>>().toEqualTypeOf<'kept'>()
    // Inferred from the options: type tests are not executed, so no tracker is started here.
    expectTypeOf(createTracker({ endpoint: 'https://collect.example.com/v1/batch', journey })).toEqualTypeOf<NodeTracker<typeof journey>>()
    const track = (() => {}) as NodeTracker<typeof journey>['track']
    expectTypeOf(track).toBeCallableWith('touchpoint', { userId: 'u', touchpoint: 'renewal-email', stage: 'kept' })
  })

  it('resolves flush and shutdown with a FlushResult', () => {
    expectTypeOf<ReturnType<NodeTracker['flush']>>().toEqualTypeOf<Promise<FlushResult>>()
    expectTypeOf<ReturnType<NodeTracker['shutdown']>>().toEqualTypeOf<Promise<FlushResult>>()
    expectTypeOf<NodeTracker['persistence']>().toEqualTypeOf<'journal' | 'memory'>()
  })
})
