/**
 * A worker thread playing its share of the customers in happy-dom (the demo starts one per core,
 * so a 2-core machine simulates twice as many visitors). Progress goes to the main thread after
 * each customer; the totals at the end.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { compilePageScripts } from './happy-dom-visit'
import type { CustomerPlan } from './population'
import { simulateCustomers } from './simulate'

/** What the main thread hands a worker. */
export interface VisitorWorkerData {
  readonly entry: string
  readonly plans: readonly CustomerPlan[]
  readonly pageUrl: string
  readonly serverUrl: string
  readonly html: string
  readonly iifeFile: string
  readonly landingFile: string
  /** Customers browsing at once in this worker. @default 12 */
  readonly concurrency?: number
}

const data = workerData as VisitorWorkerData
const scripts = compilePageScripts(data.html, data.iifeFile, data.landingFile)
const stats = await simulateCustomers(data.plans, { pageUrl: data.pageUrl, serverUrl: data.serverUrl, scripts }, {
  ...(data.concurrency ? { concurrency: data.concurrency } : {}),
  onCustomer: (s) => parentPort?.postMessage({ type: 'progress', customers: s.customers, visits: s.visits }),
})
parentPort?.postMessage({ type: 'done', stats })
