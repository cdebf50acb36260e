/**
 * The browser context, wired together: page context, campaign, session, identity, consent,
 * first/last touch, the automatic landing touchpoint, journey state and SPA page views.
 * `createTracker` plugs its hooks into the core client and spreads `bind(...)` over the tracker.
 * Works without a window (SSR): no page context, memory-only state, the methods still answer.
 */
import { createUuidV7, encodeJourneyToken, stableContext, type EventContext, type Journey, type JsonObject, type QueuedEvent } from '@touchpoint/core'
import { attempt as safely } from '../attempt'
import { watchNavigation } from './auto-pageviews'
import { consentKey, initialConsent, isConsentState, type ConsentState } from './consent'
import type { BoundContext, BrowserContext, ClientCalls, ContextOptions, ContextPlatform } from './context-types'
import { createJourneyState } from './journey-state'
import { recordLandingTouch } from './landing-touch'
import { createUrlMasker } from './mask-url'
import { createPageContext } from './page-context'
import { liveSession, touchSession } from './session'
import { createVisitorStore } from './visitor-store'

export type { BoundContext, BrowserContext, ClientCalls, ContextMethods, ContextOptions, ContextPlatform, ContextWindow, JourneySnapshot } from './context-types'

/** Wires the context for one tracker. Reads nothing but the consent decision until the first event. */
export function createBrowserContext(options: ContextOptions & { journey: Journey }, platform: ContextPlatform = {}): BrowserContext {
  /** Makes UUIDv7 ids with the generator core builds events with (made on first use). */
  let nextId: ((at: number) => string) | undefined
  const { window_: win, now_: now = Date.now, newId_: newId = () => (nextId ??= createUuidV7())(now()) } = platform
  const { conversionEvents = ['Order Completed'], sessionTimeoutMs = 1_800_000, cookieDomain } = options
  let consent = initialConsent(options, win)
  /** Events tracked while consent is pending, in order (at most 1000: the oldest are dropped and reported). */
  let held: QueuedEvent[] = []
  const store = createVisitorStore(win, now, newId, consent === 'granted', cookieDomain)
  const journeyState = createJourneyState(options.journey, store, conversionEvents)
  const pageContext = win && createPageContext(win, createUrlMasker(options.maskParams), now)
  /** Whether a new session records its landing touch (never without a page). */
  const landing = options.autoLandingTouchpoint !== false && pageContext
  /** After an SPA navigation: the previous in-app URL. */
  let referrer: string | undefined
  /** The session id `begin` renewed for the call under way (every call goes through `begin`). */
  let sessionId: string | undefined
  /** The last context and what it was made of (see `context_`). */
  let context: Partial<EventContext> | undefined
  let contextPage: Partial<EventContext> | undefined
  let contextSession: string | undefined
  /** `Stage Entered` properties found while recording an event, tracked right after it. */
  const entered: JsonObject[] = []

  const tracking = (): boolean => consent !== 'denied'

  return {
    // The session was renewed by the call wrapping this event (see `begin`), unless consent is
    // denied. One object while page and session stay, marked stable: the core copies and
    // serializes it once. (Nothing changes it or the page context's objects: new ones are made.)
    context_() {
      const page = pageContext?.(referrer)
      if (page !== contextPage || sessionId !== contextSession || !context) {
        context = Object.defineProperty({ ...(contextPage = page), sessionId: (contextSession = sessionId) }, stableContext, { value: true })
      }
      return context
    },
    identity_: () => ({ anonymousId: store.anonymousId_(), userId: store.get_().u }),
    intercept_(queued, event) {
      if (consent === 'denied') return false
      if (consent === 'pending' && held.push(queued) > 1000) platform.onHeldDropped_?.([held.shift()!])
      if (event.type === 'track') {
        const stage = journeyState.observe_(event.event, event.properties)
        if (stage) entered.push(stage)
      }
      return consent === 'granted'
    },
    bind_: bind,
  }

  function bind<C extends ClientCalls>(client: C, queue: { enqueue(event: QueuedEvent): unknown }): BoundContext<C> {
    const emitEntered = (): void => {
      // Runs after every call: allocate nothing unless a stage was entered.
      if (entered.length) for (const properties of entered.splice(0)) client.track('Stage Entered', properties)
    }
    /** Before each call: renew the session, and record the landing touch when one starts. */
    const begin = (): void => {
      sessionId = undefined
      if (!tracking()) return
      const [id, isNew] = touchSession(store, now(), sessionTimeoutMs, newId)
      sessionId = id
      if (isNew && landing) {
        recordLandingTouch(pageContext(referrer), now(), cookieDomain, store, client)
        emitEntered()
      }
    }
    /** Wraps a client call: `begin` first, then `before` (while tracking) may adjust the arguments, `Stage Entered` after. */
    const wrap = <K extends keyof ClientCalls>(name: K, before?: (args: any[]) => void) =>
      ((...args: any[]) => {
        safely(() => {
          begin()
          if (tracking()) before?.(args)
        })
        ;(client[name] as (...args: unknown[]) => void)(...args)
        safely(emitEntered)
      }) as C[K]
    const page = wrap('page')
    /**
     * Applies a consent state: `granted` releases the held events in order, `denied` purges them.
     * Every state is remembered, `pending` too: the next page must not start from an older
     * decision the visitor has been asked to reconsider. `fromOtherTab`: that tab already wrote
     * it, and the state it stored is the newer one; writing it back would echo between tabs
     * (storage events arrive late, so a tab would rewrite a value already replaced).
     */
    const decide = (state: ConsentState, fromOtherTab?: boolean): ConsentState => {
      if (isConsentState(state)) {
        safely(() => {
          const released = state === 'granted' ? held : []
          consent = state
          if (state !== 'pending') held = []
          if (!fromOtherTab) safely(() => win?.localStorage!.setItem(consentKey, state))
          store.persist_(state === 'granted', fromOtherTab)
          if (state === 'denied') store.forget_()
          for (const queued of released) queue.enqueue(queued)
        })
      }
      return consent
    }

    const stops: (() => void)[] = []
    if (win) {
      if (landing) safely(begin)
      if (options.autoPageviews) {
        page()
        safely(() =>
          stops.push(
            watchNavigation(win, (_url, previous) => {
              referrer = previous
              page()
            }),
          ),
        )
      }
      // Pending writes reach storage before the page may be frozen or closed.
      const persist = (): void => store.flush_()
      // A consent state set in another tab of the site applies here too (held events released
      // or purged, or held again).
      const onStorage = (event: StorageEvent): void => {
        if (event.key === consentKey && event.newValue !== consent) decide(event.newValue as ConsentState, true)
      }
      const listen = (method: 'addEventListener' | 'removeEventListener'): void => {
        win[method]('pagehide', persist)
        win[method]('visibilitychange', persist)
        win[method]('storage', onStorage)
      }
      safely(() => {
        listen('addEventListener')
        stops.push(() => listen('removeEventListener'))
      })
    }
    return {
      track: wrap('track', (args) => {
        if (conversionEvents.includes(args[0])) {
          // The caller's own `firstTouch` / `lastTouch` win.
          const { f, l } = store.get_()
          const properties = (args[1] = { ...args[1] })
          if (f && properties.firstTouch === undefined) properties.firstTouch = f
          if (l && properties.lastTouch === undefined) properties.lastTouch = l
        }
      }),
      page,
      identify: wrap('identify', ([userId, traits]) => {
        if (typeof userId === 'string' && userId) {
          const record = store.get_()
          // A different user on the same browser must not inherit the previous user's traits.
          // Round-tripped through JSON here: traits it cannot hold (BigInt, cycles) would make
          // every later write of the record throw. Such an identify is rejected, and changes nothing.
          record.t = JSON.parse(JSON.stringify({ ...(record.u === userId ? record.t : {}), ...traits }))
          record.u = userId
          store.save_(true)
        }
      }),
      consent: (state?: ConsentState) => decide(state!),
      journey: journeyState.snapshot_,
      journeyToken() {
        if (consent !== 'granted') return
        const record = store.get_()
        const base = { v: 1, anonymousId: store.anonymousId_(), sessionId: liveSession(record, now(), sessionTimeoutMs)?.i } as const
        const token = encodeJourneyToken({ ...base, firstTouch: record.f, lastTouch: record.l })
        // Touches that make the token longer than `decodeJourneyToken` accepts are left out.
        return token.length <= 4096 ? token : encodeJourneyToken(base)
      },
      reset() {
        safely(() => store.set_({ a: newId() }))
        sessionId = undefined
      },
      stop_() {
        for (const stop of stops.splice(0)) stop()
        // What the page would write on pagehide (touch count, last activity) is written now.
        safely(store.flush_)
      },
    }
  }
}
