/**
 * Real Chromium: the landing touchpoint, the session and the campaign, end to end through the IIFE
 * build and a loopback collector, with Playwright's fake clock for the 31-minute idle gap.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { TrackEvent, WireEvent } from '../../../src/event/types'
import { fastOptions, initScript, trackerPage, useE2eEnvironment } from './harness'

const env = useE2eEnvironment((collectorUrl) => ({ '/landing': trackerPage, '/pricing': trackerPage, '/init.js': initScript(fastOptions(collectorUrl)) }))

const adQuery = '?utm_source=facebook&utm_medium=cpc&utm_campaign=spring&fbclid=IwAR0e2e'

/** Calls `touchpoint.<method>(...args)` in the page and waits for the queue to drain. */
async function call(page: Page, method: string, ...args: unknown[]): Promise<void> {
  await page.evaluate(
    async ({ method, args }) => {
      const tp = (window as any).touchpoint
      tp[method](...args)
      await tp.flush({ timeoutMs: 3000 })
    },
    { method, args },
  )
}

const touchpoints = (): TrackEvent[] => env.collector.received.filter((e): e is TrackEvent => e.type === 'track' && e.event === 'touchpoint')
const pages = (): WireEvent[] => env.collector.received.filter((e) => e.type === 'page')

describe('browser context in Chromium', () => {
  it('records the landing touchpoint once per session, and again after 31 minutes idle', async () => {
    const page = await env.context.newPage()
    await page.clock.install({ time: new Date('2026-03-02T09:00:00Z') })
    await page.goto(`${env.server.origin}/landing${adQuery}`, { referer: 'https://l.facebook.com/' })
    await call(page, 'page')
    await env.collector.waitForReceived(3)

    // The visit from a Facebook ad: one landing touchpoint with its channel and campaign.
    expect(touchpoints()).toHaveLength(1)
    const landing = touchpoints()[0]!
    expect(landing.properties).toMatchObject({
      touchpoint: 'facebook-ad',
      stage: 'awareness',
      campaign: { source: 'facebook', medium: 'cpc', name: 'spring', fbclid: 'IwAR0e2e' },
    })
    expect(['paid', 'social']).toContain(landing.properties.channel)
    expect(landing.context.campaign).toMatchObject({ source: 'facebook', fbclid: 'IwAR0e2e' })
    const firstSession = landing.context.sessionId
    expect(typeof firstSession).toBe('string')
    expect(pages()[0]!.context.sessionId).toBe(firstSession)

    // A second page view in the same session: no new landing touchpoint.
    await page.clock.fastForward('05:00')
    await page.goto(`${env.server.origin}/pricing`)
    await call(page, 'page')
    await expect.poll(() => pages().length).toBe(2)
    expect(touchpoints()).toHaveLength(1)
    expect(pages()[1]!.context.sessionId).toBe(firstSession)
    expect(pages()[1]!.anonymousId).toBe(landing.anonymousId)

    // 31 minutes without an event: the next one starts a new session with its own landing touch.
    await page.clock.fastForward('31:00')
    await call(page, 'page')
    await expect.poll(() => pages().length).toBe(3)
    const third = pages()[2]!
    expect(third.context.sessionId).not.toBe(firstSession)
    expect(third.anonymousId).toBe(landing.anonymousId)
    expect(touchpoints()).toHaveLength(2)
    expect(touchpoints()[1]!.context.sessionId).toBe(third.context.sessionId)
  })

  it('masks sensitive parameters and holds events until consent is granted', async () => {
    env.server.set('/init.js', initScript(fastOptions(env.collector.url, { consent: 'pending' })))
    const page = await env.context.newPage()
    await page.goto(`${env.server.origin}/landing?email=a%40b.c&utm_source=newsletter&utm_medium=email`)
    await call(page, 'track', 'Signed Up', { plan: 'pro' })
    await page.waitForTimeout(400)
    expect(env.collector.received).toHaveLength(0)
    await call(page, 'consent', 'granted')
    await env.collector.waitForReceived(3)
    const names = env.collector.received.map((e) => (e.type === 'track' ? e.event : e.type))
    expect(names).toEqual(['touchpoint', 'Stage Entered', 'Signed Up'])
    const landing = touchpoints()[0]!
    expect(landing.properties).toMatchObject({ touchpoint: 'newsletter-email', channel: 'email' })
    expect(landing.context.page?.url).toBe(`${env.server.origin}/landing?email=***&utm_source=newsletter&utm_medium=email`)
    expect(JSON.stringify(env.collector.received)).not.toContain('a%40b.c')
  })

  it('records SPA page views (pushState, back button) with masked URLs and the previous in-app URL as referrer', async () => {
    env.server.set('/init.js', initScript(fastOptions(env.collector.url, { autoPageviews: true })))
    const page = await env.context.newPage()
    await page.goto(`${env.server.origin}/landing?token=t0ken`)
    await page.evaluate(() => {
      history.pushState(null, '', '/pricing?email=a%40b.c&plan=pro')
      // A hash-only change is not a page view.
      history.pushState(null, '', '/pricing?email=a%40b.c&plan=pro#faq')
      history.back()
      history.back()
    })
    await expect.poll(() => pages().length).toBe(3)
    await call(page, 'track', 'Done', {})
    const origin = env.server.origin
    expect(pages().map((event) => [event.context.page?.url, event.context.page?.referrer])).toEqual([
      [`${origin}/landing?token=***`, undefined],
      [`${origin}/pricing?email=***&plan=pro`, `${origin}/landing?token=***`],
      [`${origin}/landing?token=***`, `${origin}/pricing?email=***&plan=pro`],
    ])
    expect(new Set(env.collector.received.map((event) => event.anonymousId)).size).toBe(1)
    expect(JSON.stringify(env.collector.received)).not.toMatch(/t0ken|a%40b\.c/)
  })

  it('enters a stage once across two tabs, and a logout in one tab reaches the other', async () => {
    const origin = env.server.origin
    const first = await env.context.newPage()
    await first.goto(`${origin}/landing${adQuery}`)
    const second = await env.context.newPage()
    await second.goto(`${origin}/pricing`)
    await call(first, 'identify', 'user-42', { plan: 'pro' })
    await call(first, 'track', 'touchpoint', { touchpoint: 'product-page' })
    await call(second, 'track', 'touchpoint', { touchpoint: 'product-page' })
    const entered = () => env.collector.received.filter((e): e is TrackEvent => e.type === 'track' && e.event === 'Stage Entered').map((e) => e.properties.stage)
    await expect.poll(() => touchpoints().length).toBe(3)
    expect(entered()).toEqual(['awareness', 'consideration'])

    await call(first, 'reset')
    await call(first, 'track', 'Logged Out', {})
    // The other tab reads the visitor record again at most a second later.
    await second.waitForTimeout(1100)
    await call(second, 'track', 'Later', {})
    const named = (name: string) => env.collector.received.find((e): e is TrackEvent => e.type === 'track' && e.event === name)
    await expect.poll(() => named('Later')).toBeDefined()
    expect(named('Logged Out')!.userId).toBeUndefined()
    expect(named('Later')).toMatchObject({ anonymousId: named('Logged Out')!.anonymousId, context: { sessionId: named('Logged Out')!.context.sessionId } })
    expect(named('Later')!.userId).toBeUndefined()
  })
})
