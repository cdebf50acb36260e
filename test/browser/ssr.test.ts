// Runs in plain Node (no window, document, navigator.locks or indexedDB), as server rendering does.
import { describe, expect, it } from 'vitest'

describe('@touchpoint/browser under server-side rendering', () => {
  it('imports without touching browser globals', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    const browser = await import('@touchpoint/browser')
    expect(typeof browser.createTracker).toBe('function')
  })

  it('creates a tracker that accepts calls without throwing and keeps events in memory', async () => {
    const { createTracker } = await import('@touchpoint/browser')
    const tracker = createTracker({ endpoint: 'http://127.0.0.1:9/v1/batch' })
    expect(() => tracker.track('touchpoint', { touchpoint: 'landing-page' })).not.toThrow()
    expect(() => tracker.page()).not.toThrow()
    const result = await tracker.close({ timeoutMs: 50 })
    expect(result.pending + result.sent).toBeGreaterThanOrEqual(0)
  })
})
