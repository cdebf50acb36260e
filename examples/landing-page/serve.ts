/**
 * Serves the landing page (and the IIFE it loads) on loopback, for headless Chromium and for
 * `npm run demo -- --serve`.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { iifePath, LANDING_FILES, landingFile, renderLandingPage, type PageConfig } from './render-page'

/** Options of {@link createLandingServer}. */
export interface LandingServerOptions extends PageConfig {
  /** @default 0 (a free port) */
  readonly port?: number
  /**
   * The script-tag build served at `/touchpoint.iife.js`.
   * @default packages/browser/dist/touchpoint.iife.js
   */
  readonly iife?: string
}

/** A running landing page server. */
export interface LandingServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string
  close(): Promise<void>
}

const TYPES: Readonly<Record<string, string>> = { html: 'text/html', js: 'text/javascript', css: 'text/css' }

/** Starts the landing page server. Files are read once, at start. */
export async function createLandingServer(options: LandingServerOptions): Promise<LandingServer> {
  const files = new Map<string, string>()
  for (const [path, name] of Object.entries(LANDING_FILES)) {
    files.set(path, name === 'index.html' ? renderLandingPage(options) : readFileSync(landingFile(name), 'utf8'))
  }
  files.set('/touchpoint.iife.js', readFileSync(options.iife ?? iifePath(), 'utf8'))
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://page').pathname
    const body = files.get(path)
    if (body === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found')
      return
    }
    const type = TYPES[path === '/' ? 'html' : (path.split('.').pop() as string)] ?? 'text/plain'
    res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' }).end(body)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
