/**
 * One visit to the landing page in happy-dom: the page's HTML (with the script-tag snippet), the
 * built IIFE and the page's own script run in a fresh window, per-customer storage carried over
 * from the customer's earlier visits (localStorage, cookies, IndexedDB through fake-indexeddb),
 * then the customer's clicks and checkout, then the tab closes.
 */
import { readFileSync } from 'node:fs'
import vm from 'node:vm'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { Window } from 'happy-dom'
import type { CustomerPlan, Step } from './population'
import { createLockManager } from './web-locks'

/** What a customer's browser keeps between visits. */
export interface BrowserProfile {
  /** The customer's IndexedDB: events a visit could not send wait here for the next one. */
  readonly indexedDB: IDBFactory
  localStorage: [string, string][]
  cookies: string[]
}

/** A fresh browser profile. */
export const createProfile = (): BrowserProfile => ({ indexedDB: new IDBFactory(), localStorage: [], cookies: [] })

/** The page, compiled once and run in every window (V8 reuses the compiled code across contexts). */
export interface PageScripts {
  readonly html: string
  readonly iife: vm.Script
  readonly landing: vm.Script
}

/** Compiles the IIFE and `landing.js` for {@link visitInHappyDom}. */
export function compilePageScripts(html: string, iifeFile: string, landingFile: string): PageScripts {
  return {
    html,
    iife: new vm.Script(readFileSync(iifeFile, 'utf8'), { filename: 'touchpoint.iife.js' }),
    landing: new vm.Script(readFileSync(landingFile, 'utf8'), { filename: 'landing.js' }),
  }
}

/** What a visit left undelivered, the page's script errors, and the tracker's `error` events. */
export interface VisitResult {
  readonly pending: number
  /** Uncaught errors of the page's scripts. */
  readonly errors: readonly string[]
  /** `error` events of the tracker (e.g. IndexedDB too slow, memory used instead): reported, not fatal. */
  readonly warnings: readonly string[]
}

type Visit = Extract<Step, { kind: 'visit' }>

interface PageWindow {
  touchpoint: { close(options?: { timeoutMs?: number }): Promise<{ pending: number }> | undefined; on?: (type: string, listener: (e: { message?: string }) => void) => void }
  document: Document
  localStorage: Storage
  Event: typeof Event
}

const SETTINGS = {
  enableJavaScriptEvaluation: true,
  suppressInsecureJavaScriptEnvironmentWarning: true,
  // The snippet's <script src> is not fetched: the demo runs the compiled IIFE itself.
  disableJavaScriptFileLoading: true,
  handleDisabledFileLoadingAsSuccess: true,
  disableCSSFileLoading: true,
  disableIframePageLoading: true,
}

/** Waits for the macrotask queue (lets the tab take the sender lock, like a page finishing its load). */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

/** Plays one visit of `customer` on the page at `pageUrl`. */
export async function visitInHappyDom(scripts: PageScripts, pageUrl: string, visit: Visit, customer: CustomerPlan, profile: BrowserProfile): Promise<VisitResult> {
  const window = new Window({ url: `${pageUrl}${visit.arrival.query}`, width: 1280, height: 800, settings: SETTINGS })
  const errors: string[] = []
  const warnings: string[] = []
  window.addEventListener('error', (event: unknown) => {
    const { error, message } = event as { error?: { message?: string }; message?: string }
    errors.push(String(error?.message ?? message))
  })
  try {
    const w = window as unknown as PageWindow & Record<string, unknown>
    w.indexedDB = profile.indexedDB
    w.IDBKeyRange = IDBKeyRange
    Object.defineProperty(window.navigator, 'locks', { configurable: true, value: createLockManager() })
    Object.defineProperty(window.document, 'referrer', { configurable: true, value: visit.arrival.referrer })
    for (const [key, value] of profile.localStorage) window.localStorage.setItem(key, value)
    for (const cookie of profile.cookies) window.document.cookie = cookie
    window.document.write(scripts.html)
    scripts.iife.runInContext(window as unknown as vm.Context)
    scripts.landing.runInContext(window as unknown as vm.Context)
    w.touchpoint.on?.('error', (error) => warnings.push(error.message ?? String(error)))
    await tick()
    for (const action of visit.actions) {
      ;(window.document.querySelector(`[data-touchpoint="${action}"]`) as unknown as HTMLElement | null)?.click()
    }
    if (visit.order) await checkout(w, visit, customer)
    const result = await w.touchpoint.close({ timeoutMs: 15_000 })
    profile.localStorage = Array.from({ length: window.localStorage.length }, (_, i) => {
      const key = window.localStorage.key(i) as string
      return [key, window.localStorage.getItem(key) as string] as [string, string]
    })
    profile.cookies = window.document.cookie.split('; ').filter(Boolean)
    return { pending: result?.pending ?? 0, errors, warnings }
  } finally {
    await window.happyDOM.close()
  }
}

/** Fills the checkout form as the customer would and waits for the order server's answer. */
async function checkout(w: PageWindow, visit: Visit, customer: CustomerPlan): Promise<void> {
  const doc = w.document
  const order = visit.order as NonNullable<Visit['order']>
  const form = doc.getElementById('checkout') as HTMLFormElement
  ;(doc.querySelector(`input[name="plan"][value="${order.plan}"]`) as HTMLInputElement).checked = true
  ;(form.querySelector('[name="customerId"]') as HTMLInputElement).value = customer.userId
  ;(form.querySelector('[name="email"]') as HTMLInputElement).value = customer.email
  form.setAttribute('data-order-id', order.orderId)
  let done: Promise<unknown> | undefined
  form.addEventListener('touchpoint:ordered', (event) => (done = (event as CustomEvent<{ done: Promise<unknown> }>).detail.done))
  form.dispatchEvent(new w.Event('submit', { bubbles: true, cancelable: true }))
  await done
}
