/**
 * Everything the demo runs besides the customers: the collector, the shop's order server with its
 * `@touchpoint/node` tracker, and the landing page server. One `close()` stops all of it.
 */
import { createTracker } from '@touchpoint/node'
import { createCollector, type Collector } from '../collector'
import { createLandingServer, type LandingServer } from '../landing-page/serve'
import { createOrderServer, createPostPurchase, type OrderServer } from '../server'

/** The demo's write key (any key works; the collector is configured with this one). */
export const DEMO_WRITE_KEY = 'wk_demo'

/** Options of {@link startStack}. */
export interface StackOptions {
  /** SQLite file of the collector. */
  readonly dbPath: string
  /** Journal directory of the server's tracker. */
  readonly journalDir: string
  /** The IIFE the landing page loads. */
  readonly iife: string
  /**
   * Ports to try first (collector, order server, landing page); a taken port falls back to a free one.
   * @default all 0 (free ports)
   */
  readonly ports?: { readonly collector: number; readonly server: number; readonly landing: number }
}

/** The running demo services. */
export interface Stack {
  readonly collector: Collector
  readonly orderServer: OrderServer
  readonly landing: LandingServer
  /** The server's tracker: `shutdown()` delivers what it still holds. */
  readonly tracker: ReturnType<typeof createTracker>
  /** Events stored so far (counted as they arrive: cheaper than a `COUNT(*)` per progress tick). */
  stored(): number
  /** Re-deliveries the collector recognised by `messageId` and did not store again. */
  duplicates(): number
  close(): Promise<void>
}

/** Listens on `port`, or on a free port when it is taken. */
async function withFallback<T>(port: number, start: (port: number) => Promise<T>): Promise<T> {
  if (port === 0) return start(0)
  try {
    return await start(port)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    return start(0)
  }
}

/** Starts the collector, the order server (with its tracker) and the landing page server. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const ports = options.ports ?? { collector: 0, server: 0, landing: 0 }
  let stored = 0
  let duplicates = 0
  const collector = await withFallback(ports.collector, (port) =>
    createCollector({ port, writeKeys: [DEMO_WRITE_KEY], dbPath: options.dbPath, onStored: (_events, result) => ((stored += result.inserted), (duplicates += result.duplicates)) }),
  )
  const tracker = createTracker({
    endpoint: `${collector.url}/v1/batch`,
    writeKey: DEMO_WRITE_KEY,
    dataDir: options.journalDir,
    // A demo wants to see events quickly; production keeps the 10 s default.
    flushIntervalMs: 1_000,
  })
  const orderServer = await withFallback(ports.server, (port) => createOrderServer({ port, postPurchase: createPostPurchase({ tracker }) }))
  const landing = await withFallback(ports.landing, (port) =>
    createLandingServer({ port, collectorUrl: collector.url, writeKey: DEMO_WRITE_KEY, serverUrl: orderServer.url, iife: options.iife }),
  )
  return {
    collector,
    orderServer,
    landing,
    tracker,
    stored: () => stored,
    duplicates: () => duplicates,
    async close() {
      await landing.close()
      await orderServer.close()
      await tracker.shutdown({ timeoutMs: 10_000 })
      await collector.close()
    },
  }
}
