import { describe, expect, it } from 'vitest'
import { catalog } from '../../../src/journey/catalog'
import { presets } from '../../../src/journey/presets'
import type { Phase } from '../../../src/event/types'

const phaseOrder: Record<Phase, number> = { before: 0, during: 1, after: 2 }

describe('presets', () => {
  it('have the stages of the purchase funnel, the digital journey and the lifecycle, in order', () => {
    expect(presets.purchaseFunnel.stages.map((stage) => stage.id)).toEqual(['awareness', 'consideration', 'purchase', 'retention'])
    expect(presets.digitalJourney.stages.map((stage) => stage.id)).toEqual(['awareness', 'consideration', 'decision', 'delivery-use', 'loyalty-advocacy'])
    expect(presets.lifecycle.stages.map((stage) => stage.id)).toEqual(['awareness', 'acquisition', 'onboarding', 'engagement', 'retention', 'advocacy'])
  })

  it('give each stage a name, a description and its phase', () => {
    expect(presets.digitalJourney.stages.map((stage) => [stage.name, stage.phase])).toEqual([
      ['Awareness', 'before'],
      ['Consideration', 'before'],
      ['Decision', 'during'],
      ['Delivery & use', 'after'],
      ['Loyalty & advocacy', 'after'],
    ])
    expect(presets.lifecycle.stages.find((stage) => stage.id === 'onboarding')?.phase).toBe('during')
    for (const journey of Object.values(presets)) {
      for (const stage of journey.stages) expect(stage.description, `${journey.id}.${stage.id}`).toBeTruthy()
    }
  })

  it.each(Object.values(presets).map((journey) => [journey.id, journey] as const))('%s never goes back to an earlier phase', (_id, journey) => {
    const order = journey.stages.map((stage) => phaseOrder[stage.phase])
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(new Set(journey.stages.map((stage) => stage.phase)).size).toBe(3)
  })

  it.each(['purchaseFunnel', 'digitalJourney', 'lifecycle'] as const)('%s places every catalog touchpoint as the catalog says', (key) => {
    const journey = presets[key]
    expect(journey.id).toBe(key)
    expect(Object.keys(journey.touchpoints).sort()).toEqual(catalog.map((touchpoint) => touchpoint.id).sort())
    for (const touchpoint of catalog) {
      expect(journey.touchpoints[touchpoint.id]).toEqual({
        stage: touchpoint.stages[key],
        name: touchpoint.name,
        channel: touchpoint.channel,
        interaction: touchpoint.interaction,
      })
    }
  })

  it('place post-purchase touchpoints after the sale and ads at the start', () => {
    expect(presets.purchaseFunnel.touchpoints['invoice'].stage).toBe('retention')
    expect(presets.digitalJourney.touchpoints['order-confirmation-email'].stage).toBe('decision')
    expect(presets.digitalJourney.touchpoints['delivery-tracking'].stage).toBe('delivery-use')
    expect(presets.lifecycle.touchpoints['loyalty-programme'].stage).toBe('retention')
    expect(presets.lifecycle.touchpoints['customer-review'].stage).toBe('advocacy')
    expect(presets.lifecycle.touchpoints['facebook-ad'].stage).toBe('awareness')
  })

  it('leaves no stage of any preset without a catalog touchpoint', () => {
    for (const journey of Object.values(presets)) {
      const used = new Set(Object.values(journey.touchpoints).map((placement) => placement.stage))
      for (const stage of journey.stages) expect(used.has(stage.id), `${journey.id}.${stage.id}`).toBe(true)
    }
  })

  it('are frozen so one tracker cannot change another’s journey', () => {
    for (const journey of Object.values(presets)) {
      expect(Object.isFrozen(journey)).toBe(true)
      expect(Object.isFrozen(journey.stages)).toBe(true)
      expect(Object.isFrozen(journey.touchpoints)).toBe(true)
      expect(Object.isFrozen(journey.touchpoints['invoice'])).toBe(true)
    }
  })
})
