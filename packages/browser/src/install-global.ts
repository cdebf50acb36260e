/**
 * The script-tag API: `window.touchpoint`. Calls made before the script loaded (by the inline
 * snippet, which queues `[method, ...args]` arrays) are replayed in order; calls made before
 * `init` wait for it.
 */
import { createTracker, type Tracker, type TrackerOptions } from './create-tracker'

/** A call recorded by the snippet (or before `init`): the method name, then its arguments. */
export type QueuedCall = [method: string, ...args: unknown[]]

/** `window.touchpoint` once the script has loaded. */
export interface GlobalTouchpoint {
  /** Creates the tracker; later calls are ignored. */
  init(options: TrackerOptions): void
  /** The tracker, once `init` ran. */
  tracker?: Tracker
  [method: string]: unknown
}

/** Methods callable before `init`; they are queued until then. */
/** Every tracker method, so a page calling one before `init` gets `undefined`, never a TypeError. */
const METHODS = ['track', 'identify', 'page', 'flush', 'on', 'consent', 'reset', 'close', 'journey', 'journeyToken'] as const

/** Reads `data-endpoint`, `data-write-key` and `data-debug` from the loading `<script>` tag. */
export function optionsFromScript(script: Element | null | undefined): TrackerOptions | undefined {
  const endpoint = script?.getAttribute('data-endpoint')
  if (!script || !endpoint) return undefined
  const writeKey = script.getAttribute('data-write-key')
  const debug = script.hasAttribute('data-debug')
  return { endpoint, ...(writeKey ? { writeKey } : {}), ...(debug ? { debug } : {}) }
}

/**
 * Defines `target.touchpoint`, replaying what the snippet queued. Never throws: a failing queued
 * call is skipped so the calls after it still run.
 */
export function installGlobal(target: { touchpoint?: unknown }, scriptOptions?: TrackerOptions): GlobalTouchpoint {
  const existing = target.touchpoint
  if (existing && typeof existing === 'object' && 'init' in existing && !Array.isArray(existing)) return existing as GlobalTouchpoint
  const snippetCalls: QueuedCall[] = Array.isArray(existing) ? (existing as QueuedCall[]).slice() : []
  const waiting: QueuedCall[] = []

  const run = ([method, ...args]: QueuedCall): unknown => {
    try {
      if (method === 'init') return api.init(args[0] as TrackerOptions)
      const tracker = api.tracker
      if (!tracker) return void waiting.push([method, ...args])
      const fn = (tracker as unknown as Record<string, unknown>)[method]
      if (typeof fn === 'function') return (fn as (...a: unknown[]) => unknown)(...args)
    } catch {}
    return undefined
  }

  const api: GlobalTouchpoint = {
    init(options) {
      if (api.tracker || !options || typeof options.endpoint !== 'string') return
      const tracker = createTracker(options)
      api.tracker = tracker
      // Expose every tracker method, including those the context module adds (consent, journey...).
      for (const [name, value] of Object.entries(tracker)) if (typeof value === 'function') api[name] = value
      for (const call of waiting.splice(0)) run(call)
    },
  }
  for (const method of METHODS) api[method] = (...args: unknown[]) => run([method, ...args])
  target.touchpoint = api
  if (scriptOptions) api.init(scriptOptions)
  for (const call of snippetCalls) run(call)
  return api
}
