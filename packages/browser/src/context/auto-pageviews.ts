/**
 * Page views for single-page apps: wraps `history.pushState` / `replaceState` and listens to
 * `popstate`, calling back once per change of URL (path or query; a hash-only change or a
 * `replaceState` to the same URL is not a new page).
 */
import type { ContextWindow } from './context-types'

/** Called with the new URL and the previous one (the SPA's referrer); must not throw (it runs inside the page's `pushState`). */
export type NavigationListener = (url: string, previousUrl: string) => void

/**
 * Starts watching navigations. Returns the unsubscribe function, which restores the original
 * history methods when they are still ours (if another script wrapped them after us, its wrapper
 * stays and ours turns into a pass-through instead, so neither breaks the other).
 */
export function watchNavigation(platform: Pick<ContextWindow, 'history' | 'location' | 'addEventListener' | 'removeEventListener'>, listener: NavigationListener): () => void {
  const { history, location } = platform
  /** URL without the hash: anchors within a page are not page views. */
  const page = (): string => location.href.split('#')[0]!
  let last: string | undefined = page()
  const check = (): void => {
    const previous = last
    if (previous !== undefined && page() !== previous) {
      last = page()
      listener(location.href, previous)
    }
  }
  const restores = (['pushState', 'replaceState'] as const).map((name) => {
    const original = history[name]
    const wrapper = function (this: unknown, ...args: unknown[]) {
      const result = (original as (...a: unknown[]) => void).apply(this, args)
      check()
      return result
    } as History[typeof name]
    history[name] = wrapper
    return () => {
      if (history[name] === wrapper) history[name] = original
    }
  })
  platform.addEventListener('popstate', check)
  return () => {
    last = undefined
    platform.removeEventListener('popstate', check)
    for (const restore of restores) restore()
  }
}
