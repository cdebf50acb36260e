/**
 * Masks sensitive query parameters in every URL the SDK records (page url, referrer, landing
 * page), so a password-reset link or a magic-login token never reaches the collector.
 */
import { attempt } from '../attempt'

/**
 * Parameter names masked by default (compared lowercase): these exact names, and any name
 * *containing* `email`, `token`, `passw` or `secret` (`user_email`, `reset_token`,
 * `client_secret`, `new_password`).
 */
const sensitive = /^(mail|pass|pwd|auth|authorization|key|apikey|api_key|code|otp|pin|ssn|phone|tel|sid|session|sessionid|signature|sig|card|cc|cvv|iban)$|email|token|passw|secret/

/**
 * Returns a function that masks a URL's sensitive parameters (value → `***`, plain ASCII so the
 * URL stays valid), keeping everything else byte for byte.
 * @param extra names masked on top of the defaults, compared case-insensitively
 */
export function createUrlMasker(extra: readonly string[] = []): (url: string) => string {
  const names = extra.map((name) => name.toLowerCase())
  const mask = (url: string): string =>
    url
      // `https://user:secret@host/` carries credentials in the authority: drop them.
      .replace(/^([a-z][\w+.-]*:\/\/)[^/?#@]*@/i, '$1')
      // Every `name=value` after `?`, `&` or `#`: query string and hash-router or OAuth fragments.
      .replace(/([?&#])([^=&#?/]+)=([^&#]+)/g, (pair, separator: string, raw: string, value: string) => {
        const name = (attempt(() => decodeURIComponent(raw.replace(/\+/g, ' '))) ?? raw).toLowerCase()
        // A value may be a URL left unencoded (`?next=/reset?token=…`): its parameters are masked too.
        return `${separator}${raw}=${sensitive.test(name) || names.includes(name) ? '***' : mask(value)}`
      })
  return mask
}
