/**
 * The script-tag API: `window.touchpoint`. Calls made before the script loaded (by the inline
 * snippet, which queues `[method, ...args]` arrays) are replayed in order; calls made before
 * `init` wait for it. `data-endpoint`, `data-write-key` and `data-debug` on the loading
 * `<script>` tag initialise it without any inline code.
 */
import { createTracker, type Tracker, type TrackerOptions } from './create-tracker'

/** `window.touchpoint` once the script has loaded. */
export interface GlobalTouchpoint {
  /** Creates the tracker; later calls are ignored. */
  init(options: TrackerOptions): void
  /** The tracker, once `init` ran. */
  tracker?: Tracker
  [method: string]: unknown
}

/** Every tracker method, so a page calling one before `init` gets `undefined`, never a TypeError. */
const METHODS = 'track identify page flush on consent reset close journey journeyToken'.split(' ')

/**
 * Defines `target.touchpoint`, initialised from `script`'s data attributes when it has
 * `data-endpoint`, then replays what the snippet queued. Never throws: a failing queued call is
 * skipped so the calls after it still run. A script loaded twice keeps the first `touchpoint`.
 */
export function installGlobal(target: { touchpoint?: unknown }, script?: Element | null): GlobalTouchpoint {
  const existing = target.touchpoint as GlobalTouchpoint | unknown[] | undefined
  if (existing && !Array.isArray(existing) && (existing as Partial<GlobalTouchpoint>).init) return existing
  const waiting: unknown[][] = []
  const run = ([method, ...args]: unknown[]): unknown => {
    try {
      if (method === 'init') return api.init(args[0] as TrackerOptions)
      if (!api.tracker) return void waiting.push([method, ...args])
      return (api.tracker as unknown as Record<string, (...a: unknown[]) => unknown>)[method as string]!(...args)
    } catch {}
  }
  const api: GlobalTouchpoint = {
    init(options) {
      if (api.tracker || typeof options?.endpoint !== 'string') return
      api.tracker = createTracker(options)
      waiting.splice(0).forEach(run)
    },
  }
  for (const method of METHODS) api[method] = (...args: unknown[]) => run([method, ...args])
  target.touchpoint = api
  const endpoint = script?.getAttribute('data-endpoint')
  if (endpoint) api.init({ endpoint, writeKey: script!.getAttribute('data-write-key') ?? undefined, debug: script!.hasAttribute('data-debug') })
  if (Array.isArray(existing)) (existing as unknown[][]).forEach(run)
  return api
}
