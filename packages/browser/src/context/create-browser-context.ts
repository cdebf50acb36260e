/**
 * The browser context, wired together: page context, campaign, session, identity, consent,
 * first/last touch, the automatic landing touchpoint, journey state and SPA page views.
 * `createTracker` plugs its hooks into the core client and spreads `bind(...)` over the tracker.
 * Works without a window (SSR): no page context, memory-only state, the methods still answer.
 */
import {
  encodeJourneyToken,
  type CallOptions,
  type Client,
  type EventContext,
  type Journey,
  type JsonObject,
  type Queue,
  type QueuedEvent,
  type TouchSummary,
  type WireEvent,
} from '@touchpoint/core'
import { watchNavigation, type NavigationPlatform } from './auto-pageviews'
import { parseCampaign } from './campaign'
import { classifyArrival } from './channel'
import { consentKey, createConsent, type ConsentState } from './consent'
import { createConsentStore } from './consent-store'
import { createDocumentCookieJar, type CookieJar } from './cookie-jar'
import { createTouchMemory, defaultConversionEvents, withTouches } from './first-last-touch'
import { createIdentity } from './identity'
import { createJourneyState, stageEnteredEvent } from './journey-state'
import { createSafeStore, type KeyValueStore } from './key-value-store'
import { landingTouchpoint } from './landing-touchpoint'
import { createUrlMasker } from './mask-url'
import { readPageContext, type PagePlatform } from './page-context'
import type { ContextMethods, ContextOptions } from './context-options'
import { createSession } from './session'

export type { ContextMethods, ContextOptions } from './context-options'

/** The window surface the context reads (a real `window` fits). */
export interface ContextWindow extends NavigationPlatform, Omit<PagePlatform, 'timezone' | 'document' | 'navigator'> {
  location: PagePlatform['location']
  document: { title?: string; referrer?: string; cookie: string; location?: { protocol: string } | null; URL?: string }
  navigator: { language?: string; userAgent?: string; globalPrivacyControl?: boolean }
  localStorage?: KeyValueStore
  /** `pagehide` (persist pending state) and `storage` (consent decided in another tab). */
  addEventListener(type: 'popstate' | 'pagehide' | 'visibilitychange' | 'storage', listener: (event: StorageEvent) => void): void
  removeEventListener(type: 'popstate' | 'pagehide' | 'visibilitychange' | 'storage', listener: (event: StorageEvent) => void): void
}

/** Platform access, injectable for tests. */
export interface ContextPlatform {
  /** @default undefined: no page (SSR) */
  window?: ContextWindow
  /** @default Date.now */
  now?: () => number
  /** Makes anonymous and session ids. @default crypto.randomUUID (or random hex) */
  newId?: () => string
  /**
   * Called with events held while consent is pending that the 1,000-event cap pushed out, so
   * they are reported (`dropped`, `queue-full`), never lost silently.
   * @default nothing
   */
  onHeldDropped?: (events: QueuedEvent[]) => void
}

/** The calls of a client the context wraps. */
export type ClientCalls = Pick<Client, 'track' | 'page' | 'identify'>

/** A client's calls wrapped by the context, plus the context methods and `stop()` (unwatch SPA navigation). */
export type BoundContext<C extends ClientCalls> = Pick<C, 'track' | 'page' | 'identify'> & ContextMethods & { stop(): void }

/** The wired context: hooks for the core client, and the methods to bind once the client exists. */
export interface BrowserContext {
  /** `ClientOptions.context`: page, campaign, session id. */
  context(): Partial<EventContext>
  /** `ClientOptions.identity`: anonymous id and user id. */
  identity(): { userId?: string; anonymousId?: string }
  /** `ClientOptions.intercept`: consent gate and journey state. */
  intercept(queued: QueuedEvent, event: WireEvent): boolean
  /** Wraps the client's calls (session start, landing touch, conversions, `Stage Entered`) and adds the context methods. */
  bind<C extends ClientCalls>(client: C, queue: Pick<Queue, 'enqueue'>): BoundContext<C>
}

/** Random id: `crypto.randomUUID` needs a secure context, so plain-http pages get random hex. */
function randomId(): string {
  const crypto = globalThis.crypto
  if (crypto?.randomUUID) return crypto.randomUUID()
  const bytes = crypto?.getRandomValues ? crypto.getRandomValues(new Uint8Array(16)) : Uint8Array.from({ length: 16 }, () => Math.random() * 256)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

const noCookies: CookieJar = { get: () => undefined, set() {} }
/** Keys the context keeps on the device, removed when consent is denied. */
const stateKeys = ['tp_session', 'tp_touches', 'tp_journey']
/** Longest URL kept in a touch summary, so journey tokens stay small enough for a header. */
const clip = (url: string): string => url.slice(0, 500)
/** Longest token `decodeJourneyToken` accepts (core's `maxJourneyTokenLength`). */
const maxTokenLength = 4096
/** Runs host-facing work without ever throwing into the host page. */
const safely = (work: () => void): void => {
  try {
    work()
  } catch {}
}

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
  /** After an SPA navigation: the previous in-app URL. */
  let referrer: string | undefined
  /** The session id `begin` renewed for the call under way. */
  let sessionId: string | undefined
  /** `Stage Entered` properties found while recording an event, tracked right after it. */
  const entered: JsonObject[] = []

  const tracking = () => consent.state() !== 'denied'
  /**
   * The page part of the context, rebuilt when the URL, title or referrer changed or after a
   * second (screen, locale): masking and parsing the URL for every event costs more than the
   * rest of `track` together.
   */
  let page: Partial<EventContext> = {}
  let pageUrl: string | undefined
  let pageTitle: string | undefined
  let pageReferrer: string | undefined
  let pageAt = -Infinity
  const pageContext = (): Partial<EventContext> => {
    if (!win) return {}
    const at = now()
    // `document.URL` follows pushState like `location.href`, at a tenth of the cost.
    const href = win.document.URL ?? win.location.href
    const { title } = win.document
    const from = referrer ?? win.document.referrer
    if (href !== pageUrl || title !== pageTitle || from !== pageReferrer || at - pageAt >= 1000 || at < pageAt) {
      page = readPageContext(win, mask, referrer)
      const campaign = parseCampaign(win.location.search)
      if (campaign) page.campaign = campaign
      pageUrl = href
      pageTitle = title
      pageReferrer = from
      pageAt = at
    }
    return { ...page }
  }

  return {
    context() {
      const context = pageContext()
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
    const recordLanding = () => {
      if (!win) return
      const { href, search } = win.location
      const from = referrer ?? win.document.referrer ?? ''
      const campaign = parseCampaign(search)
      const landing = landingTouchpoint(classifyArrival({ referrer: from, url: href, campaign, internalDomains }), campaign)
      const summary: TouchSummary = {
        touchpoint: landing.touchpoint,
        channel: landing.channel,
        timestamp: new Date(now()).toISOString(),
        landingPage: clip(mask(href)),
        ...(from ? { referrer: clip(mask(from)) } : {}),
        ...(campaign ? { campaign } : {}),
      }
      touches.record(summary)
      const properties: JsonObject = { landingPage: summary.landingPage! }
      if (landing.source) properties.source = landing.source
      if (summary.referrer) properties.referrer = summary.referrer
      client.track('touchpoint', { touchpoint: landing.touchpoint, channel: landing.channel, ...(campaign ? { campaign } : {}), properties })
      emitEntered()
    }
    /** Before each call: renew the session, and record the landing touch when one starts. */
    const begin = () => {
      sessionId = undefined
      if (!tracking()) return
      const { id, isNew } = session.touch()
      sessionId = id
      if (isNew && options.autoLandingTouchpoint !== false) recordLanding()
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
    const decide = (state: ConsentState): ConsentState => {
      if (state !== 'pending' && state !== 'granted' && state !== 'denied') return consent.state()
      safely(() => {
        const change = consent.set(state)
        identity.persist(state === 'granted')
        if (state === 'granted') {
          store.commit()
          for (const queued of change.released) queue.enqueue(queued)
        }
        if (state === 'denied') {
          identity.forget()
          store.purge(stateKeys)
        }
      })
      return consent.state()
    }
    if (win) {
      // Pending writes reach storage before the page may be frozen or closed.
      const persist = () => {
        session.flush()
        journeyState.flush()
      }
      // A decision taken in another tab of the site applies here too (held events released or purged).
      const onStorage = (event: StorageEvent) => {
        if (event.key === consentKey && event.newValue && event.newValue !== consent.state()) decide(event.newValue as ConsentState)
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
      consent: decide,
      journey: () => journeyState.snapshot(touches.get()),
      journeyToken() {
        if (consent.state() !== 'granted') return undefined
        const sessionId = session.current()
        const base = { v: 1, anonymousId: identity.anonymousId(), ...(sessionId ? { sessionId } : {}) } as const
        const token = encodeJourneyToken({ ...base, ...touches.get() })
        return token.length <= maxTokenLength ? token : encodeJourneyToken(base)
      },
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
