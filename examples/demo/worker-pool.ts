/** Splits the happy-dom customers over worker threads and merges what they report. */
import { Worker } from 'node:worker_threads'
import type { CustomerPlan } from './population'
import type { SimulationStats } from './simulate'
import type { VisitorWorkerData } from './visitor-worker'

/** Options of {@link simulateInWorkers}. */
export interface WorkerPoolOptions extends Omit<VisitorWorkerData, 'entry' | 'plans'> {
  /** Threads to start. */
  readonly workers: number
  /** Called with the customers and visits done so far, over all workers. @default undefined */
  readonly onProgress?: (customers: number, visits: number) => void
}

/** Adds `b` into `a`. */
export function mergeStats(a: SimulationStats, b: SimulationStats): SimulationStats {
  return {
    customers: a.customers + b.customers,
    visits: a.visits + b.visits,
    chromiumVisits: a.chromiumVisits + b.chromiumVisits,
    followUps: a.followUps + b.followUps,
    pending: a.pending + b.pending,
    errors: [...new Set([...a.errors, ...b.errors])].slice(0, 20),
    warnings: [...new Set([...a.warnings, ...b.warnings])].slice(0, 20),
  }
}

/** An empty tally. */
export const emptyStats = (): SimulationStats => ({ customers: 0, visits: 0, chromiumVisits: 0, followUps: 0, pending: 0, errors: [], warnings: [] })

/** Plays `plans` in `options.workers` threads (customer i goes to worker i mod n). */
export async function simulateInWorkers(plans: readonly CustomerPlan[], options: WorkerPoolOptions): Promise<SimulationStats> {
  const { workers: count, onProgress, ...shared } = options
  const progress = Array.from({ length: count }, () => ({ customers: 0, visits: 0 }))
  const workers: Worker[] = []
  const runs = progress.map((mine, w) => {
    const data: VisitorWorkerData = { ...shared, entry: new URL('./visitor-worker.ts', import.meta.url).href, plans: plans.filter((_, i) => i % count === w) }
    return new Promise<SimulationStats>((resolve, reject) => {
      // A larger young generation: happy-dom windows are short-lived garbage, and scavenges are cheap
      // when rare. A capped old generation: V8 would otherwise grow each heap lazily to gigabytes.
      const resourceLimits = { maxYoungGenerationSizeMb: 64, maxOldGenerationSizeMb: 768 }
      const worker = new Worker(new URL('./visitor-worker-boot.mjs', import.meta.url), { workerData: data, resourceLimits })
      workers.push(worker)
      let result: SimulationStats | undefined
      worker.on('message', (message: { type: 'progress'; customers: number; visits: number } | { type: 'done'; stats: SimulationStats }) => {
        if (message.type === 'done') {
          result = message.stats
          return
        }
        mine.customers = message.customers
        mine.visits = message.visits
        onProgress?.(
          progress.reduce((n, p) => n + p.customers, 0),
          progress.reduce((n, p) => n + p.visits, 0),
        )
      })
      worker.once('error', reject)
      worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`visitor worker ${w} exited with code ${code} before finishing`))))
    })
  })
  try {
    return (await Promise.all(runs)).reduce(mergeStats, emptyStats())
  } catch (error) {
    // Do not leave the other threads running (and the process alive) after one failed.
    await Promise.all(workers.map((worker) => worker.terminate()))
    throw error
  }
}
