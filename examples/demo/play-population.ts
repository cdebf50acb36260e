/**
 * Plays the population against a running stack: the happy-dom customers in worker threads (or on
 * this thread), the Chromium sample on this thread, one progress bar over both.
 */
import type { Browser } from 'playwright-core'
import { landingFile } from '../landing-page/render-page'
import { compilePageScripts } from './happy-dom-visit'
import type { CustomerPlan } from './population'
import type { Progress } from './progress'
import { simulateCustomers, type SimulationStats } from './simulate'
import type { Stack } from './stack'
import { mergeStats, simulateInWorkers } from './worker-pool'

/** What {@link playPopulation} needs besides the plans. */
export interface PlayOptions {
  readonly stack: Stack
  /** The landing page as this run serves it (collector and order server filled in). */
  readonly html: string
  /** The script-tag build. */
  readonly iife: string
  /** Worker threads for the happy-dom customers; 0 plays them on this thread. */
  readonly workers: number
  /** Headless Chromium, when it started. @default undefined */
  readonly browser?: Browser
  /** Customers (by index) who browse in Chromium. */
  readonly chromiumCustomers: ReadonlySet<number>
  /** @default undefined (silent) */
  readonly progress?: Progress
}

/** Plays every plan; resolves with the merged counts once every customer is done. */
export async function playPopulation(plans: readonly CustomerPlan[], options: PlayOptions): Promise<SimulationStats> {
  const { stack, html, iife, workers, browser, chromiumCustomers, progress } = options
  const landing = landingFile('landing.js')
  const done = { dom: { customers: 0, visits: 0 }, chromium: { customers: 0, visits: 0 } }
  const report = () =>
    progress?.update(done.dom.customers + done.chromium.customers, `${done.dom.visits + done.chromium.visits} visits · ${stack.stored().toLocaleString('en-US')} events stored`)
  const targets = { pageUrl: stack.landing.url, serverUrl: stack.orderServer.url }
  const domPlans = plans.filter((p) => !chromiumCustomers.has(p.index))
  const chromiumPlans = plans.filter((p) => chromiumCustomers.has(p.index))
  const [domStats, chromiumStats] = await Promise.all([
    workers > 0
      ? simulateInWorkers(domPlans, { ...targets, workers, html, iifeFile: iife, landingFile: landing, onProgress: (customers, visits) => ((done.dom = { customers, visits }), report()) })
      : simulateCustomers(domPlans, { ...targets, scripts: compilePageScripts(html, iife, landing) }, { onCustomer: (s) => ((done.dom = s), report()) }),
    simulateCustomers(
      chromiumPlans,
      { ...targets, scripts: compilePageScripts(html, iife, landing), ...(browser ? { chromium: browser } : {}), chromiumCustomers },
      { onCustomer: (s) => ((done.chromium = s), report()) },
    ),
  ])
  return mergeStats(domStats, chromiumStats)
}
