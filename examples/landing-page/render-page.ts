/**
 * The landing page as served: `index.html` with the collector, write key and order server of
 * this run in place of the defaults written in the file (so the file also works as-is against a
 * collector on port 8787).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Where the page's events and orders go. */
export interface PageConfig {
  /** Collector base URL, e.g. `http://127.0.0.1:8787`. */
  readonly collectorUrl: string
  readonly writeKey: string
  /** Order server base URL (examples/server), e.g. `http://127.0.0.1:8788`. */
  readonly serverUrl: string
}

/** The defaults written in `index.html`. */
export const DEFAULT_PAGE_CONFIG: PageConfig = { collectorUrl: 'http://127.0.0.1:8787', writeKey: 'wk_demo', serverUrl: 'http://127.0.0.1:8788' }

/** Files of the landing page, by URL path. */
export const LANDING_FILES = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/landing.js': 'landing.js',
  '/landing.css': 'landing.css',
} as const

/** Absolute path of a landing page file. */
export const landingFile = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url))

/** Absolute path of the script-tag build of `@touchpoint/browser` (built by `npm run build`). */
export const iifePath = (): string => fileURLToPath(new URL('../../packages/browser/dist/touchpoint.iife.js', import.meta.url))

/** `index.html` with `config` in place of the defaults. */
export function renderLandingPage(config: PageConfig, html = readFileSync(landingFile('index.html'), 'utf8')): string {
  return html
    .replaceAll(`'${DEFAULT_PAGE_CONFIG.collectorUrl}/v1/batch'`, JSON.stringify(`${config.collectorUrl}/v1/batch`).replaceAll('"', "'"))
    .replaceAll(`writeKey: '${DEFAULT_PAGE_CONFIG.writeKey}'`, `writeKey: ${JSON.stringify(config.writeKey).replaceAll('"', "'")}`)
    .replaceAll(`"${DEFAULT_PAGE_CONFIG.serverUrl}/orders"`, `"${config.serverUrl}/orders"`)
}
