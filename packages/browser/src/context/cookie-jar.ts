/**
 * First-party cookies, behind a two-method jar so identity can be tested without a document and
 * so a page without cookies (sandboxed iframe, `file:`) degrades to "no cookie" instead of throwing.
 */

/** Attributes of a cookie the SDK writes. */
export interface CookieAttributes {
  /** Lifetime in seconds; `0` deletes the cookie. */
  maxAgeSeconds: number
  /**
   * `Domain` attribute, e.g. `.example.com` to share the cookie with every subdomain.
   * @default the current host only
   */
  domain?: string
  /** @default 'Lax' */
  sameSite?: 'Lax' | 'Strict' | 'None'
  /** @default `true` on https pages */
  secure?: boolean
}

/** Reads and writes cookies by name. */
export interface CookieJar {
  get(name: string): string | undefined
  set(name: string, value: string, attributes: CookieAttributes): void
}

/** The `document.cookie` surface the jar needs. */
export interface CookieDocument {
  cookie: string
  location?: { protocol: string } | null
}

/** A jar over `document.cookie`; every access is guarded (sandboxed documents throw on it). */
export function createDocumentCookieJar(doc: CookieDocument): CookieJar {
  return {
    get(name) {
      try {
        for (const pair of doc.cookie.split(';')) {
          const at = pair.indexOf('=')
          if (pair.slice(0, at).trim() === name) return decodeURIComponent(pair.slice(at + 1).trim()) || undefined
        }
      } catch {}
      return undefined
    },
    set(name, value, { maxAgeSeconds, domain, sameSite = 'Lax', secure }) {
      const https = doc.location?.protocol === 'https:'
      let cookie = `${name}=${encodeURIComponent(value)}; Max-Age=${maxAgeSeconds}; Path=/; SameSite=${sameSite}`
      if (domain) cookie += `; Domain=${domain}`
      if (secure ?? https) cookie += '; Secure'
      try {
        doc.cookie = cookie
      } catch {}
    },
  }
}
