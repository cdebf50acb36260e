/**
 * What the browser tracker property tests share: a collector that records every event, and a
 * fresh "browser" per run whose tabs share one IndexedDB, localStorage, cookie jar and lock
 * manager, like the tabs of one site.
 */
import { IDBFactory } from 'fake-indexeddb'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import type { WireEvent } from '@touchpoint/core'
import { createTracker, type Tracker, type TrackerOptions } from '../../packages/browser/src/create-tracker'
import { createFakeLocks } from './fake-locks'

export const endpoint = 'https://collect.example.test/v1/batch'

/** Starts an msw collector for this test file; `received()` is what it accepted since the last `clear()`. */
export function recordingCollector(): { received(): WireEvent[]; clear(): void } {
  let received: WireEvent[] = []
  const server = setupServer(
    http.post(endpoint, async ({ request }) => {
      received.push(...((await request.json()) as { batch: WireEvent[] }).batch)
      return HttpResponse.json({ success: true })
    }),
  )
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })
  return { received: () => received, clear: () => void (received = []) }
}

/**
 * A fresh browser for one run: empty storage, cookies and locks. `open` starts a tab's tracker;
 * `closeAll` closes every one it started — call it in `finally`, or a tracker left open by a
 * failed assertion would send into the next run.
 */
export function freshBrowser(options: Partial<TrackerOptions> = {}): { open(): Tracker; closeAll(): Promise<void> } {
  vi.stubGlobal('navigator', { locks: createFakeLocks(), onLine: true, language: 'en-US', userAgent: 'test' })
  globalThis.indexedDB = new IDBFactory()
  localStorage.clear()
  document.cookie = 'tp_aid=; Max-Age=0; Path=/'
  const opened: Tracker[] = []
  return {
    open() {
      const tracker = createTracker({ endpoint, flushIntervalMs: 20, ...options })
      opened.push(tracker)
      return tracker
    },
    closeAll: async () => void (await Promise.all(opened.map((tracker) => tracker.close({ timeoutMs: 100 })))),
  }
}
