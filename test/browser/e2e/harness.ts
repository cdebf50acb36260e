/**
 * Real-browser test harness: Debian Chromium driven by playwright-core, a loopback static server
 * for pages and the IIFE build, and helpers to build pages. Every test closes what it starts.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type OutgoingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { startChaosCollector, type ChaosCollector } from '../../helpers/chaos-collector'

const packageDir = fileURLToPath(new URL('../../../packages/browser/', import.meta.url))
const iifePath = `${packageDir}dist/touchpoint.iife.js`

/** The built IIFE; builds the browser package first when dist is missing. */
export function readIife(): string {
  if (!existsSync(iifePath)) execFileSync('npx', ['tsup'], { cwd: packageDir, stdio: 'ignore' })
  return readFileSync(iifePath, 'utf8')
}

/** The hand-written snippet with its script URL replaced. */
export function readSnippet(scriptUrl: string): string {
  return readFileSync(`${packageDir}src/snippet.js`, 'utf8').replace('https://cdn.example.com/touchpoint.iife.js', scriptUrl)
}

/** Launches headless Debian Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** One response of the static server. */
export interface Route {
  body: string
  type?: string
  headers?: OutgoingHttpHeaders
}

/** A loopback static server whose routes can change during a test. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  set(path: string, route: Route | string): void
  close(): Promise<void>
}

function typeOf(path: string): string {
  if (path.endsWith('.js')) return 'text/javascript'
  return 'text/html; charset=utf-8'
}

/** Starts a static server on 127.0.0.1 serving `/touchpoint.iife.js` and the routes given. */
export async function startStaticServer(routes: Record<string, Route | string> = {}): Promise<StaticServer> {
  const table = new Map<string, Route>()
  const set = (path: string, route: Route | string) => table.set(path, typeof route === 'string' ? { body: route } : route)
  set('/touchpoint.iife.js', readIife())
  for (const [path, route] of Object.entries(routes)) set(path, route)
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const route = table.get(path)
    if (!route) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'Content-Type': route.type ?? typeOf(path), 'Cache-Control': 'no-store', ...route.headers })
    res.end(route.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    set,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Options the test pages pass to `touchpoint.init`, short timers so tests run fast. */
export function fastOptions(endpoint: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { endpoint, writeKey: 'wk_e2e', flushIntervalMs: 200, retry: { baseMs: 100, maxMs: 1000 }, ...extra }
}

/**
 * A page that loads the IIFE and initialises it from a same-origin script (so it also works
 * under `script-src 'self'`). `/init.js` must be set to `initScript(options)`.
 */
export const trackerPage = `<!doctype html><html><head><title>touchpoint e2e</title>
<script src="/touchpoint.iife.js"></script><script src="/init.js"></script></head><body>landing page</body></html>`

/** The same-origin init script for {@link trackerPage}. */
export function initScript(options: Record<string, unknown>): Route {
  return { body: `touchpoint.init(${JSON.stringify(options)})`, type: 'text/javascript' }
}

/** The live setup of an e2e test file; read its fields inside tests (they change for every test). */
export interface E2eEnvironment {
  /** One Chromium for the whole file. */
  readonly browser: Browser
  /** A fresh chaos collector for each test. */
  readonly collector: ChaosCollector
  /** A fresh static server for each test, serving `routes(collector.url)`. */
  readonly server: StaticServer
  /** A fresh browser context (cookies, storage) for each test. */
  readonly context: BrowserContext
}

/**
 * Registers the hooks of an e2e test file: Chromium launched once, and for each test a chaos
 * collector, a static server with `routes` and a fresh browser context, all closed afterwards.
 */
export function useE2eEnvironment(routes: (collectorUrl: string) => Record<string, Route | string>): E2eEnvironment {
  let browser: Browser | undefined
  let collector: ChaosCollector | undefined
  let server: StaticServer | undefined
  let context: BrowserContext | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(async () => {
    collector = await startChaosCollector()
    server = await startStaticServer(routes(collector.url))
    context = await browser!.newContext()
  })
  afterEach(async () => {
    await context?.close()
    await server?.close()
    await collector?.close()
  })
  return {
    get browser() {
      return browser!
    },
    get collector() {
      return collector!
    },
    get server() {
      return server!
    },
    get context() {
      return context!
    },
  }
}
