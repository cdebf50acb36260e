import { describe, expect, it } from 'vitest'
import { defineJourney } from '../../../src/journey/define-journey'
import { presets } from '../../../src/journey/presets'

const stages = [
  { id: 'visit', phase: 'before' },
  { id: 'trial', name: 'Free trial', phase: 'during', description: 'Fourteen days' },
  { id: 'paid', phase: 'after' },
] as const

/** Calls defineJourney with input TypeScript would reject, as plain-JS callers can. */
const defineUnchecked = (definition: unknown) => defineJourney(definition as never)

describe('defineJourney', () => {
  it('builds a journey from stages and touchpoint placements', () => {
    const journey = defineJourney({
      id: 'saas',
      name: 'SaaS trial',
      stages,
      touchpoints: { 'pricing-page': { stage: 'visit', channel: 'web', interaction: 'direct', name: 'Pricing page' }, 'trial-signup': { stage: 'trial' } },
    })
    expect(journey.id).toBe('saas')
    expect(journey.name).toBe('SaaS trial')
    expect(journey.stages).toEqual([
      { id: 'visit', name: 'visit', phase: 'before' },
      { id: 'trial', name: 'Free trial', phase: 'during', description: 'Fourteen days' },
      { id: 'paid', name: 'paid', phase: 'after' },
    ])
    expect(journey.touchpoints['pricing-page']).toEqual({ stage: 'visit', channel: 'web', interaction: 'direct', name: 'Pricing page' })
    expect(journey.touchpoints['trial-signup']).toEqual({ stage: 'trial' })
  })

  it('accepts a bare stage id as a placement', () => {
    const journey = defineJourney({ stages, touchpoints: { 'renewal-email': 'paid' } })
    expect(journey.touchpoints['renewal-email']).toEqual({ stage: 'paid' })
  })

  it('defaults the id to custom, the name to the id and the touchpoints to none', () => {
    const journey = defineJourney({ stages })
    expect(journey.id).toBe('custom')
    expect(journey.name).toBe('custom')
    expect(Object.keys(journey.touchpoints)).toEqual([])
  })

  it('returns a frozen copy the caller’s later edits cannot reach', () => {
    const input = { stages: [{ id: 'a', phase: 'before' as const }], touchpoints: { x: { stage: 'a' as const } } }
    const journey = defineJourney(input)
    input.stages[0]!.id = 'changed' as 'a'
    input.touchpoints.x.stage = 'changed' as 'a'
    expect(journey.stages[0]?.id).toBe('a')
    expect(journey.touchpoints.x.stage).toBe('a')
    expect(Object.isFrozen(journey)).toBe(true)
    expect(Object.isFrozen(journey.stages[0])).toBe(true)
    expect(Object.isFrozen(journey.touchpoints.x)).toBe(true)
  })

  it('keeps Object.prototype names out of its touchpoint map', () => {
    const journey = defineJourney({ stages, touchpoints: { 'pricing-page': 'visit' } })
    expect((journey.touchpoints as Record<string, unknown>)['constructor']).toBeUndefined()
  })

  it('extends a preset with custom touchpoints', () => {
    const journey = defineJourney({
      id: 'funnel-plus',
      stages: presets.purchaseFunnel.stages,
      touchpoints: { ...presets.purchaseFunnel.touchpoints, 'demo-call': 'consideration' },
    })
    expect(journey.stages.map((stage) => stage.id)).toEqual(['awareness', 'consideration', 'purchase', 'retention'])
    expect(journey.touchpoints['demo-call']).toEqual({ stage: 'consideration' })
    expect(journey.touchpoints.invoice).toEqual(presets.purchaseFunnel.touchpoints.invoice)
  })

  describe('rejects a wrong definition at once with a TypeError naming the field and the rule', () => {
    it.each([
      ['no definition', undefined, 'defineJourney: definition must be an object'],
      ['no stages', { stages: [] }, 'defineJourney: stages must be a non-empty array'],
      ['stages that are not an array', { stages: 'awareness' }, 'defineJourney: stages must be a non-empty array'],
      ['a stage that is not an object', { stages: ['awareness'] }, 'defineJourney: stages[0] must be an object'],
      ['a stage without an id', { stages: [{ phase: 'before' }] }, 'defineJourney: stages[0].id must be a non-empty string'],
      ['an empty stage id', { stages: [{ id: '', phase: 'before' }] }, 'defineJourney: stages[0].id must be a non-empty string'],
      [
        'a duplicate stage id',
        { stages: [{ id: 'a', phase: 'before' }, { id: 'a', phase: 'after' }] },
        'defineJourney: stages[1].id "a" is a duplicate; stage ids must be unique',
      ],
      ['an unknown phase', { stages: [{ id: 'a', phase: 'later' }] }, 'defineJourney: stages[0].phase must be one of before, during, after'],
      ['a stage name that is not a string', { stages: [{ id: 'a', phase: 'before', name: 3 }] }, 'defineJourney: stages[0].name must be a non-empty string'],
      ['an id that is not a string', { id: 7, stages }, 'defineJourney: id must be a non-empty string'],
      ['touchpoints that are not an object', { stages, touchpoints: ['x'] }, 'defineJourney: touchpoints must be an object keyed by touchpoint id'],
      [
        'a touchpoint on an unknown stage',
        { stages, touchpoints: { 'demo-call': 'consideration' } },
        'defineJourney: touchpoints["demo-call"].stage "consideration" is not a stage of this journey (visit, trial, paid)',
      ],
      ['a placement without a stage', { stages, touchpoints: { x: { channel: 'web' } } }, 'defineJourney: touchpoints["x"].stage must be a non-empty string'],
      ['a placement that is a number', { stages, touchpoints: { x: 1 } }, 'defineJourney: touchpoints["x"] must be a stage id or an object with a stage'],
      [
        'an unknown interaction',
        { stages, touchpoints: { x: { stage: 'visit', interaction: 'sideways' } } },
        'defineJourney: touchpoints["x"].interaction must be one of direct, indirect',
      ],
      ['an empty touchpoint id', { stages, touchpoints: { '': 'visit' } }, 'defineJourney: touchpoints: a touchpoint id must be a non-empty string'],
    ])('%s', (_case, definition, message) => {
      expect(() => defineUnchecked(definition)).toThrow(new TypeError(message))
    })
  })
})
