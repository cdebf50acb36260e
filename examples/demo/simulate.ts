/**
 * Plays the simulated population through the real trackers: each customer's visits run the
 * landing page in happy-dom (or, for a sample, headless Chromium), one after the other; their
 * follow-ups go to the order server, which records them through `@touchpoint/node`. Customers run
 * concurrently, each one's steps in order.
 */
import type { Browser } from 'playwright-core'
import { visitInChromium } from './chromium-visit'
import { createProfile, visitInHappyDom, type PageScripts, type VisitResult } from './happy-dom-visit'
import type { CustomerPlan, Step } from './population'

/** Where the simulated customers go. */
export interface SimulationTargets {
  /** The served landing page (`http://127.0.0.1:<port>/`); happy-dom windows use it as their URL too. */
  readonly pageUrl: string
  /** The order server (examples/server). */
  readonly serverUrl: string
  readonly scripts: PageScripts
  /** Headless Chromium for the customers in `chromiumCustomers`. @default undefined (none) */
  readonly chromium?: Browser
  /** Indexes of the customers who browse in Chromium. @default none */
  readonly chromiumCustomers?: ReadonlySet<number>
}

/** Counts of a simulation. */
export interface SimulationStats {
  customers: number
  visits: number
  chromiumVisits: number
  followUps: number
  /** Events a closing tab reported still undelivered (left in its IndexedDB). */
  pending: number
  /** Distinct uncaught script errors of the page, at most 20. */
  errors: string[]
  /** Distinct `error` events of the trackers (reported, not fatal), at most 20. */
  warnings: string[]
}

/** Options of {@link simulateCustomers}. */
export interface SimulationOptions {
  /**
   * Customers browsing at the same time in happy-dom.
   * @default 12
   */
  readonly concurrency?: number
  /**
   * Customers browsing at the same time in Chromium.
   * @default 2
   */
  readonly chromiumConcurrency?: number
  /** Called after each customer. @default undefined */
  readonly onCustomer?: (stats: SimulationStats) => void
}

async function followUp(serverUrl: string, step: Extract<Step, { kind: 'server' }>, customer: CustomerPlan): Promise<void> {
  const body = { touchpoint: step.touchpoint, userId: customer.userId, email: customer.email, ...(step.order ? { orderId: step.order.orderId } : {}) }
  const res = await fetch(`${serverUrl}/follow-ups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`order server answered ${res.status} to a ${step.touchpoint} follow-up`)
  await res.arrayBuffer()
}

/** Plays `plans`; resolves when every customer's last step is done and their tabs are closed. */
export async function simulateCustomers(plans: readonly CustomerPlan[], targets: SimulationTargets, options: SimulationOptions = {}): Promise<SimulationStats> {
  const stats: SimulationStats = { customers: 0, visits: 0, chromiumVisits: 0, followUps: 0, pending: 0, errors: [], warnings: [] }
  const note = (result: VisitResult) => {
    stats.pending += result.pending
    for (const error of result.errors) if (stats.errors.length < 20 && !stats.errors.includes(error)) stats.errors.push(error)
    for (const warning of result.warnings) if (stats.warnings.length < 20 && !stats.warnings.includes(warning)) stats.warnings.push(warning)
  }

  async function play(customer: CustomerPlan, inChromium: boolean): Promise<void> {
    const profile = createProfile()
    const context = inChromium ? await (targets.chromium as Browser).newContext() : undefined
    try {
      for (const step of customer.steps) {
        if (step.kind === 'server') {
          await followUp(targets.serverUrl, step, customer)
          stats.followUps++
        } else if (context) {
          note(await visitInChromium(context, targets.pageUrl, step, customer))
          stats.visits++
          stats.chromiumVisits++
        } else {
          note(await visitInHappyDom(targets.scripts, targets.pageUrl, step, customer, profile))
          stats.visits++
        }
      }
    } catch (error) {
      // One customer's failure (a timed-out page, a refused request) is reported, not fatal:
      // the others still play, and the delivery checks at the end show what was lost.
      note({ pending: 0, errors: [`customer ${customer.index}: ${(error as Error).message}`], warnings: [] })
    } finally {
      await context?.close()
    }
    stats.customers++
    options.onCustomer?.(stats)
  }

  const inChromium = (plan: CustomerPlan) => targets.chromium !== undefined && (targets.chromiumCustomers?.has(plan.index) ?? false)
  const pool = async (queue: CustomerPlan[], size: number, chromium: boolean) => {
    let next = 0
    const worker = async () => {
      while (next < queue.length) await play(queue[next++] as CustomerPlan, chromium)
    }
    await Promise.all(Array.from({ length: Math.min(size, queue.length) }, worker))
  }
  await Promise.all([
    pool(plans.filter((p) => !inChromium(p)), options.concurrency ?? 12, false),
    pool(plans.filter(inChromium), options.chromiumConcurrency ?? 2, true),
  ])
  return stats
}
