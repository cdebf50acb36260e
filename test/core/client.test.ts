import { describe, expect, it } from 'vitest'
import { createClient, createQueue, presets, type TouchpointError, type WireEvent } from '@touchpoint/core'
import { createFakeClock } from '../helpers/fake-clock'
import { createScriptedTransport } from '../helpers/scripted-transport'

function setup(extra: Partial<Parameters<typeof createClient>[0]> = {}) {
  const clock = createFakeClock()
  const transport = createScriptedTransport()
  const queue = createQueue({ transport, clock })
  queue.start()
  const client = createClient({ queue, library: { name: 'test', version: '1.0.0' }, journey: presets.purchaseFunnel, now: clock.now, ...extra })
  const errors: TouchpointError[] = []
  client.on('error', (e) => errors.push(e))
  const delivered = async () => {
    await client.flush()
    return transport.delivered as WireEvent[]
  }
  return { client, transport, errors, delivered, queue }
}

describe('createClient', () => {
  it('gives a catalog touchpoint tracked without a stage the stage of its journey', async () => {
    const { client, delivered } = setup()
    client.track('touchpoint', { touchpoint: 'invoice' })
    const [event] = await delivered()
    expect(event).toMatchObject({ type: 'track', event: 'touchpoint', properties: { touchpoint: 'invoice', stage: 'retention' } })
  })

  it('keeps the stage given with an unknown (custom) touchpoint', async () => {
    const { client, delivered } = setup()
    client.track('touchpoint', { touchpoint: 'podcast-sponsorship', stage: 'awareness' })
    client.track('touchpoint', { touchpoint: 'our-own-thing' })
    const events = await delivered()
    expect(events.map((e) => (e as { properties: { stage?: string } }).properties.stage)).toEqual(['awareness', undefined])
  })

  it('reports invalid input as an error naming the field and the rule, and keeps going', async () => {
    const { client, errors, delivered } = setup()
    client.track('Order Completed', { revenue: Number.NaN })
    client.track('touchpoint', { touchpoint: 'landing-page' })
    expect(errors.map((e) => e.message)).toEqual(['Order Completed: properties.revenue must be a finite number'])
    expect(await delivered()).toHaveLength(1)
  })

  it('never throws on hostile input: a Proxy whose traps throw', () => {
    const { client, errors } = setup()
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('boom') }, get: () => { throw new Error('boom') } })
    expect(() => client.track('touchpoint', hostile as never)).not.toThrow()
    expect(() => client.track(undefined as never, undefined)).not.toThrow()
    expect(() => client.identify(42 as never)).not.toThrow()
    expect(errors.length).toBe(3)
  })

  it('fills ids and context from the platform, under what the call gives', async () => {
    const { client, delivered } = setup({
      identity: () => ({ anonymousId: 'anon-7' }),
      context: () => ({ locale: 'vi-VN', page: { path: '/pricing' } }),
    })
    client.track('touchpoint', { touchpoint: 'website' }, { userId: 'user-1', context: { locale: 'en-GB' } })
    const [event] = await delivered()
    expect(event).toMatchObject({ userId: 'user-1', anonymousId: 'anon-7', context: { locale: 'en-GB', page: { path: '/pricing' }, library: { name: 'test' } } })
  })

  it('keeps working with a logger that throws, in the client and in the engine', async () => {
    const throwing = { debug: () => { throw new Error('logger broke') }, warn: () => { throw new Error('logger broke') } }
    const clock = createFakeClock()
    const transport = createScriptedTransport()
    transport.script(503)
    const queue = createQueue({ transport, clock, logger: throwing })
    queue.start()
    const client = createClient({ queue, library: { name: 'test', version: '1.0.0' }, logger: throwing })
    expect(() => client.track('Order Completed', { revenue: Number.NaN })).not.toThrow()
    expect(() => client.track('touchpoint', { touchpoint: 'invoice' })).not.toThrow()
    await clock.advance(5000)
    expect(transport.delivered).toHaveLength(1)
  })

  it('requires userId or anonymousId when asked to (servers)', () => {
    const { client, errors } = setup({ requireIdentity: true })
    client.track('touchpoint', { touchpoint: 'invoice' })
    expect(errors[0]?.message).toBe('touchpoint: userId or anonymousId is required')
  })

  it('reports a hook that throws as an error naming the event and the reason, and keeps going', async () => {
    let calls = 0
    const { client, errors, delivered } = setup({
      intercept: () => {
        if (++calls === 1) throw new Error('consent store broke')
        return true
      },
    })
    client.track('Signed Up', {})
    client.page('Home')
    expect(errors.map((e) => e.message)).toEqual(['Signed Up: event could not be recorded (consent store broke)'])
    expect(await delivered()).toHaveLength(1)
  })

  it('lets the platform hold an event back through intercept', async () => {
    const held: string[] = []
    const { client, delivered } = setup({ intercept: (queued) => (held.push(queued.id), false) })
    client.page('Home')
    expect(held).toHaveLength(1)
    expect(await delivered()).toHaveLength(0)
  })
})
