/**
 * The options and methods the browser context adds to `createTracker`.
 */
import type { ConsentState } from './consent'
import type { JourneySnapshot } from './journey-state'

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
