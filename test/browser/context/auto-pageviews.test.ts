// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { watchNavigation } from '../../../packages/browser/src/context/auto-pageviews'

const stops: (() => void)[] = []
afterEach(() => {
  while (stops.length) stops.pop()!()
  history.replaceState(null, '', '/')
})

function watch() {
  const seen: [string, string][] = []
  stops.push(watchNavigation(window, (url, previous) => seen.push([url, previous])))
  return seen
}

describe('watchNavigation', () => {
  it('reports pushState navigations with the previous URL', () => {
    const origin = location.origin
    const seen = watch()
    history.pushState(null, '', '/pricing')
    history.pushState(null, '', '/signup?plan=pro')
    expect(seen).toEqual([
      [`${origin}/pricing`, `${origin}/`],
      [`${origin}/signup?plan=pro`, `${origin}/pricing`],
    ])
  })

  it('reports replaceState only when the URL changes', () => {
    const seen = watch()
    history.replaceState({ scroll: 1 }, '', location.href)
    expect(seen).toHaveLength(0)
    history.replaceState(null, '', '/other')
    expect(seen).toHaveLength(1)
  })

  it('ignores hash-only changes', () => {
    const seen = watch()
    history.pushState(null, '', '#section')
    expect(seen).toHaveLength(0)
  })

  it('reports back/forward navigations through popstate', () => {
    const seen: [string, string][] = []
    const platform = { history: { pushState() {}, replaceState() {} }, location: { href: 'https://x.com/1', pathname: '/1', search: '' } }
    let fire: () => void = () => {}
    const stop = watchNavigation(
      { ...platform, addEventListener: (_type, listener) => (fire = listener as () => void), removeEventListener: () => {} },
      (url) => seen.push([url, '']),
    )
    stops.push(stop)
    // A real back button changes the URL, then fires popstate.
    platform.location.href = 'https://x.com/2'
    fire()
    expect(seen).toEqual([['https://x.com/2', '']])
  })

  it('restores the original history methods on unsubscribe', () => {
    const { pushState, replaceState } = history
    const stop = watchNavigation(window, () => {})
    expect(history.pushState).not.toBe(pushState)
    stop()
    expect(history.pushState).toBe(pushState)
    expect(history.replaceState).toBe(replaceState)
  })

  it("leaves a later script's wrapper in place and stops reporting", () => {
    const original = history.pushState
    const seen: string[] = []
    const stop = watchNavigation(window, (url) => seen.push(url))
    const ours = history.pushState
    const theirs = function (this: History, ...args: Parameters<History['pushState']>) {
      return ours.apply(this, args)
    }
    history.pushState = theirs
    stop()
    expect(history.pushState).toBe(theirs)
    history.pushState(null, '', '/after')
    expect(seen).toEqual([])
    history.pushState = original
  })
})
