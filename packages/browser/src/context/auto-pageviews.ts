/**
 * Page views for single-page apps: wraps `history.pushState` / `replaceState` and listens to
 * `popstate`, calling back once per change of URL (path or query; a hash-only change or a
 * `replaceState` to the same URL is not a new page).
 */

/** The platform surface the watcher needs. */
export interface NavigationPlatform {
  history: Pick<History, 'pushState' | 'replaceState'>
  location: { href: string }
  addEventListener(type: 'popstate', listener: () => void): void
  removeEventListener(type: 'popstate', listener: () => void): void
}

/** Called with the new URL and the previous one (the SPA's referrer). */
export type NavigationListener = (url: string, previousUrl: string) => void

/** URL without the hash: anchors within a page are not page views. */
const withoutHash = (url: string): string => url.split('#')[0]!

/**
 * Starts watching navigations. Returns the unsubscribe function, which restores the original
 * history methods when they are still ours (if another script wrapped them after us, its wrapper
 * stays and ours turns into a pass-through instead, so neither breaks the other).
 */
export function watchNavigation(platform: NavigationPlatform, listener: NavigationListener): () => void {
  const { history } = platform
  let last = withoutHash(platform.location.href)
  let active = true
  const check = (): void => {
    const url = withoutHash(platform.location.href)
    if (!active || url === last) return
    const previous = last
    last = url
    try {
      listener(platform.location.href, previous)
    } catch {}
  }
  const wrap = <K extends 'pushState' | 'replaceState'>(name: K) => {
    const original = history[name]
    const wrapper = function (this: unknown, ...args: Parameters<History[K]>) {
      const result = (original as (...a: unknown[]) => void).apply(this, args)
      check()
      return result
    } as History[K]
    history[name] = wrapper
    return () => {
      if (history[name] === wrapper) history[name] = original
    }
  }
  const restores = [wrap('pushState'), wrap('replaceState')]
  platform.addEventListener('popstate', check)
  return () => {
    active = false
    platform.removeEventListener('popstate', check)
    for (const restore of restores) restore()
  }
}
