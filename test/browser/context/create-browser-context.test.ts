// @vitest-environment happy-dom
import { createClient, decodeJourneyToken, presets, stableContext, type Queue, type QueuedEvent, type TrackEvent, type WireEvent } from '@touchpoint/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createBrowserContext, type ContextOptions, type ContextWindow } from '../../../packages/browser/src/context/create-browser-context'
import type { KeyValueStore } from '../../../packages/browser/src/context/context-types'
import { createBrowser } from './fake-browser'

const minute = 60_000

/** A window's event listeners, to dispatch `storage` and `pagehide` by hand. */
function listenerRegistry() {
  const listeners = new Map<string, Set<(event: never) => void>>()
  const window: Partial<ContextWindow> = {
    addEventListener: (type: string, listener: (event: never) => void) => void (listeners.get(type) ?? listeners.set(type, new Set()).get(type)!).add(listener),
    removeEventListener: (type: string, listener: (event: never) => void) => void listeners.get(type)?.delete(listener),
  }
  const dispatch = (type: string, event: object) => {
    for (const listener of listeners.get(type) ?? []) listener(event as never)
  }
  return { window, dispatch }
}

const stops: (() => void)[] = []
afterEach(() => {
  while (stops.length) stops.pop()!()
  vi.useRealTimers()
})

/** A tracker as `createTracker` wires it, over the real core client and a recording queue. */
function start(browser: ReturnType<typeof createBrowser>, win: ContextWindow | undefined, options: ContextOptions = {}) {
  const queued: WireEvent[] = []
  const queue = { enqueue: (event: QueuedEvent) => queued.push(JSON.parse(event.json) as WireEvent) } as unknown as Queue
  const journey = presets.purchaseFunnel
  const context = createBrowserContext({ journey, ...options }, { ...(win ? { window_: win } : {}), now_: browser.now, newId_: browser.newId })
  const client = createClient({ queue, library: { name: 'test', version: '0' }, journey, context: context.context_, identity: context.identity_, intercept: context.intercept_, now: browser.now })
  const tracker = { ...client, ...context.bind_(client, queue) }
  stops.push(tracker.stop_)
  const tracks = () => queued.filter((event): event is TrackEvent => event.type === 'track')
  return { tracker, queued, tracks, touchpoints: () => tracks().filter((event) => event.event === 'touchpoint') }
}

const adUrl = 'https://shop.example.com/landing?utm_source=facebook&utm_medium=cpc&utm_campaign=spring&fbclid=IwAR0abc'

describe('createBrowserContext', () => {
  it('records the landing touchpoint with channel and campaign when a session starts', () => {
    const browser = createBrowser()
    const { touchpoints } = start(browser, browser.open(adUrl, 'https://l.facebook.com/'))
    expect(touchpoints()).toHaveLength(1)
    const [landing] = touchpoints()
    expect(landing!.properties).toMatchObject({
      touchpoint: 'facebook-ad',
      channel: 'paid',
      stage: 'awareness',
      campaign: { source: 'facebook', medium: 'cpc', name: 'spring', fbclid: 'IwAR0abc' },
      properties: { source: 'facebook', landingPage: adUrl, referrer: 'https://l.facebook.com/' },
    })
    // The session starts first (id-1), then the anonymous id is made for the landing event (id-2).
    expect(landing!.context.sessionId).toBe('id-1')
    expect(landing!.anonymousId).toBe('id-2')
  })

  it('emits Stage Entered right after the touch that entered the stage, once', () => {
    const browser = createBrowser()
    const { tracker, tracks } = start(browser, browser.open(adUrl))
    tracker.track('touchpoint', { touchpoint: 'instagram-ad' })
    tracker.track('touchpoint', { touchpoint: 'product-page' })
    expect(tracks().map((event) => [event.event, event.properties.touchpoint ?? event.properties.stage])).toEqual([
      ['touchpoint', 'facebook-ad'],
      ['Stage Entered', 'facebook-ad'],
      ['touchpoint', 'instagram-ad'],
      ['touchpoint', 'product-page'],
      ['Stage Entered', 'product-page'],
    ])
    expect(tracks()[4]!.properties).toMatchObject({ stage: 'consideration', previousStage: 'awareness' })
    expect(tracker.journey()).toMatchObject({ journey: 'purchaseFunnel', stage: 'consideration', touches: 3, firstTouch: { touchpoint: 'facebook-ad' } })
  })

  it('does not record a second landing touchpoint in the same session, but does after 31 minutes idle', () => {
    const browser = createBrowser()
    start(browser, browser.open(adUrl))
    browser.advance(10 * minute)
    const second = start(browser, browser.open('https://shop.example.com/pricing', 'https://shop.example.com/landing'))
    second.tracker.page()
    expect(second.touchpoints()).toHaveLength(0)
    const sessionBefore = second.queued[0]!.context.sessionId
    browser.advance(31 * minute)
    second.tracker.page()
    const [landing] = second.touchpoints()
    expect(landing!.properties).toMatchObject({ touchpoint: 'website', channel: 'internal' })
    expect(landing!.context.sessionId).not.toBe(sessionBefore)
  })

  it('attaches first and last touch to conversions and moves the journey to purchase', () => {
    const browser = createBrowser()
    start(browser, browser.open(adUrl))
    browser.advance(2 * 24 * 60 * minute)
    const { tracker, tracks } = start(browser, browser.open('https://shop.example.com/', 'https://www.google.com/'))
    tracker.track('Order Completed', { revenue: 120, currency: 'USD' })
    const order = tracks().find((event) => event.event === 'Order Completed')!
    expect(order.properties).toMatchObject({ revenue: 120, firstTouch: { touchpoint: 'facebook-ad', channel: 'paid' }, lastTouch: { touchpoint: 'google-search', channel: 'search', referrer: 'https://www.google.com/' } })
    expect(tracks().at(-1)).toMatchObject({ event: 'Stage Entered', properties: { stage: 'purchase' } })
  })

  it('masks sensitive parameters in page, referrer and landing page', () => {
    const browser = createBrowser()
    const { touchpoints } = start(browser, browser.open('https://shop.example.com/welcome?email=a%40b.c&ref=x', 'https://partner.example.org/?token=t'), { maskParams: ['ref'] })
    const [landing] = touchpoints()
    expect(landing!.context.page).toMatchObject({ url: 'https://shop.example.com/welcome?email=***&ref=***', referrer: 'https://partner.example.org/?token=***' })
    expect(landing!.properties.properties).toMatchObject({ landingPage: 'https://shop.example.com/welcome?email=***&ref=***' })
  })

  it('holds everything while pending, writes nothing, and releases in order on granted', () => {
    const browser = createBrowser()
    const { tracker, queued } = start(browser, browser.open(adUrl), { consent: 'pending' })
    tracker.track('Clicked', { n: 1 })
    tracker.page()
    expect(queued).toHaveLength(0)
    expect(browser.stored()).toBeUndefined()
    expect(browser.cookies.cookie).toBe('')
    expect(tracker.journeyToken()).toBeUndefined()
    expect(tracker.consent('granted')).toBe('granted')
    expect(queued.map((event) => (event.type === 'track' ? event.event : event.type))).toEqual(['touchpoint', 'Stage Entered', 'Clicked', 'page'])
    expect(browser.stored()).toMatchObject({ a: 'id-2', s: { i: 'id-1' }, f: { touchpoint: 'facebook-ad' }, j: { s: 'awareness' } })
    expect(browser.cookies.cookie).toBe('tp_aid=id-2')
  })

  it('holds again after going back to pending, and remembers every state', () => {
    const browser = createBrowser()
    const { tracker, queued } = start(browser, browser.open(adUrl))
    const names = () => queued.map((event) => (event.type === 'track' ? event.event : event.type))
    expect(tracker.consent('pending')).toBe('pending')
    tracker.track('Held', {})
    expect(names()).toEqual(['touchpoint', 'Stage Entered'])
    expect(browser.localStorage.getItem('tp_consent')).toBe('pending')
    tracker.consent('granted')
    expect(names()).toEqual(['touchpoint', 'Stage Entered', 'Held'])
    expect(browser.localStorage.getItem('tp_consent')).toBe('granted')
    // A second grant releases nothing more; an unknown value only reads the state.
    tracker.consent('granted')
    expect(tracker.consent('maybe' as never)).toBe('granted')
    expect(queued).toHaveLength(3)
    // The grant is remembered on the next page load, over Global Privacy Control.
    const next = start(browser, browser.open(adUrl, '', { navigator: { globalPrivacyControl: true } }))
    expect(next.tracker.consent()).toBe('granted')
  })

  it('remembers going back to pending, so the next page holds events again whatever it came from', () => {
    for (const decision of ['granted', 'denied'] as const) {
      const browser = createBrowser()
      const first = start(browser, browser.open(adUrl))
      first.tracker.consent(decision)
      first.tracker.consent('pending')
      expect(browser.localStorage.getItem('tp_consent')).toBe('pending')
      // The next page starts pending even with the default option (granted), not from the old decision.
      const next = start(browser, browser.open(adUrl))
      expect(next.tracker.consent()).toBe('pending')
      next.tracker.track('Held', {})
      next.tracker.consent('denied')
      next.tracker.consent('granted')
      expect(next.queued.map((event) => (event.type === 'track' ? event.event : event.type))).not.toContain('Held')
      expect(browser.stored()?.u).toBeUndefined()
    }
  })

  it('purges held events and stored identifiers on denied, and tracks nothing after', () => {
    const browser = createBrowser()
    const first = start(browser, browser.open(adUrl))
    expect(browser.stored()?.f).toBeDefined()
    first.tracker.consent('pending')
    first.tracker.track('Held', {})
    expect(first.tracker.consent('denied')).toBe('denied')
    first.tracker.track('After', {})
    expect(first.queued.map((event) => (event.type === 'track' ? event.event : event.type))).toEqual(['touchpoint', 'Stage Entered'])
    expect(browser.stored()).toBeUndefined()
    expect(browser.cookies.cookie).toBe('')
    // The decision is remembered on the next page load.
    const next = start(browser, browser.open(adUrl))
    next.tracker.page()
    expect(next.queued).toHaveLength(0)
    expect(next.tracker.consent()).toBe('denied')
  })

  it('writes nothing once denied, not even a write scheduled before the denial, here or in another tab', () => {
    vi.useFakeTimers()
    const browser = createBrowser()
    const here = listenerRegistry()
    const there = listenerRegistry()
    const tabs = [start(browser, browser.open(adUrl, '', here.window)), start(browser, browser.open(adUrl, '', there.window))]
    browser.advance(500)
    // Both tabs have a minor write (last activity, touch count) scheduled.
    for (const { tracker } of tabs) tracker.track('touchpoint', { touchpoint: 'facebook-ad' })
    tabs[0]!.tracker.consent('denied')
    there.dispatch('storage', { key: 'tp_consent', newValue: 'denied' })
    vi.advanceTimersByTime(5000)
    here.dispatch('pagehide', {})
    there.dispatch('visibilitychange', {})
    for (const { tracker } of tabs) {
      tracker.reset()
      tracker.identify('user-42', {})
      tracker.track('touchpoint', { touchpoint: 'product-page' })
    }
    vi.advanceTimersByTime(5000)
    here.dispatch('pagehide', {})
    expect(browser.stored()).toBeUndefined()
    expect(browser.cookies.cookie).toBe('')
    expect(browser.cookies.written.at(-1)).toContain('Max-Age=0')
  })

  it('writes nothing while pending, not even when the page is hidden or the 2 s write is due', () => {
    vi.useFakeTimers()
    const browser = createBrowser()
    const listeners = listenerRegistry()
    const { tracker, queued } = start(browser, browser.open(adUrl, '', listeners.window), { consent: 'pending' })
    tracker.identify('user-42', {})
    browser.advance(3000)
    tracker.track('touchpoint', { touchpoint: 'facebook-ad' })
    vi.advanceTimersByTime(5000)
    listeners.dispatch('pagehide', {})
    expect(browser.localStorage.size()).toBe(0)
    expect(browser.cookies.written).toEqual([])
    expect(queued).toHaveLength(0)
  })

  it('applies a consent decision taken in another tab of the site (storage event)', () => {
    const browser = createBrowser()
    const listeners = listenerRegistry()
    const { tracker, queued } = start(browser, browser.open(adUrl, '', listeners.window), { consent: 'pending' })
    tracker.track('Held', {})
    // Another tab grants: it writes tp_consent, this tab receives a storage event.
    browser.localStorage.setItem('tp_consent', 'granted')
    listeners.dispatch('storage', { key: 'tp_consent', newValue: 'granted' })
    expect(tracker.consent()).toBe('granted')
    expect(queued.map((event) => (event.type === 'track' ? event.event : event.type))).toEqual(['touchpoint', 'Stage Entered', 'Held'])
    listeners.dispatch('storage', { key: 'tp_consent', newValue: 'denied' })
    expect(tracker.consent()).toBe('denied')
    expect(browser.stored()).toBeUndefined()
    expect(browser.cookies.cookie).toBe('')
    tracker.track('After', {})
    expect(queued).toHaveLength(3)
  })

  it('holds events again when another tab of the site goes back to pending (storage event)', () => {
    const browser = createBrowser()
    const listeners = listenerRegistry()
    const { tracker, queued } = start(browser, browser.open(adUrl, '', listeners.window), { consent: 'granted' })
    const before = queued.length
    // Another tab calls consent('pending'): it writes tp_consent, this tab receives a storage event.
    browser.localStorage.setItem('tp_consent', 'pending')
    listeners.dispatch('storage', { key: 'tp_consent', newValue: 'pending' })
    expect(tracker.consent()).toBe('pending')
    tracker.track('Held', {})
    expect(queued).toHaveLength(before)
    // Clearing all of localStorage (key null) is not a consent decision.
    listeners.dispatch('storage', { key: null, newValue: null })
    tracker.consent('granted')
    expect(queued.map((event) => (event.type === 'track' ? event.event : event.type)).slice(before)).toEqual(['Held'])
  })

  it('takes the stored visitor as it is when a grant from another tab follows a logout there', () => {
    const browser = createBrowser()
    const listeners = listenerRegistry()
    const a = start(browser, browser.open(adUrl, '', listeners.window))
    const b = start(browser, browser.open('https://shop.example.com/pricing'))
    a.tracker.identify('user-42', { plan: 'pro' })
    browser.advance(1000)
    // Tab A counts a touch: a minor write, still pending when tab B logs out.
    a.tracker.track('touchpoint', { touchpoint: 'facebook-ad' })
    b.tracker.reset()
    b.tracker.track('After logout', {})
    const written = browser.stored()!
    b.tracker.consent('pending')
    listeners.dispatch('storage', { key: 'tp_consent', newValue: 'pending' })
    b.tracker.consent('granted')
    listeners.dispatch('storage', { key: 'tp_consent', newValue: 'granted' })
    // Tab A's grant writes the logged-out visitor's record back as tab B left it.
    expect(browser.stored()).toEqual(written)
    expect(browser.stored()).not.toHaveProperty('u')
  })

  it('never writes back a state another tab set: late storage events do not echo between tabs', () => {
    const browser = createBrowser()
    const listeners = listenerRegistry()
    const { tracker } = start(browser, browser.open(adUrl, '', listeners.window), { consent: 'granted' })
    // The other tab went pending, then granted; the first storage event arrives after the second write.
    browser.localStorage.setItem('tp_consent', 'granted')
    listeners.dispatch('storage', { key: 'tp_consent', newValue: 'pending' })
    expect(tracker.consent()).toBe('pending')
    expect(browser.localStorage.getItem('tp_consent')).toBe('granted')
    listeners.dispatch('storage', { key: 'tp_consent', newValue: 'granted' })
    expect(tracker.consent()).toBe('granted')
    expect(browser.localStorage.getItem('tp_consent')).toBe('granted')
  })

  it('gives events one context object, marked stable, while page and session stay', () => {
    const browser = createBrowser()
    const win = browser.open(adUrl)
    const context = createBrowserContext({ journey: presets.purchaseFunnel }, { window_: win, now_: browser.now, newId_: browser.newId })
    const first = context.context_() as Record<symbol, unknown>
    expect(context.context_()).toBe(first)
    expect(first[stableContext]).toBe(true)
    // Not enumerable: a copy made by spreading it (a host's extra context merged in) is not marked.
    expect({ ...first }[stableContext]).toBeUndefined()
    // The page changes: a new object, with what the page says now.
    win.document.title = 'Checkout'
    browser.advance(1000)
    expect(context.context_()).not.toBe(first)
    expect(context.context_().page?.title).toBe('Checkout')
  })

  it('reports the held events the 1,000-event cap pushes out while consent is pending', () => {
    const browser = createBrowser()
    const dropped: QueuedEvent[] = []
    const win = browser.open(adUrl)
    const context = createBrowserContext({ journey: presets.purchaseFunnel, consent: 'pending' }, { window_: win, now_: browser.now, newId_: browser.newId, onHeldDropped_: (events) => dropped.push(...events) })
    const queued: QueuedEvent[] = []
    const queue = { enqueue: (event: QueuedEvent) => queued.push(event) } as unknown as Queue
    const client = createClient({ queue, library: { name: 'test', version: '0' }, journey: presets.purchaseFunnel, context: context.context_, identity: context.identity_, intercept: context.intercept_, now: browser.now })
    const tracker = { ...client, ...context.bind_(client, queue) }
    stops.push(tracker.stop_)
    // Held so far: the landing touchpoint and its Stage Entered; 1,000 more push both out.
    for (let i = 0; i < 1000; i++) tracker.track('Clicked', { i })
    expect(dropped.map((event) => (JSON.parse(event.json) as TrackEvent).event)).toEqual(['touchpoint', 'Stage Entered'])
    tracker.consent('granted')
    expect(queued).toHaveLength(1000)
    expect((JSON.parse(queued[0]!.json) as TrackEvent).properties).toEqual({ i: 0 })
  })

  it('writes last activity and touch counts at most every 2 s, at once when the page is hidden, and a new stage at once', () => {
    const browser = createBrowser()
    const listeners = listenerRegistry()
    const { tracker } = start(browser, browser.open(adUrl, '', listeners.window))
    const started = browser.stored()!.s.l
    // Touches on the stage already reached: nothing urgent to write.
    browser.advance(500)
    tracker.track('touchpoint', { touchpoint: 'facebook-ad' })
    browser.advance(500)
    tracker.track('touchpoint', { touchpoint: 'facebook-ad' })
    expect(browser.stored()!.s.l).toBe(started)
    expect(browser.stored()!.j).toMatchObject({ s: 'awareness', n: 1 })
    listeners.dispatch('pagehide', {})
    expect(browser.stored()!.s.l).toBe(started + 1000)
    expect(browser.stored()!.j).toMatchObject({ s: 'awareness', n: 3 })
    // A new stage is written at once.
    tracker.track('touchpoint', { touchpoint: 'product-page' })
    expect(browser.stored()!.j).toMatchObject({ s: 'consideration', n: 4 })
    // A later page load continues from what was written.
    const next = start(browser, browser.open('https://shop.example.com/pricing'))
    expect(next.touchpoints()).toHaveLength(0)
    expect(next.tracker.journey()).toMatchObject({ stage: 'consideration', touches: 4 })
  })

  it('treats Global Privacy Control as pending until consent is granted, unless told otherwise', () => {
    const browser = createBrowser()
    const gpc = { navigator: { globalPrivacyControl: true } }
    expect(start(browser, browser.open(adUrl, '', gpc)).tracker.consent()).toBe('pending')
    const other = createBrowser()
    expect(start(other, other.open(adUrl, '', gpc), { respectGlobalPrivacyControl: false }).tracker.consent()).toBe('granted')
  })

  it('merges traits on identify, and drops them when another user logs in', () => {
    const browser = createBrowser()
    const { tracker, queued } = start(browser, browser.open(adUrl))
    tracker.identify('a', { plan: 'pro' })
    tracker.identify('a', { country: 'VN' })
    expect(browser.stored()).toMatchObject({ u: 'a', t: { plan: 'pro', country: 'VN' } })
    tracker.identify('b', { plan: 'free' })
    expect(browser.stored()!.t).toEqual({ plan: 'free' })
    expect(queued.at(-1)).toMatchObject({ type: 'identify', userId: 'b', traits: { plan: 'free' } })
  })

  it('keeps writing the visitor record after identify is given traits JSON cannot hold', () => {
    const browser = createBrowser()
    const first = start(browser, browser.open(adUrl))
    const circular: Record<string, unknown> = { plan: 'pro' }
    circular.self = circular
    expect(() => first.tracker.identify('user-42', { big: 10n } as never)).not.toThrow()
    expect(() => first.tracker.identify('user-43', circular as never)).not.toThrow()
    first.tracker.track('touchpoint', { touchpoint: 'product-page' })
    expect(browser.stored()).toMatchObject({ j: { s: 'consideration', n: 2 } })
    // The client rejects both identify calls; the record does not take their user ids either.
    expect(first.queued.filter((event) => event.type === 'identify')).toHaveLength(0)
    expect(browser.stored()).not.toHaveProperty('u')
    // The next page continues the session and the journey: no second landing touch or Stage Entered.
    const next = start(browser, browser.open('https://shop.example.com/pricing'))
    next.tracker.track('touchpoint', { touchpoint: 'product-page' })
    expect(next.tracks().map((event) => event.event)).toEqual(['touchpoint'])
  })

  it('keeps the caller\'s own firstTouch and lastTouch on a conversion', () => {
    const browser = createBrowser()
    const { tracker, tracks } = start(browser, browser.open(adUrl), { conversionEvents: ['Signed Up'] })
    tracker.track('Signed Up', { firstTouch: 'mine' })
    expect(tracks().find((event) => event.event === 'Signed Up')!.properties).toMatchObject({ firstTouch: 'mine', lastTouch: { touchpoint: 'facebook-ad' } })
  })

  it('keeps identity across reloads and reset() starts over', () => {
    const browser = createBrowser()
    const first = start(browser, browser.open(adUrl))
    first.tracker.identify('user-42', { plan: 'pro' })
    const reloaded = start(browser, browser.open('https://shop.example.com/account'))
    reloaded.tracker.track('Viewed', {})
    expect(reloaded.tracks().at(-1)).toMatchObject({ userId: 'user-42', anonymousId: 'id-2' })
    reloaded.tracker.reset()
    expect(reloaded.tracker.journey()).toEqual({ journey: 'purchaseFunnel', touches: 0 })
    reloaded.tracker.track('After logout', {})
    const after = reloaded.tracks().filter((event) => event.event === 'After logout')[0]!
    expect(after.userId).toBeUndefined()
    expect(after.anonymousId).not.toBe('id-2')
    expect(after.context.sessionId).not.toBe(reloaded.tracks().find((event) => event.event === 'Viewed')!.context.sessionId)
    // The new session records its own landing touch; nothing of the previous user remains.
    expect(browser.stored()).toMatchObject({ a: after.anonymousId, s: { i: after.context.sessionId }, f: { touchpoint: 'direct' }, j: { n: 1 } })
    expect(browser.stored()).not.toHaveProperty('u')
    expect(browser.stored()).not.toHaveProperty('t')
    expect(browser.cookies.cookie).toBe(`tp_aid=${after.anonymousId}`)
  })

  it('hands out a journey token the server can decode', () => {
    const browser = createBrowser()
    const { tracker } = start(browser, browser.open(adUrl))
    const token = decodeJourneyToken(tracker.journeyToken()!)
    expect(token).toMatchObject({ v: 1, anonymousId: 'id-2', sessionId: 'id-1', firstTouch: { touchpoint: 'facebook-ad', campaign: { fbclid: 'IwAR0abc' } } })
  })

  it('leaves the touches out of a journey token that would be too long, and the session once it expired', () => {
    const browser = createBrowser()
    const { tracker } = start(browser, browser.open(`${adUrl}&utm_content=${'x'.repeat(200)}&utm_term=${'y'.repeat(200)}&gclid=${'z'.repeat(200)}`, `https://l.facebook.com/${'r'.repeat(600)}`))
    tracker.track('touchpoint', { touchpoint: 'product-page' })
    browser.advance(31 * minute)
    const token = decodeJourneyToken(tracker.journeyToken()!)
    expect(token).toEqual({ v: 1, anonymousId: 'id-2' })
  })

  it('records page views on start and on SPA navigations when autoPageviews is on', () => {
    const browser = createBrowser()
    let navigate: () => void = () => {}
    const win = browser.open('https://shop.example.com/')
    const history = { pushState: () => navigate(), replaceState() {} }
    const { tracker, queued } = start(browser, { ...win, history }, { autoPageviews: true })
    navigate = () => Object.assign(win.location, { href: 'https://shop.example.com/pricing', pathname: '/pricing' })
    history.pushState()
    tracker.stop_()
    const pages = queued.filter((event) => event.type === 'page')
    expect(pages.map((event) => [event.context.page?.path, event.context.page?.referrer])).toEqual([
      ['/', undefined],
      ['/pricing', 'https://shop.example.com/'],
    ])
  })

  it('works without a window (SSR): memory only, no landing touch, methods answer', () => {
    const browser = createBrowser()
    const { tracker, queued } = start(browser, undefined)
    tracker.track('Server rendered', {})
    expect(queued).toHaveLength(1)
    expect(tracker.journey()).toEqual({ journey: 'purchaseFunnel', touches: 0 })
    expect(tracker.consent()).toBe('granted')
  })

  it('never throws into the host when storage is broken', () => {
    const browser = createBrowser()
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
      removeItem: () => {},
    }
    const { tracker, touchpoints } = start(browser, browser.open(adUrl, '', { localStorage: broken }))
    expect(() => tracker.track('x', {})).not.toThrow()
    expect(touchpoints()).toHaveLength(1)
  })

  it('keeps its session and journey in memory when storage is full and holds an older visit\'s record', () => {
    const browser = createBrowser()
    // An earlier visit wrote the record; today the origin's storage is full and refuses writes.
    start(browser, browser.open(adUrl)).tracker.identify('user-42', {})
    browser.advance(2 * 86_400_000)
    const full: KeyValueStore = {
      getItem: (key) => browser.localStorage.getItem(key),
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
      removeItem: (key) => browser.localStorage.removeItem(key),
    }
    const { tracker, tracks, touchpoints } = start(browser, browser.open('https://shop.example.com/', '', { localStorage: full }))
    for (let i = 0; i < 3; i++) {
      browser.advance(5000)
      tracker.track('touchpoint', { touchpoint: 'product-page' })
    }
    expect(touchpoints().map((event) => event.properties.touchpoint)).toEqual(['direct', 'product-page', 'product-page', 'product-page'])
    expect(new Set(tracks().map((event) => event.context.sessionId)).size).toBe(1)
    expect(tracks().filter((event) => event.event === 'Stage Entered').map((event) => event.properties.stage)).toEqual(['consideration'])
    expect(tracks().every((event) => event.userId === 'user-42')).toBe(true)
  })

  it('never throws into the host when reading localStorage or document.cookie itself throws', () => {
    const browser = createBrowser()
    const win = browser.open(adUrl)
    Object.defineProperty(win, 'localStorage', {
      get() {
        throw new Error('SecurityError')
      },
    })
    Object.defineProperty(win.document, 'cookie', {
      get() {
        throw new Error('SecurityError')
      },
      set() {
        throw new Error('SecurityError')
      },
    })
    const { tracker, tracks } = start(browser, win, { autoPageviews: true })
    expect(() => {
      tracker.identify('user-42', { plan: 'pro' })
      tracker.track('Order Completed', { revenue: 1 })
      tracker.consent('denied')
      tracker.consent('granted')
      tracker.reset()
      tracker.journey()
      tracker.journeyToken()
    }).not.toThrow()
    expect(tracks().map((event) => event.event)).toEqual(['touchpoint', 'Stage Entered', 'Order Completed', 'Stage Entered'])
  })

  it('masks every URL of the page views an SPA records through the real history API', () => {
    const browser = createBrowser()
    localStorage.clear()
    const start_ = location.href
    history.replaceState(null, '', '/start?token=abc')
    const { tracker, queued } = start(browser, window, { autoPageviews: true })
    history.pushState(null, '', '/next?email=a%40b.c&x=1')
    history.pushState(null, '', '/next?email=a%40b.c&x=1#part')
    tracker.stop_()
    history.replaceState(null, '', start_)
    localStorage.clear()
    const pages = queued.filter((event) => event.type === 'page').map((event) => event.context.page)
    const origin = location.origin
    expect(pages).toEqual([
      { url: `${origin}/start?token=***`, path: '/start', search: '?token=***' },
      { url: `${origin}/next?email=***&x=1`, path: '/next', search: '?email=***&x=1', referrer: `${origin}/start?token=***` },
    ])
  })

  it('runs on the real (happy-dom) window: localStorage, cookie and history', () => {
    const browser = createBrowser()
    localStorage.clear()
    const { tracker, touchpoints } = start(browser, window, { autoPageviews: true })
    expect(touchpoints()).toHaveLength(1)
    expect(JSON.parse(localStorage.getItem('tp_state')!).a).toBe(touchpoints()[0]!.anonymousId)
    expect(document.cookie).toContain(`tp_aid=${touchpoints()[0]!.anonymousId}`)
    tracker.stop_()
    localStorage.clear()
  })
})

describe('createBrowserContext across tabs', () => {
  /** Two tabs of one browser; `b` has its own listeners so its pending write can be flushed by hand. */
  function twoTabs() {
    const browser = createBrowser()
    const a = start(browser, browser.open(adUrl))
    const listeners = listenerRegistry()
    const b = start(browser, browser.open('https://shop.example.com/pricing', '', listeners.window))
    return { browser, a, b, hideB: () => listeners.dispatch('pagehide', {}) }
  }
  const entered = (...tabs: { tracks(): TrackEvent[] }[]) => tabs.flatMap((tab) => tab.tracks().filter((event) => event.event === 'Stage Entered').map((event) => event.properties.stage))

  it('emits Stage Entered once when another tab\'s pending write lands after this tab entered the stage', () => {
    const { browser, a, b, hideB } = twoTabs()
    browser.advance(1000)
    // Tab B counts a touch on the stage already reached: a minor write, pending.
    b.tracker.track('touchpoint', { touchpoint: 'facebook-ad' })
    browser.advance(500)
    // Tab A enters consideration, written at once.
    a.tracker.track('touchpoint', { touchpoint: 'product-page' })
    // Tab B's page is hidden: its pending write lands.
    hideB()
    expect(browser.stored()!.j).toMatchObject({ s: 'consideration' })
    browser.advance(1000)
    a.tracker.track('touchpoint', { touchpoint: 'product-page' })
    b.tracker.track('touchpoint', { touchpoint: 'product-page' })
    expect(entered(a, b)).toEqual(['awareness', 'consideration'])
  })

  it('adds up the touches two tabs count within one write window', () => {
    const { browser, a, b, hideB } = twoTabs()
    expect(browser.stored()!.j).toMatchObject({ s: 'awareness', n: 1 })
    browser.advance(1000)
    // Both tabs count a touch on the stage already reached: minor writes, pending in each.
    b.tracker.track('touchpoint', { touchpoint: 'facebook-ad' })
    a.tracker.track('touchpoint', { touchpoint: 'facebook-ad' })
    hideB()
    browser.advance(2000)
    // Tab A's next event writes its pending count: on top of what tab B wrote, not over it.
    a.tracker.track('Later', {})
    expect(browser.stored()!.j).toMatchObject({ s: 'awareness', n: 3 })
    expect(a.tracker.journey().touches).toBe(3)
  })

  it('does not bring back the session or journey of a visitor another tab logged out while a write was pending', () => {
    const { browser, a, b, hideB } = twoTabs()
    a.tracker.identify('user-42', {})
    browser.advance(1000)
    b.tracker.track('touchpoint', { touchpoint: 'facebook-ad' })
    const before = b.tracks().at(-1)!
    browser.advance(500)
    a.tracker.reset()
    a.tracker.track('After logout', {})
    const after = a.tracks().at(-1)!
    hideB()
    expect(browser.stored()).toMatchObject({ a: after.anonymousId, s: { i: after.context.sessionId }, j: { n: 1 } })
    expect(browser.stored()!.s.i).not.toBe(before.context.sessionId)
    expect(browser.stored()).not.toHaveProperty('u')
    browser.advance(1000)
    b.tracker.track('Later', {})
    expect(b.tracks().at(-1)).toMatchObject({ anonymousId: after.anonymousId, context: { sessionId: after.context.sessionId } })
    expect(b.tracks().at(-1)!.userId).toBeUndefined()
  })

  it('keeps another tab\'s identify when this tab writes a new stage while a minor write of its own is pending', () => {
    const { browser, a, b } = twoTabs()
    browser.advance(1000)
    b.tracker.track('touchpoint', { touchpoint: 'facebook-ad' })
    browser.advance(500)
    a.tracker.identify('user-42', { plan: 'pro' })
    browser.advance(1000)
    // Tab B enters a stage (written at once) a second after the login, its minor write still pending.
    b.tracker.track('touchpoint', { touchpoint: 'product-page' })
    expect(browser.stored()).toMatchObject({ u: 'user-42', t: { plan: 'pro' }, j: { s: 'consideration' } })
    expect(b.tracks().at(-1)).toMatchObject({ event: 'Stage Entered', userId: 'user-42' })
  })

  it('emits Stage Entered once when two tabs reach the same stage within a second', () => {
    const { browser, a, b } = twoTabs()
    browser.advance(100)
    b.tracker.track('Viewed', {})
    browser.advance(200)
    a.tracker.track('touchpoint', { touchpoint: 'product-page' })
    browser.advance(300)
    b.tracker.track('touchpoint', { touchpoint: 'product-page' })
    expect(entered(a, b)).toEqual(['awareness', 'consideration'])
    expect(b.tracker.journey()).toMatchObject({ stage: 'consideration', touches: 3 })
  })
})
