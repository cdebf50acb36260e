import { describe, expect, it } from 'vitest'
import { createTouchpointPlacer } from '../../../src/journey/place-touchpoint'
import { presets } from '../../../src/journey/presets'

describe('createTouchpointPlacer', () => {
  const place = createTouchpointPlacer(presets.digitalJourney)

  it('gives a touch tracked without a stage its preset stage, channel and interaction', () => {
    expect(place({ touchpoint: 'invoice' })).toEqual({ touchpoint: 'invoice', stage: 'delivery-use', channel: 'email', interaction: 'direct' })
  })

  it('keeps what the caller gave', () => {
    const properties = { touchpoint: 'facebook-ad', stage: 'consideration', channel: 'paid', interaction: 'direct' as const }
    expect(place(properties)).toBe(properties)
    expect(place({ touchpoint: 'facebook-ad', channel: 'paid' })).toEqual({ touchpoint: 'facebook-ad', channel: 'paid', stage: 'awareness', interaction: 'indirect' })
  })

  it('leaves an unknown touchpoint as it is, with the stage it was given', () => {
    const custom = { touchpoint: 'my-custom-touchpoint', stage: 'somewhere' }
    expect(place(custom)).toBe(custom)
    const bare = { touchpoint: 'constructor' }
    expect(place(bare)).toBe(bare)
  })

  it('never mutates its input', () => {
    const properties = { touchpoint: 'invoice', value: 120, currency: 'USD' }
    const placed = place(properties)
    expect(properties).toEqual({ touchpoint: 'invoice', value: 120, currency: 'USD' })
    expect(placed).toEqual({ touchpoint: 'invoice', value: 120, currency: 'USD', stage: 'delivery-use', channel: 'email', interaction: 'direct' })
  })
})
