/**
 * One visit to the served landing page in headless Chromium: the real script tag, the real
 * IndexedDB and Web Locks, the real fetch. A customer keeps one browser context (profile) across
 * visits, so what a visit leaves in IndexedDB goes out on the next one.
 */
import type { BrowserContext } from 'playwright-core'
import type { VisitResult } from './happy-dom-visit'
import type { CustomerPlan, Step } from './population'

type Visit = Extract<Step, { kind: 'visit' }>

/** Chromium flags for containers and CI (no sandbox, no GPU, no background traffic). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** Where Debian and Ubuntu install Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

declare const window: {
  touchpoint: { tracker?: unknown; on(type: 'error', listener: (error: { message: string }) => void): void; close(options?: { timeoutMs?: number }): Promise<{ pending: number }> }
  __touchpointWarning(message: string): void
}
declare const document: { getElementById(id: string): any; querySelector(selector: string): any }

/** Plays one visit of `customer` in a new tab of `context`. */
export async function visitInChromium(context: BrowserContext, pageUrl: string, visit: Visit, customer: CustomerPlan): Promise<VisitResult> {
  const page = await context.newPage()
  const errors: string[] = []
  const warnings: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.exposeFunction('__touchpointWarning', (message: string) => warnings.push(message))
  try {
    await page.goto(`${pageUrl}${visit.arrival.query}`, { waitUntil: 'load', ...(visit.arrival.referrer ? { referer: visit.arrival.referrer } : {}) })
    await page.waitForFunction(() => window.touchpoint !== undefined && window.touchpoint.tracker !== undefined)
    await page.evaluate(() => window.touchpoint.on('error', (error: { message: string }) => window.__touchpointWarning(error.message)))
    for (const action of visit.actions) await page.locator(`[data-touchpoint="${action}"]`).first().click()
    if (visit.order) {
      await page.evaluate(
        ({ order, userId, email }) =>
          new Promise<unknown>((resolve) => {
            const form = document.getElementById('checkout')
            document.querySelector(`input[name="plan"][value="${order.plan}"]`).checked = true
            form.querySelector('[name="customerId"]').value = userId
            form.querySelector('[name="email"]').value = email
            form.setAttribute('data-order-id', order.orderId)
            form.addEventListener('touchpoint:ordered', (event: { detail: { done: Promise<unknown> } }) => event.detail.done.then(resolve))
            form.requestSubmit()
          }),
        { order: visit.order, userId: customer.userId, email: customer.email },
      )
    }
    const result = await page.evaluate(() => window.touchpoint.close({ timeoutMs: 15_000 }))
    return { pending: result?.pending ?? 0, errors, warnings }
  } finally {
    await page.close()
  }
}
