import { describe, expect, it } from 'vitest'
import { batchBytes, batchLength, serializeBatch } from '@touchpoint/core'
import { queuedEvents } from '../../helpers/queued-events'

describe('serializeBatch', () => {
  it('joins the stored JSON into a Segment-spec body', () => {
    const events = queuedEvents(2)
    const body = JSON.parse(serializeBatch(events, '2026-01-01T00:00:00.000Z'))
    expect(body).toEqual({ batch: events.map((e) => JSON.parse(e.json)), sentAt: '2026-01-01T00:00:00.000Z' })
  })

  it('puts writeKey in the body only when given', () => {
    const events = queuedEvents(1)
    expect(JSON.parse(serializeBatch(events, '2026-01-01T00:00:00.000Z', 'wk_1')).writeKey).toBe('wk_1')
    expect('writeKey' in JSON.parse(serializeBatch(events, '2026-01-01T00:00:00.000Z'))).toBe(false)
  })

  it('stays within the size batchBytes reserves for it', () => {
    const events = queuedEvents(5)
    expect(serializeBatch(events, new Date(Date.UTC(2026, 0, 1)).toISOString()).length).toBeLessThanOrEqual(batchBytes(events))
  })
})

describe('batchLength', () => {
  it('stops at maxEvents', () => {
    const events = queuedEvents(10)
    expect(batchLength(events, 0, events.length, 4, Infinity)).toBe(4)
  })

  it('stops before the event that would take the batch over maxBytes', () => {
    const events = queuedEvents(10)
    const limit = batchBytes(events.slice(0, 3))
    expect(batchLength(events, 0, events.length, 100, limit)).toBe(3)
    expect(batchLength(events, 0, events.length, 100, limit - 1)).toBe(2)
  })

  it('counts from start to end only', () => {
    const events = queuedEvents(10)
    expect(batchLength(events, 7, events.length, 100, Infinity)).toBe(3)
    expect(batchLength(events, 10, events.length, 100, Infinity)).toBe(0)
  })

  it('lets one event larger than maxBytes go alone so the collector decides', () => {
    const events = queuedEvents(3, 0, 1000)
    expect(batchLength(events, 0, events.length, 100, 10)).toBe(1)
  })
})
