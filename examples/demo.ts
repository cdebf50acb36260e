/**
 * `npm run demo`: the whole Touchpoint story on one machine, exiting by itself.
 *
 * Starts the reference collector, the shop's order server (with `@touchpoint/node`) and the landing
 * page; plays a seeded population of customers through the landing page's real script tag in
 * happy-dom (and a sample in headless Chromium when /usr/bin/chromium exists), their purchases
 * and follow-ups through the order server; then analyses what the collector stored, prints the
 * funnel and the top touchpoints, and writes the journey report.
 *
 *   npm run demo                       # 3,000 customers
 *   npm run demo -- --customers 500 --seed 42 --no-chromium
 *   npm run demo -- --serve            # then keep everything up and print the URLs
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { analyzeJourneys, presets, type JourneyAnalysis } from '@touchpoint/core'
import { chromium as playwright, type Browser } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './demo/chromium-visit'
import { adSpend } from './demo/ad-spend'
import { planPopulation } from './demo/population'
import { formatSummary } from './demo/print-summary'
import { createProgress } from './demo/progress'
import { playPopulation } from './demo/play-population'
import type { SimulationStats } from './demo/simulate'
import { DEMO_WRITE_KEY, startStack, type Stack } from './demo/stack'
import { iifePath, renderLandingPage } from './landing-page/render-page'
import { renderReport } from './report/build-report'

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Simulated customers. @default 3000 */
  readonly customers?: number
  /** PRNG seed: the same seed plays the same customers. @default 7 */
  readonly seed?: number
  /**
   * Customers who browse in headless Chromium instead of happy-dom: `true` for a sample of 8
   * when /usr/bin/chromium exists, a number for that many, `false` for none.
   * @default true
   */
  readonly chromium?: boolean | number
  /** Where the report, the NDJSON export, the database and the server journal go. @default examples/out */
  readonly outDir?: string
  /** The script-tag build. @default packages/browser/dist/touchpoint.iife.js */
  readonly iife?: string
  /** Keep the services up after the run (until Ctrl-C) on ports 8787/8788/8080 when free. @default false */
  readonly serve?: boolean
  /**
   * Worker threads playing the happy-dom visitors; 0 plays them on the main thread (needed where
   * workers cannot load TypeScript, e.g. inside vitest).
   * @default min(2, available cores), 0 on a single core
   */
  readonly workers?: number
  /** Print progress and the summary. @default true */
  readonly verbose?: boolean
}

/** What a demo run produced. */
export interface DemoResult {
  /** Events the collector stored. */
  readonly events: number
  readonly reportPath: string
  readonly ndjsonPath: string
  readonly seconds: number
  readonly stats: SimulationStats
  readonly analysis: JourneyAnalysis
  /** The running services, only with `serve`. */
  readonly stack?: Stack
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

async function launchChromium(wanted: boolean | number, log: (line: string) => void): Promise<Browser | undefined> {
  if (wanted === false || wanted === 0 || !existsSync(CHROMIUM_PATH)) return undefined
  try {
    return await playwright.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  } catch (error) {
    log(`Chromium did not start (${(error as Error).message.split('\n')[0]}); every visitor uses happy-dom.`)
    return undefined
  }
}

/** Runs the demo; see {@link DemoOptions}. */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const started = Date.now()
  const verbose = options.verbose ?? true
  const log = (line: string) => verbose && process.stderr.write(`${line}\n`)
  const outDir = resolve(options.outDir ?? here('./out'))
  const iife = options.iife ?? iifePath()
  if (!existsSync(iife)) throw new Error(`${iife} is missing: run \`npm run build\` first (npm run demo does)`)
  mkdirSync(outDir, { recursive: true })
  const dbPath = join(outDir, 'events.db')
  // A fresh database per run: dedup by messageId would otherwise mix runs.
  rmSync(dbPath, { force: true })
  rmSync(join(outDir, 'server-journal'), { recursive: true, force: true })

  const stack = await startStack({
    dbPath,
    journalDir: join(outDir, 'server-journal'),
    iife,
    ...(options.serve ? { ports: { collector: 8787, server: 8788, landing: 8080 } } : {}),
  })
  let browser: Browser | undefined
  let keepServing = false
  try {
    const plans = planPopulation(options.customers ?? 3000, options.seed ?? 7)
    browser = await launchChromium(options.chromium ?? true, log)
    const sample = typeof options.chromium === 'number' ? options.chromium : 8
    const step = Math.max(1, Math.floor(plans.length / Math.max(1, sample)))
    const chromiumCustomers = new Set(browser ? plans.filter((_, i) => i % step === 0).slice(0, sample).map((p) => p.index) : [])
    log(`Collector ${stack.collector.url} · landing page ${stack.landing.url} · order server ${stack.orderServer.url}`)
    log(`Simulating ${plans.length} customers (seed ${options.seed ?? 7}; ${chromiumCustomers.size} in headless Chromium, the rest in happy-dom)`)

    const html = renderLandingPage({ collectorUrl: stack.collector.url, writeKey: DEMO_WRITE_KEY, serverUrl: stack.orderServer.url })
    const progress = verbose ? createProgress(plans.length, 'customers') : undefined
    const workers = options.workers ?? (availableParallelism() > 1 ? 2 : 0)
    const stats = await playPopulation(plans, { stack, html, iife, workers, chromiumCustomers, ...(browser ? { browser } : {}), ...(progress ? { progress } : {}) })
    await stack.tracker.flush({ timeoutMs: 15_000 })
    progress?.finish(`${stats.visits} visits · ${stack.stored().toLocaleString('en-US')} events stored`)
    for (const error of stats.errors) log(`page script error: ${error}`)
    for (const warning of stats.warnings) log(`tracker reported: ${warning}`)

    const events = stack.collector.store.all()
    const analysis = analyzeJourneys(events, { journey: presets.purchaseFunnel, costs: adSpend(plans) })
    const reportPath = join(outDir, 'report.html')
    writeFileSync(reportPath, renderReport(analysis, events.length, { title: 'Lumen Notes · customer journeys (demo)' }))
    const ndjsonPath = join(outDir, 'events.ndjson')
    writeFileSync(ndjsonPath, events.map((e) => JSON.stringify(e)).join('\n') + '\n')
    const seconds = (Date.now() - started) / 1000
    if (verbose) {
      process.stdout.write(`\n${formatSummary(analysis)}\n\n`)
      process.stdout.write(`${events.length.toLocaleString('en-US')} events from ${plans.length.toLocaleString('en-US')} customers (${stats.visits} page visits, ${stats.chromiumVisits} in Chromium; ${stats.followUps} server follow-ups) in ${seconds.toFixed(1)} s; ${stack.duplicates()} re-deliveries deduped by messageId, ${stats.pending} left pending\n`)
      process.stdout.write(`Report: ${relative(process.cwd(), reportPath) || reportPath}\nEvents: ${relative(process.cwd(), ndjsonPath)} (try: npx touchpoint-report ${relative(process.cwd(), ndjsonPath)} -o report.html)\n`)
    }
    keepServing = options.serve === true
    return { events: events.length, reportPath, ndjsonPath, seconds, stats, analysis, ...(keepServing ? { stack } : {}) }
  } finally {
    await browser?.close()
    // Also on failure: a half-run demo must not leave servers listening.
    if (!keepServing) await stack.close()
  }
}

/** `npm run demo -- [--customers N] [--seed N] [--no-chromium | --chromium N] [--out DIR] [--iife FILE] [--serve]` */
async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      customers: { type: 'string' },
      seed: { type: 'string' },
      chromium: { type: 'string' },
      'no-chromium': { type: 'boolean' },
      out: { type: 'string' },
      iife: { type: 'string' },
      serve: { type: 'boolean' },
    },
  })
  const result = await runDemo({
    ...(values.customers ? { customers: Number(values.customers) } : {}),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
    ...(values['no-chromium'] ? { chromium: false } : values.chromium ? { chromium: Number(values.chromium) } : {}),
    ...(values.out ? { outDir: values.out } : {}),
    ...(values.iife ? { iife: resolve(values.iife) } : {}),
    serve: values.serve ?? false,
  })
  const stack = result.stack
  if (!stack) return
  process.stdout.write(
    `\nServing until Ctrl-C:\n  landing page  ${stack.landing.url}\n  collector     ${stack.collector.url}/v1/batch  (report ${stack.collector.url}/report, health ${stack.collector.url}/health, export ${stack.collector.url}/v1/events.ndjson)\n  order server  ${stack.orderServer.url}\n`,
  )
  await new Promise<void>((done) => {
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
  })
  await stack.close()
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`demo failed: ${(error as Error).stack ?? String(error)}\n`)
    process.exitCode = 1
  })
}
