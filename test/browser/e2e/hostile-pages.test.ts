/**
 * Pages that make life hard for a tracker: a strict Content-Security-Policy, no IndexedDB, and a
 * thousand hostile inputs. Real Chromium against a loopback collector.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { fastOptions, initScript, trackerPage, useE2eEnvironment } from './harness'

const env = useE2eEnvironment((collectorUrl) => ({ '/': trackerPage, '/init.js': initScript(fastOptions(collectorUrl, { autoLandingTouchpoint: false })) }))

/** Records page errors and unhandled rejections. */
function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}

const countOf = (name: string) => env.collector.received.filter((e) => e.type === 'track' && e.event === name).length

describe('@touchpoint/browser on hostile pages', () => {
  it("delivers under Content-Security-Policy script-src 'self' with no violation", async () => {
    const csp = { 'Content-Security-Policy': "script-src 'self'" }
    env.server.set('/csp.html', {
      headers: csp,
      body: `<!doctype html><html><head><script src="/watch.js"></script>
<script src="/touchpoint.iife.js" data-endpoint="${env.collector.url}" data-write-key="wk_csp"></script>
<script src="/track.js"></script></head><body>strict</body></html>`,
    })
    env.server.set('/watch.js', {
      headers: csp,
      body: `window.violations = []; document.addEventListener('securitypolicyviolation', function (e) { window.violations.push(e.violatedDirective + ' ' + e.blockedURI) })`,
    })
    env.server.set('/track.js', { headers: csp, body: `touchpoint.track('csp touch', { ok: true }); touchpoint.page('Strict')` })
    const page = await env.context.newPage()
    const errors = watchErrors(page)
    const consoleErrors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    await page.goto(`${env.server.origin}/csp.html`)
    // The landing touchpoint (data attributes keep the defaults) may arrive in its own batch.
    await expect.poll(() => countOf('csp touch') + env.collector.received.filter((e) => e.type === 'page').length, { timeout: 15_000 }).toBe(2)
    expect(countOf('csp touch')).toBe(1)
    expect(env.collector.authorizations[0]).toBe(`Basic ${Buffer.from('wk_csp:').toString('base64')}`)
    expect(await page.evaluate(() => (window as any).violations)).toEqual([])
    expect(consoleErrors.filter((text) => /Content Security Policy/i.test(text))).toEqual([])
    expect(errors).toEqual([])
  })

  it('still delivers on a page without IndexedDB, reporting one storage error', async () => {
    await env.context.addInitScript(() => {
      delete (window as any).indexedDB
    })
    // Subscribed right after init, as a page would: the fallback happens at the first storage read.
    const init = initScript(fastOptions(env.collector.url, { autoLandingTouchpoint: false }))
    env.server.set('/init.js', { ...init, body: `${init.body}; window.storageErrors = []; touchpoint.on('error', function (e) { storageErrors.push(e.code) })` })
    const page = await env.context.newPage()
    const errors = watchErrors(page)
    await page.goto(`${env.server.origin}/`)
    expect(await page.evaluate(() => typeof (window as any).indexedDB)).toBe('undefined')
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++) (window as any).touchpoint.track('no idb', { i })
    })
    await env.collector.waitForReceived(5)
    expect(countOf('no idb')).toBe(5)
    expect(await page.evaluate(() => (window as any).storageErrors)).toEqual(['storage'])
    expect(errors).toEqual([])
  })

  it('survives 1,000 hostile inputs without a page error and delivers every valid event beside them', async () => {
    const page = await env.context.newPage()
    const errors = watchErrors(page)
    await page.goto(`${env.server.origin}/`)
    const valid = await page.evaluate(() => {
      const tp = (window as any).touchpoint
      const circular: any = { name: 'loop' }
      circular.self = circular
      const throwing = new Proxy(
        {},
        {
          get() {
            throw new Error('proxy get')
          },
          ownKeys() {
            throw new Error('proxy ownKeys')
          },
          getOwnPropertyDescriptor() {
            throw new Error('proxy descriptor')
          },
        },
      )
      const getter = Object.defineProperty({}, 'boom', {
        enumerable: true,
        get() {
          throw new Error('getter')
        },
      })
      const makers: (() => unknown)[] = [
        () => circular,
        () => ({ big: BigInt(10) }),
        () => ({ fn() {} }),
        () => ({ [Symbol('s')]: 1, sym: Symbol('x') }),
        () => ({ long: 'x'.repeat(40_000) }),
        () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
        () => throwing,
        () => getter,
        () => ({ nested: { deeper: { n: Number.NaN, inf: Infinity } } }),
        () => ({ date: new Date(Number.NaN), map: new Map([[1, 2]]), el: document.body }),
      ]
      const calls: ((input: any) => void)[] = [
        (input) => tp.track('hostile', input),
        (input) => tp.track(input, input),
        (input) => tp.identify(input, input),
        (input) => tp.page(input, input),
        (input) => tp.track('touchpoint', input, input),
      ]
      let validCount = 0
      for (let i = 0; i < 1000; i++) {
        calls[i % calls.length]!(makers[i % makers.length]!())
        if (i % 10 === 9) {
          tp.track('valid', { i })
          validCount++
        }
      }
      return validCount
    })
    await env.collector.waitForReceived(valid)
    await page.waitForTimeout(500)
    expect(countOf('valid')).toBe(valid)
    expect(errors).toEqual([])
    expect(await page.evaluate(() => ({} as any).polluted)).toBeUndefined()
  })
})
