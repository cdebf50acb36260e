/**
 * Who the visitor is: an `anonymousId` made on first visit and kept in `localStorage` with a
 * first-party cookie copy (either one restores the other), and the `userId` and traits given to
 * `identify`. Values live in memory and are written through only while persisting is allowed
 * (consent): reading what a previous visit stored is always fine, writing is not.
 */
import type { JsonObject } from '@touchpoint/core'
import type { CookieJar } from './cookie-jar'
import { readJson, writeJson, type KeyValueStore } from './key-value-store'

/** Options of {@link createIdentity}. */
export interface IdentityOptions {
  store: KeyValueStore
  cookies: CookieJar
  /** Makes a new anonymous id. */
  newId: () => string
  /**
   * `Domain` of the anonymous-id cookie, e.g. `.example.com` to share it across subdomains.
   * @default the current host only
   */
  cookieDomain?: string
  /**
   * Name of the cookie and prefix of the storage keys (`<prefix>_aid`, `<prefix>_uid`, `<prefix>_traits`).
   * @default 'tp'
   */
  prefix?: string
  /**
   * Whether ids are written to storage and cookie. Turned off while consent is pending or denied.
   * @default true
   */
  persist?: boolean
}

/** The visitor's identity. */
export interface Identity {
  /** The anonymous id, made (and persisted when allowed) on first use. */
  anonymousId(): string
  userId(): string | undefined
  traits(): JsonObject
  /** Sets the user id (when given) and merges traits into the known ones. */
  identify(userId: string | undefined, traits?: JsonObject): void
  /** Logout: forgets user id and traits and starts a new anonymous id. */
  reset(): void
  /** Turns writing through on (and writes the current values) or off (stored copies stay). */
  persist(on: boolean): void
  /** Consent denied: removes the stored copies and the cookie; values stay in memory for this page. */
  forget(): void
}

/** The anonymous-id cookie lasts a year (refreshed on every page load that reads it). */
const cookieMaxAgeSeconds = 31_536_000

/** Creates the identity; nothing is read from storage until the first call. */
export function createIdentity({ store, cookies, newId, cookieDomain, prefix = 'tp', persist = true }: IdentityOptions): Identity {
  const keys = { aid: `${prefix}_aid`, uid: `${prefix}_uid`, traits: `${prefix}_traits` }
  let persisting = persist
  let state: { aid: string; uid?: string; traits: JsonObject } | undefined

  const setCookie = (value: string, maxAgeSeconds: number): void =>
    cookies.set(keys.aid, value, { maxAgeSeconds, domain: cookieDomain })

  const save = (): void => {
    if (!persisting || !state) return
    store.setItem(keys.aid, state.aid)
    writeJson(store, keys.uid, state.uid)
    writeJson(store, keys.traits, Object.keys(state.traits).length ? state.traits : undefined)
    setCookie(state.aid, cookieMaxAgeSeconds)
  }

  const load = (): NonNullable<typeof state> => {
    if (!state) {
      const aid = store.getItem(keys.aid) || cookies.get(keys.aid)
      const uid = readJson<string>(store, keys.uid)
      const traits = readJson<JsonObject>(store, keys.traits)
      state = { aid: aid || newId(), traits: traits && typeof traits === 'object' ? traits : {} }
      if (typeof uid === 'string') state.uid = uid
      save()
    }
    return state
  }

  return {
    anonymousId: () => load().aid,
    userId: () => load().uid,
    traits: () => load().traits,
    identify(userId, traits) {
      const current = load()
      // A different user on the same browser must not inherit the previous user's traits.
      if (userId !== undefined && current.uid !== undefined && userId !== current.uid) current.traits = {}
      if (userId !== undefined) current.uid = userId
      current.traits = { ...current.traits, ...traits }
      save()
    },
    reset() {
      state = { aid: newId(), traits: {} }
      save()
    },
    persist(on) {
      persisting = on
      save()
    },
    forget() {
      for (const key of Object.values(keys)) store.removeItem(key)
      setCookie('', 0)
    },
  }
}
