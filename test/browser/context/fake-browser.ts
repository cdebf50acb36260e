/**
 * A fake browser for the context tests: `localStorage`, one cookie jar, a clock and an id maker
 * shared by every page opened in it, so a second `open` is a reload of the same browser.
 */
import type { ContextWindow, KeyValueStore } from '../../../packages/browser/src/context/context-types'

/** A `localStorage` over a map. */
export function createMemoryStore(): KeyValueStore & { size(): number } {
  const map = new Map<string, string>()
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
    size: () => map.size,
  }
}

export function createBrowser() {
  const localStorage = createMemoryStore()
  /** Every cookie string written, in order; `cookie` is what `document.cookie` reads. */
  const cookies = { cookie: '', written: [] as string[] }
  let time = Date.UTC(2026, 0, 1, 9)
  let ids = 0
  const open = (url: string, referrer = '', extra: Partial<ContextWindow> = {}): ContextWindow => {
    const parsed = new URL(url)
    return {
      location: { href: parsed.href, pathname: parsed.pathname, search: parsed.search },
      document: {
        title: 'Landing',
        referrer,
        location: { protocol: parsed.protocol },
        get cookie() {
          return cookies.cookie
        },
        set cookie(value: string) {
          cookies.written.push(value)
          // One cookie is enough here: keep the name=value part, or clear it on Max-Age=0.
          cookies.cookie = value.includes('Max-Age=0') ? '' : value.split(';')[0]!
        },
      },
      navigator: { language: 'en-US', userAgent: 'test' },
      history: { pushState() {}, replaceState() {} },
      addEventListener() {},
      removeEventListener() {},
      localStorage,
      ...extra,
    }
  }
  /** The stored visitor record, parsed (`undefined` when none). */
  const stored = () => {
    const raw = localStorage.getItem('tp_state')
    return raw === null ? undefined : (JSON.parse(raw) as Record<string, any>)
  }
  return { localStorage, cookies, open, stored, now: () => time, advance: (ms: number) => (time += ms), newId: () => `id-${++ids}` }
}
