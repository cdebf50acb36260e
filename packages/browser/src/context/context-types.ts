/**
 * The shapes of the browser context: the options and methods it adds to `createTracker`, the
 * window it reads, the injectable platform, and the hooks it hands to the core client.
 */
import type { Client, EventContext, Queue, QueuedEvent, TouchSummary, WireEvent } from '@touchpoint/core'
import type { ConsentState } from './consent'

/** Options of the browser context (part of `createTracker`'s options). */
export interface ContextOptions {
  /**
   * Record a `touchpoint` for how the visitor arrived (`facebook-ad`, `google-search`, `direct`…)
   * when a session starts: on page load, and on the first call after a session expired.
   * @default true
   */
  autoLandingTouchpoint?: boolean
  /**
   * Record a page view on start and on every SPA navigation (`pushState`, `replaceState`,
   * `popstate`). Off by default, like Segment, so pages that call `page()` themselves do not
   * count each view twice.
   * @default false
   */
  autoPageviews?: boolean
  /**
   * Consent state before the visitor decides (see `consent()`).
   * @default 'granted'
   */
  consent?: ConsentState
  /**
   * Treat visitors sending Global Privacy Control as `pending` until `consent('granted')`.
   * @default true
   */
  respectGlobalPrivacyControl?: boolean
  /**
   * `Domain` of the anonymous-id cookie (`.example.com` shares it with every subdomain); its
   * subdomains also count as internal referrers.
   * @default the current host only
   */
  cookieDomain?: string
  /**
   * Extra query parameters to mask in recorded URLs, on top of the defaults (`email`, `token`,
   * `password`, …).
   * @default []
   */
  maskParams?: readonly string[]
  /**
   * Events that get `firstTouch` / `lastTouch` and move the journey to its purchase stage.
   * @default ['Order Completed']
   */
  conversionEvents?: readonly string[]
  /**
   * Inactivity that ends a session, in ms.
   * @default 1_800_000 (30 minutes)
   */
  sessionTimeoutMs?: number
}

/** What `journey()` returns. */
export interface JourneySnapshot {
  /** Journey id, e.g. `purchaseFunnel`. */
  journey: string
  /** Furthest stage reached; `undefined` before the first placed touch. */
  stage?: string
  /** Touchpoint events recorded so far (in this browser, across sessions). */
  touches: number
  firstTouch?: TouchSummary
  lastTouch?: TouchSummary
}

/** What the context adds to the tracker. */
export interface ContextMethods {
  /** Sets the consent state (`granted` releases held events, `denied` purges them); returns the state now. Without argument, reads it. */
  consent(state?: ConsentState): ConsentState
  /** This visitor's furthest stage, touch count, first and last touch. */
  journey(): JourneySnapshot
  /**
   * A token for server code to join its touchpoints to this journey (anonymousId, sessionId,
   * first/last touch). `undefined` unless consent is granted.
   */
  journeyToken(): string | undefined
  /** Logout: new anonymous id, no user id or traits, new session, journey and touches forgotten. */
  reset(): void
}

/** The `localStorage` surface the context uses. */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** The window surface the context reads (a real `window` fits). */
export interface ContextWindow {
  location: { href: string; pathname: string; search: string }
  document: { title?: string; referrer?: string; cookie: string; location?: { protocol: string } | null; URL?: string }
  navigator: { language?: string; userAgent?: string; globalPrivacyControl?: boolean }
  screen?: { width: number; height: number }
  devicePixelRatio?: number
  history: Pick<History, 'pushState' | 'replaceState'>
  localStorage?: KeyValueStore
  /** `popstate` (SPA navigation), `pagehide` / `visibilitychange` (persist pending state), `storage` (consent decided in another tab). */
  addEventListener(type: 'popstate' | 'pagehide' | 'visibilitychange' | 'storage', listener: (event: StorageEvent) => void): void
  removeEventListener(type: 'popstate' | 'pagehide' | 'visibilitychange' | 'storage', listener: (event: StorageEvent) => void): void
}

/** Platform access, injectable for tests. */
export interface ContextPlatform {
  /** @default undefined: no page (SSR) */
  window_?: ContextWindow
  /** @default Date.now */
  now_?: () => number
  /** Makes anonymous and session ids. @default a UUIDv7 (`createUuidV7` of `@touchpoint/core`) */
  newId_?: () => string
  /**
   * Called with events held while consent is pending that the 1,000-event cap pushed out, so
   * they are reported (`dropped`, `queue-full`), never lost silently.
   * @default nothing
   */
  onHeldDropped_?: (events: QueuedEvent[]) => void
}

/** The calls of a client the context wraps. */
export type ClientCalls = Pick<Client, 'track' | 'page' | 'identify'>

/** A client's calls wrapped by the context, plus the context methods and `stop()` (unwatch SPA navigation). */
export type BoundContext<C extends ClientCalls> = Pick<C, 'track' | 'page' | 'identify'> & ContextMethods & { stop_(): void }

/** The wired context: hooks for the core client, and the methods to bind once the client exists. */
export interface BrowserContext {
  /** `ClientOptions.context`: page, campaign, session id. */
  context_(): Partial<EventContext>
  /** `ClientOptions.identity`: anonymous id and user id. */
  identity_(): { userId?: string; anonymousId?: string }
  /** `ClientOptions.intercept`: consent gate and journey state. */
  intercept_(queued: QueuedEvent, event: WireEvent): boolean
  /** Wraps the client's calls (session start, landing touch, conversions, `Stage Entered`) and adds the context methods. */
  bind_<C extends ClientCalls>(client: C, queue: Pick<Queue, 'enqueue'>): BoundContext<C>
}
