/**
 * `analyzeJourneys` over 1,000,000 realistic events (~100k people). Budget: under 10 s on a 2-core
 * machine. Run: `npx tsx bench/analysis.bench.ts [events]`.
 *
 * The dataset: each person browses anonymously from one to three devices, meets catalog
 * touchpoints drifting from awareness towards purchase, and some identify (merging their
 * devices); about 6% of people buy (some twice) and then get server-side after-purchase touches
 * (invoice, confirmation email, support) joined by journey token. Page views sprinkle in.
 * Events are stored in arrival (time) order like a collector's table, with 1% redelivered copies,
 * and go through JSON like events read back from a collector's database.
 */
import { getHeapStatistics } from 'node:v8'
import { analyzeJourneys } from '../src/analysis/analyze-journeys'
import { presets } from '../src/journey/presets'
import type { WireEvent } from '../src/event/types'

const target = Number(process.argv[2] ?? 1_000_000)
const DAY = 86_400_000
const T0 = Date.UTC(2026, 0, 1)

/** mulberry32: a seeded PRNG so every run measures the same dataset. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const random = createRandom(42)
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
const journey = presets.purchaseFunnel
const byStage = (stage: string): string[] => Object.entries(journey.touchpoints).filter(([, p]) => p.stage === stage).map(([id]) => id)
const awareness = byStage('awareness')
const consideration = byStage('consideration')
const purchase = byStage('purchase')
const retention = byStage('retention')
const channelOf = (id: string): string => (journey.touchpoints as Record<string, { channel?: string }>)[id]?.channel ?? 'web'
const library = { name: '@touchpoint/browser', version: '0.1.0' }
const serverLibrary = { name: '@touchpoint/node', version: '0.1.0' }

let serial = 0
/** UUIDv7-shaped id: 48-bit time, then a counter (unique, time-ordered like the real ones). */
const messageId = (ms: number): string => {
  const hex = Math.floor(ms).toString(16).padStart(12, '0')
  const tail = (serial++).toString(16).padStart(18, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7${tail.slice(0, 3)}-8${tail.slice(3, 6)}-${tail.slice(6, 18)}`
}

function generate(): WireEvent[] {
  const events: WireEvent[] = []
  let person = 0
  while (events.length < target) {
    person++
    const userId = `user-${person}`
    const devices = Array.from({ length: random() < 0.2 ? 1 + Math.ceil(random() * 2) : 1 }, (_, d) => `anon-${person}-${d}`)
    const identifies = random() < 0.35
    const buys = random() < 0.06
    let time = T0 + random() * 120 * DAY
    const browser = (anonymousId: string, properties: Record<string, string>): void => {
      time += random() * 2 * DAY
      events.push({
        type: 'track', event: 'touchpoint', messageId: messageId(time), timestamp: new Date(time).toISOString(), anonymousId,
        properties, context: { library, page: { path: '/', url: 'https://shop.example.com/' }, sessionId: `s-${person}` },
      })
    }
    const touches = 1 + Math.floor(-Math.log(1 - random()) * 7)
    for (let t = 0; t < touches; t++) {
      const progress = t / touches
      const id = pick(progress < 0.5 ? awareness : progress < 0.9 || random() < 0.7 ? consideration : purchase)
      // Some trackers send the stage, most leave it to the journey; a few ids are custom.
      const touchpoint = random() < 0.03 ? `custom-${Math.floor(random() * 50)}` : id
      const properties: Record<string, string> = { touchpoint, channel: channelOf(id) }
      if (random() < 0.3) properties.stage = (journey.touchpoints as Record<string, { stage: string }>)[id]!.stage
      browser(pick(devices), properties)
      if (random() < 0.3) {
        events.push({ type: 'page', messageId: messageId(time), timestamp: new Date(time + 1000).toISOString(), anonymousId: pick(devices), properties: {}, context: { library } })
      }
    }
    if (identifies || buys) {
      for (const anonymousId of devices) {
        events.push({ type: 'identify', messageId: messageId(time), timestamp: new Date(time).toISOString(), userId, anonymousId, traits: { plan: 'free' }, context: { library } })
      }
    }
    if (buys) {
      const orders = random() < 0.2 ? 2 : 1
      for (let o = 0; o < orders; o++) {
        time += random() * 3 * DAY
        events.push({
          type: 'track', event: 'Order Completed', messageId: messageId(time), timestamp: new Date(time).toISOString(), userId,
          properties: { revenue: Math.round(20 + random() * 300), currency: 'USD' }, context: { library },
        })
        for (const id of ['order-confirmation-email', 'invoice', pick(retention)]) {
          time += random() * DAY
          events.push({
            type: 'track', event: 'touchpoint', messageId: messageId(time), timestamp: new Date(time).toISOString(), userId,
            properties: { touchpoint: id, channel: channelOf(id) }, context: { library: serverLibrary, journey: { anonymousId: devices[0]! } },
          })
        }
      }
    }
  }
  events.length = target
  events.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0))
  // At-least-once delivery: 1% arrive twice.
  for (let i = 0; i < target / 100; i++) events[Math.floor(random() * target)] = events[Math.floor(random() * target)]!
  // Round-trip through JSON in chunks, as a collector reading its table would: flat strings and
  // no objects shared between events.
  const parsed: WireEvent[] = []
  for (let i = 0; i < events.length; i += 10_000) parsed.push(...(JSON.parse(JSON.stringify(events.slice(i, i + 10_000))) as WireEvent[]))
  return parsed
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const started = performance.now()
const events = generate()
console.log(`generated ${events.length.toLocaleString('en')} events in ${((performance.now() - started) / 1000).toFixed(1)} s; heap ${mb(process.memoryUsage().heapUsed)}`)

const costs = Object.fromEntries(awareness.map((id) => [id, 5000]))
const rounds = Number(process.argv[3] ?? 3)
const seconds: number[] = []
let report: ReturnType<typeof analyzeJourneys> | undefined
for (let round = 0; round < rounds; round++) {
  report = undefined
  const start = performance.now()
  report = analyzeJourneys(events, { journey, costs })
  seconds.push((performance.now() - start) / 1000)
}
const best = Math.min(...seconds)
const worst = Math.max(...seconds)
const r = report!
console.log(
  `analyzeJourneys: ${seconds.map((s) => s.toFixed(2)).join(' s, ')} s  (best ${best.toFixed(2)} s = ${Math.round(events.length / best).toLocaleString('en')} events/s, ` +
    `worst ${worst.toFixed(2)} s = ${Math.round(events.length / worst).toLocaleString('en')} events/s)`,
)
// The call is synchronous, so the heap cannot be sampled during it: the process's peak RSS (input
// included) and the heap V8 still holds after the run are the honest peaks to report.
console.log(`heap used after (events + report) ${mb(process.memoryUsage().heapUsed)}, heap reserved ${mb(getHeapStatistics().total_heap_size)}, peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`)
console.log(
  `customers ${r.customers.length.toLocaleString('en')}, conversions ${r.attribution.conversions.toLocaleString('en')}, duplicates ${r.input.duplicates}, ` +
    `touches to convert median ${r.touchesToConvert.median} p90 ${r.touchesToConvert.p90}, ` +
    `segments ${Object.entries(r.segments).map(([name, s]) => `${name} ${s.customers}`).join(' ')}`,
)
