/**
 * The browser context, wired together: page context, campaign, session, identity, consent,
 * first/last touch, the automatic landing touchpoint, journey state and SPA page views.
 * `createTracker` plugs its hooks into the core client and spreads `bind(...)` over the tracker.
 * Works without a window (SSR): no page context, memory-only state, the methods still answer.
 */
import type { CallOptions, EventContext, Journey, JsonObject, Queue, QueuedEvent } from '@touchpoint/core'
import { watchNavigation } from './auto-pageviews'
import { consentKey, createConsent, type ConsentState } from './consent'
import { createConsentDecision } from './consent-decision'
import { createConsentStore } from './consent-store'
import type { ContextOptions } from './context-options'
import type { BoundContext, BrowserContext, ClientCalls, ContextPlatform } from './context-types'
import { createDocumentCookieJar, type CookieJar } from './cookie-jar'
import { createTouchMemory, defaultConversionEvents, withTouches } from './first-last-touch'
import { createIdentity } from './identity'
import { journeyTokenOf } from './journey-token'
import { createJourneyState, stageEnteredEvent } from './journey-state'
import { createSafeStore } from './key-value-store'
import { recordLandingTouch } from './landing-touch'
import { createUrlMasker } from './mask-url'
import { createPageContextCache } from './page-context-cache'
import { randomId } from './random-id'
import { safely } from './safely'
import { createSession } from './session'

export type { ContextMethods, ContextOptions } from './context-options'
export type { BoundContext, BrowserContext, ClientCalls, ContextPlatform, ContextWindow } from './context-types'

const noCookies: CookieJar = { get: () => undefined, set() {} }

/** Wires the context for one tracker. Reads nothing until the first event. */
export function createBrowserContext(options: ContextOptions & { journey: Journey }, platform: ContextPlatform = {}): BrowserContext {
  const win = platform.window
  const now = platform.now ?? Date.now
  const newId = platform.newId ?? randomId
  const conversions = options.conversionEvents ?? defaultConversionEvents
  const raw = createSafeStore(() => win?.localStorage)
  const consent = createConsent<QueuedEvent>({
    initial: options.consent,
    globalPrivacyControl: win?.navigator.globalPrivacyControl,
    respectGlobalPrivacyControl: options.respectGlobalPrivacyControl,
    store: raw,
    onDrop: (event) => platform.onHeldDropped?.([event]),
  })
  const store = createConsentStore(raw, consent.canPersist)
  const identity = createIdentity({
    store: raw,
    cookies: win ? createDocumentCookieJar(win.document) : noCookies,
    newId,
    persist: consent.canPersist(),
    cookieDomain: options.cookieDomain,
  })
  const session = createSession({ store, now, newId, idleMs: options.sessionTimeoutMs })
  const touches = createTouchMemory({ store })
  const journeyState = createJourneyState({ journey: options.journey, store, conversionEvents: conversions, now })
  const mask = createUrlMasker(options.maskParams)
  const internalDomains = options.cookieDomain ? [options.cookieDomain] : []
  const pageContext = win ? createPageContextCache(win, now, mask) : (): Partial<EventContext> => ({})
  /** After an SPA navigation: the previous in-app URL. */
  let referrer: string | undefined
  /** The session id `begin` renewed for the call under way. */
  let sessionId: string | undefined
  /** `Stage Entered` properties found while recording an event, tracked right after it. */
  const entered: JsonObject[] = []

  const tracking = () => consent.state() !== 'denied'

  return {
    context() {
      const context = pageContext(referrer)
      // The session was renewed by the call wrapping this event (see `begin`); touching it again is waste.
      if (tracking()) context.sessionId = sessionId ?? (sessionId = session.touch().id)
      return context
    },
    identity: () => ({ anonymousId: identity.anonymousId(), userId: identity.userId() }),
    intercept(queued, event) {
      const verdict = consent.admit(queued)
      if (verdict === 'dropped') return false
      if (event.type === 'track') {
        const stage = journeyState.observe(event.event, event.properties)
        if (stage) entered.push(stage)
      }
      return verdict === 'send'
    },
    bind,
  }

  function bind<C extends ClientCalls>(client: C, queue: Pick<Queue, 'enqueue'>): BoundContext<C> {
    const emitEntered = () => {
      // Runs after every call: allocate nothing unless a stage was entered.
      if (entered.length) for (const properties of entered.splice(0)) client.track(stageEnteredEvent, properties)
    }
    /** Before each call: renew the session, and record the landing touch when one starts. */
    const begin = () => {
      sessionId = undefined
      if (!tracking()) return
      const { id, isNew } = session.touch()
      sessionId = id
      if (isNew && options.autoLandingTouchpoint !== false && win) {
        recordLandingTouch(win, referrer, now(), mask, internalDomains, touches, client)
        emitEntered()
      }
    }
    const around = (call: () => void) => {
      safely(begin)
      call()
      safely(emitEntered)
    }
    const track = ((event: string, properties?: Record<string, unknown>, call?: CallOptions) =>
      around(() => {
        let props = properties
        if (typeof event === 'string' && conversions.includes(event) && tracking()) {
          safely(() => {
            props = withTouches((properties ?? {}) as JsonObject, touches.get())
          })
        }
        client.track(event, props, call)
      })) as C['track']
    const page: C['page'] = (name, properties, call) => around(() => client.page(name, properties, call))
    const identify: C['identify'] = (userId, traits, call) =>
      around(() => {
        if (typeof userId === 'string' && userId && tracking()) safely(() => identity.identify(userId, traits as JsonObject | undefined))
        client.identify(userId, traits, call)
      })

    const stops: (() => void)[] = []
    if (win && options.autoLandingTouchpoint !== false) safely(begin)
    if (win && options.autoPageviews) {
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
    const decide = createConsentDecision(consent, identity, store, queue)
    if (win) {
      // Pending writes reach storage before the page may be frozen or closed.
      const persist = () => {
        session.flush()
        journeyState.flush()
      }
      // A decision taken in another tab of the site applies here too (held events released or purged).
      const onStorage = (event: StorageEvent) => {
        if (event.key === consentKey && event.newValue && event.newValue !== consent.state()) decide(event.newValue as ConsentState, true)
      }
      safely(() => {
        win.addEventListener('pagehide', persist)
        win.addEventListener('visibilitychange', persist)
        win.addEventListener('storage', onStorage)
        stops.push(() => {
          win.removeEventListener('pagehide', persist)
          win.removeEventListener('visibilitychange', persist)
          win.removeEventListener('storage', onStorage)
        })
      })
    }
    return {
      track,
      page,
      identify,
      consent: (state: ConsentState) => decide(state),
      journey: () => journeyState.snapshot(touches.get()),
      journeyToken: () => (consent.state() === 'granted' ? journeyTokenOf(identity, session.current(), touches) : undefined),
      reset() {
        safely(() => {
          identity.reset()
          session.end()
          sessionId = undefined
          touches.clear()
          journeyState.clear()
        })
      },
      stop() {
        for (const stop of stops.splice(0)) stop()
      },
    }
  }
}
