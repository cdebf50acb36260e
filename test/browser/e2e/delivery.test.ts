/**
 * Real Chromium, real IndexedDB, real Web Locks, real beacons: the delivery guarantees of
 * @touchpoint/browser against a loopback collector that fails on command.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { fastOptions, initScript, readSnippet, trackerPage, useE2eEnvironment } from './harness'

// No automatic landing touchpoint here: these tests count exactly the events they track.
const env = useE2eEnvironment((collectorUrl) => ({ '/': trackerPage, '/init.js': initScript(fastOptions(collectorUrl, { autoLandingTouchpoint: false })) }))

/** Opens the landing page and waits until its tracker is ready (sender election done). */
async function openPage(): Promise<Page> {
  const page = await env.context.newPage()
  await page.goto(`${env.server.origin}/`)
  await page.evaluate(() => (window as any).touchpoint.flush({ timeoutMs: 2000 }))
  return page
}

/** Tracks `count` events named `name` from inside the page. */
function trackMany(page: Page, name: string, count: number): Promise<void> {
  return page.evaluate(
    ({ name, count }) => {
      for (let i = 0; i < count; i++) (window as any).touchpoint.track(name, { i })
    },
    { name, count },
  )
}

const countOf = (name: string) => env.collector.received.filter((e) => e.type === 'track' && e.event === name).length

describe('@touchpoint/browser in Chromium', () => {
  it('delivers events tracked offline once the browser is back online', async () => {
    const page = await openPage()
    await env.context.setOffline(true)
    await trackMany(page, 'offline touch', 5)
    await page.waitForTimeout(600)
    expect(countOf('offline touch')).toBe(0)
    await env.context.setOffline(false)
    await env.collector.waitForReceived(5)
    expect(countOf('offline touch')).toBe(5)
    expect(env.collector.duplicates).toBe(0)
  })

  it('delivers events tracked while the collector answers 503, after three reloads, once it recovers', async () => {
    await env.collector.setMode('down')
    const page = await openPage()
    await trackMany(page, 'during outage', 5)
    await expect.poll(() => env.collector.requests, { timeout: 5000 }).toBeGreaterThan(0)
    for (let i = 0; i < 3; i++) {
      await page.reload()
      await page.waitForTimeout(300)
    }
    expect(env.collector.received).toHaveLength(0)
    await env.collector.setMode('ok')
    await env.collector.waitForReceived(5)
    expect(countOf('during outage')).toBe(5)
    expect(env.collector.duplicates).toBe(0)
  })

  it('delivers events tracked right before the tab closes (beacon or next visit)', async () => {
    const page = await openPage()
    await trackMany(page, 'last second', 3)
    await page.close()
    try {
      await env.collector.waitForReceived(3, 2000)
    } catch {
      await openPage() // the next visit sends what the beacon could not
      await env.collector.waitForReceived(3)
    }
    expect(countOf('last second')).toBe(3)
  })

  it('sends what the sender tab holds as one text/plain beacon when the page goes away', async () => {
    // No timer flush: only the unload send can deliver these before the next visit.
    env.server.set('/init.js', initScript(fastOptions(env.collector.url, { autoLandingTouchpoint: false, flushIntervalMs: 60_000 })))
    env.server.set('/elsewhere', '<!doctype html><title>a page without the tracker</title>')
    const page = await openPage()
    await trackMany(page, 'left behind', 3)
    await page.goto(`${env.server.origin}/elsewhere`)
    await env.collector.waitForReceived(3)
    expect(countOf('left behind')).toBe(3)
    const beacon = env.collector.lastRequest
    expect(String(beacon?.headers['content-type'])).toMatch(/^text\/plain/) // a simple request: no preflight
    expect(beacon?.headers.authorization).toBeUndefined()
    expect((beacon?.body as { writeKey?: string }).writeKey).toBe('wk_e2e')
  })

  it('delivers every event of three tabs tracking at once exactly once', async () => {
    const pages = await Promise.all([openPage(), openPage(), openPage()])
    await Promise.all(pages.map((page, tab) => trackMany(page, `tab ${tab}`, 40)))
    await env.collector.waitForReceived(120)
    await pages[0]?.waitForTimeout(1000)
    expect([countOf('tab 0'), countOf('tab 1'), countOf('tab 2')]).toEqual([40, 40, 40])
    expect(env.collector.duplicates).toBe(0)
  })

  it('hands the shared queue to another tab when the sender tab closes, without sending twice', async () => {
    const sender = await openPage()
    const other = await openPage()
    await trackMany(other, 'before handover', 10)
    await env.collector.waitForReceived(10)
    // Let the sender read the 2xx and forget the events: closing it mid-request is the
    // at-least-once window (the collector dedups that), not normal operation.
    await sender.waitForTimeout(500)
    await sender.close()
    await trackMany(other, 'after handover', 10)
    await env.collector.waitForReceived(20)
    await other.waitForTimeout(1000)
    expect([countOf('before handover'), countOf('after handover')]).toEqual([10, 10])
    expect(env.collector.duplicates).toBe(0)
  })

  it('delays but never loses events on 429 with Retry-After, 413 and connection resets', async () => {
    const page = await openPage()
    await env.collector.setMode({ status: 429, times: 2, retryAfterSeconds: 1 })
    await trackMany(page, 'throttled', 5)
    await env.collector.waitForReceived(5)
    await env.collector.setMode({ maxBytes: 3000 })
    await page.evaluate(() => {
      for (let i = 0; i < 20; i++) (window as any).touchpoint.track('too big together', { i, pad: 'p'.repeat(400) })
    })
    await env.collector.waitForReceived(25)
    await env.collector.setMode({ reset: true, times: 3 })
    await trackMany(page, 'reset', 5)
    await env.collector.waitForReceived(30)
    expect([countOf('throttled'), countOf('too big together'), countOf('reset')]).toEqual([5, 20, 5])
  })

  it('replays the calls the inline snippet queued before the script loaded, in order', async () => {
    const snippet = readSnippet('/touchpoint.iife.js')
    env.server.set(
      '/snippet.html',
      `<!doctype html><html><head><script>${snippet}
touchpoint.init(${JSON.stringify(fastOptions(env.collector.url, { autoLandingTouchpoint: false }))});
touchpoint.track('first'); touchpoint.identify('user-1'); touchpoint.track('second');
</script></head><body></body></html>`,
    )
    const page = await env.context.newPage()
    await page.goto(`${env.server.origin}/snippet.html`)
    await env.collector.waitForReceived(3)
    expect(env.collector.received.map((e) => (e.type === 'track' ? e.event : e.type))).toEqual(['first', 'identify', 'second'])
  })
})
