/**
 * The shapes `createBrowserContext` takes and returns: the window it reads, the injectable
 * platform, and the hooks and bound methods it hands to `createTracker`.
 */
import type { Client, EventContext, Queue, QueuedEvent, WireEvent } from '@touchpoint/core'
import type { NavigationPlatform } from './auto-pageviews'
import type { ContextMethods } from './context-options'
import type { KeyValueStore } from './key-value-store'
import type { PagePlatform } from './page-context'

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
