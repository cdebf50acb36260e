// @vitest-environment happy-dom
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { installGlobal, type GlobalTouchpoint } from '../../packages/browser/src/install-global'

const created: GlobalTouchpoint[] = []
/** A collector that accepts everything, so no test reaches the network. */
const transport = { send: async () => ({ ok: true as const, status: 200 }) }
afterEach(async () => {
  for (const api of created.splice(0)) await api.tracker?.close({ timeoutMs: 10 })
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

function install(target: { touchpoint?: unknown }, script?: Element): GlobalTouchpoint {
  const api = installGlobal(target, script)
  created.push(api)
  return api
}

/** What the inline snippet leaves behind: an array of calls with stub methods on it. */
type Stub = unknown[] & Record<(typeof stubMethods)[number], (...args: unknown[]) => void> & Record<string, unknown>
const stubMethods = ['init', 'track', 'identify', 'page', 'flush', 'on', 'consent', 'reset'] as const

function snippetStub(): Stub {
  const stub = [] as unknown as Stub
  for (const method of stubMethods) {
    stub[method] = (...args: unknown[]) => void stub.push([method, ...args])
  }
  return stub
}

describe('installGlobal', () => {
  it('replays the snippet calls in order once the script loads', () => {
    const stub = snippetStub()
    const calls: string[] = []
    stub.track('before init') // queued before init: must wait for it
    stub.init({ endpoint: 'https://collect.example.test/v1/batch', transport, autoLandingTouchpoint: false, intercept: (_q: unknown, e: { type: string; event?: string }) => (calls.push(e.event ?? e.type), true) })
    stub.track('after init')
    stub.page()
    const target = { touchpoint: stub as unknown }
    const api = install(target)
    expect(target.touchpoint).toBe(api)
    expect(api.tracker).toBeDefined()
    expect(calls).toEqual(['before init', 'after init', 'page'])
  })

  it('initialises from the script tag data attributes without any inline code', async () => {
    const sent: string[] = []
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push(String(new Headers(init.headers).get('authorization')))
      return new Response(null, { status: 200 })
    })
    const script = document.createElement('script')
    script.setAttribute('data-endpoint', 'https://collect.example.test/v1/batch')
    script.setAttribute('data-write-key', 'wk_tag')
    const api = install({}, script)
    expect(api.tracker).toBeDefined()
    expect(typeof api.track).toBe('function')
    ;(api.track as (name: string) => void)('from the tag')
    await api.tracker!.flush()
    expect(sent[0]).toBe(`Basic ${btoa('wk_tag:')}`)
  })

  it('turns on debug logging with data-debug', () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined)
    const script = document.createElement('script')
    script.setAttribute('data-endpoint', 'http://127.0.0.1:9/v1/batch')
    script.setAttribute('data-debug', '')
    ;(install({}, script).track as (name: string) => void)('logged')
    expect(debug.mock.calls.some((call) => String(call[0]).startsWith('touchpoint: queued'))).toBe(true)
  })

  it('stays uninitialised with a script tag without data-endpoint', () => {
    expect(install({}, document.createElement('script')).tracker).toBeUndefined()
    expect(install({}).tracker).toBeUndefined()
  })

  it('queues calls made before init and runs them when init comes', () => {
    const seen: string[] = []
    const api = install({})
    api.track = api.track as (...args: unknown[]) => void
    ;(api.track as (name: string) => void)('early')
    expect(api.tracker).toBeUndefined()
    api.init({ endpoint: 'https://collect.example.test/v1/batch', transport, autoLandingTouchpoint: false, intercept: (_q, e) => (seen.push(e.type === 'track' ? e.event : e.type), true) })
    expect(seen).toEqual(['early'])
  })

  it('ignores a second init and a script loaded twice', () => {
    const target: { touchpoint?: unknown } = {}
    const api = install(target)
    api.init({ endpoint: 'https://a.example.test/v1/batch', transport })
    const tracker = api.tracker
    api.init({ endpoint: 'https://b.example.test/v1/batch', transport })
    expect(api.tracker).toBe(tracker)
    expect(installGlobal(target)).toBe(api)
  })

  it('answers every tracker method before init without throwing', () => {
    const api = install({}) as unknown as Record<string, (...args: unknown[]) => unknown>
    for (const method of ['track', 'identify', 'page', 'flush', 'on', 'consent', 'reset', 'close', 'journey', 'journeyToken']) {
      expect(() => api[method]!(), method).not.toThrow()
    }
  })

  it('never throws for bad calls from the page', () => {
    const stub = snippetStub()
    stub.init(undefined)
    stub.track(Symbol('bad'))
    stub.unknownMethod = () => undefined
    stub.push(['unknownMethod', 1])
    expect(() => install({ touchpoint: stub })).not.toThrow()
  })
})
