/**
 * Masks sensitive query parameters in every URL the SDK records (page url, referrer, landing
 * page), so a password-reset link or a magic-login token never reaches the collector.
 */

/**
 * Parameter names masked by default (compared lowercase). Besides these exact names, any name
 * *containing* `email`, `token`, `passw` or `secret` is masked (`user_email`, `reset_token`,
 * `client_secret`, `new_password`).
 */
export const defaultMaskedParams: readonly string[] = [
  'email', 'mail', 'token', 'password', 'pass', 'pwd', 'secret', 'auth', 'authorization',
  'key', 'apikey', 'api_key', 'code', 'otp', 'pin', 'ssn', 'phone', 'tel', 'sid', 'session',
  'sessionid', 'signature', 'sig', 'card', 'cc', 'cvv', 'iban',
]

/** What a masked value is replaced with: plain ASCII, so the masked URL is still a valid URL. */
export const maskedValue = '***'

/** Names that are sensitive wherever they appear inside a parameter name. */
const sensitiveFragment = /email|token|passw|secret/

/** Returns a function that masks a URL's sensitive parameters, keeping everything else byte for byte. */
export function createUrlMasker(extra: readonly string[] = []): (url: string) => string {
  const names = new Set([...defaultMaskedParams, ...extra].map((name) => name.toLowerCase()))
  const sensitive = (raw: string): boolean => {
    let name = raw
    try {
      name = decodeURIComponent(raw.replace(/\+/g, ' '))
    } catch {}
    name = name.toLowerCase()
    return names.has(name) || sensitiveFragment.test(name)
  }
  return (url) =>
    url
      // `https://user:secret@host/` carries credentials in the authority: drop them.
      .replace(/^([a-z][\w+.-]*:\/\/)[^/?#@]*@/i, '$1')
      // Every `name=value` after `?`, `&` or `#`: query string and hash-router or OAuth fragments.
      .replace(/([?&#])([^=&#?/]+)=([^&#]+)/g, (pair, separator: string, name: string) =>
        sensitive(name) ? `${separator}${name}=${maskedValue}` : pair,
      )
}

/** Masks one URL with the default list plus `extra`. Prefer {@link createUrlMasker} when masking many. */
export function maskUrl(url: string, extra?: readonly string[]): string {
  return createUrlMasker(extra)(url)
}
