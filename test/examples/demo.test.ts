import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runDemo, type DemoResult } from '../../examples/demo'
import { planPopulation } from '../../examples/demo/population'

describe('the demo', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'tp-demo-'))
  let result: DemoResult | undefined

  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  async function run(): Promise<DemoResult> {
    result ??= await runDemo({ customers: 40, chromium: false, workers: 0, outDir, verbose: false, ...(process.env.TOUCHPOINT_IIFE ? { iife: process.env.TOUCHPOINT_IIFE } : {}) })
    return result
  }

  it('plans the same population from the same seed', () => {
    expect(planPopulation(50, 3)).toEqual(planPopulation(50, 3))
    expect(planPopulation(50, 3)).not.toEqual(planPopulation(50, 4))
  })

  it('delivers a small population through both trackers to the collector, with nothing left pending', async () => {
    const { events, stats, ndjsonPath } = await run()
    expect(stats.customers).toBe(40)
    expect(stats.pending).toBe(0)
    // Tracker warnings (e.g. IndexedDB too slow on a loaded machine, memory used instead) are allowed:
    // delivery is what is checked here, and below.
    expect(stats.errors).toEqual([])
    expect(events).toBeGreaterThan(stats.visits)
    const stored = readFileSync(ndjsonPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line))
    expect(stored).toHaveLength(events)
    expect(new Set(stored.map((e) => e.messageId)).size).toBe(events)
    const libraries = new Set(stored.map((e) => e.context.library.name))
    expect(libraries).toEqual(new Set(['@touchpoint/browser', '@touchpoint/node']))
    const names = new Set(stored.map((e) => (e.type === 'track' && e.event === 'touchpoint' ? e.properties.touchpoint : e.event)))
    expect(names).toContain('Order Completed')
    expect(names).toContain('invoice')
    expect(names).toContain('product-page')
  })

  it('plays the served landing page and its script tag in headless Chromium too', async () => {
    const chromiumDir = mkdtempSync(join(tmpdir(), 'tp-demo-chromium-'))
    try {
      const { stats, events } = await runDemo({ customers: 3, chromium: 3, workers: 0, outDir: chromiumDir, verbose: false, ...(process.env.TOUCHPOINT_IIFE ? { iife: process.env.TOUCHPOINT_IIFE } : {}) })
      expect(stats.chromiumVisits).toBe(stats.visits)
      expect(stats.visits).toBeGreaterThan(0)
      expect(stats.errors).toEqual([])
      expect(stats.pending).toBe(0)
      expect(events).toBeGreaterThanOrEqual(stats.visits * 2)
    } finally {
      rmSync(chromiumDir, { recursive: true, force: true })
    }
  })

  it('writes the journey report from what the collector stored', async () => {
    const { reportPath, analysis } = await run()
    const html = readFileSync(reportPath, 'utf8')
    expect(html).toContain('<svg')
    expect(html).toContain('Stage funnel')
    expect(analysis.touchesToConvert.customers).toBeGreaterThan(0)
  })
})
