/**
 * ns per `builder.track('touchpoint', {...})`: validate + copy properties + fill the stage +
 * messageId + timestamp + serialize + measure. Budget: well under 1.5 µs, so that with the
 * queue's enqueue a `track` stays under 2 µs. For scale it also prints the floor every SDK pays:
 * one `JSON.stringify` of the same properties.
 * Run: `npx tsx bench/event-build.bench.ts`.
 */
import { cpus, loadavg } from 'node:os'
import { createEventBuilder } from '../src/event/build-event'

const events = 100_000
const rounds = 7

const stages: Record<string, string> = { 'facebook-ad': 'awareness', 'landing-page': 'consideration', invoice: 'retention' }
const builder = createEventBuilder({
  library: { name: '@touchpoint/browser', version: '0.1.0' },
  stageOf: (id) => stages[id],
})
const anonymousId = '0190f5b2-8c1e-7d3a-9b1f-2f6c3e4d5a6b'
const pageContext = { locale: 'en-US', page: { path: '/pricing', title: 'Pricing' } }

const properties = (i: number) => ({
  touchpoint: 'facebook-ad',
  channel: 'social',
  interaction: 'indirect' as const,
  campaign: { source: 'facebook', medium: 'cpc', name: 'spring-sale' },
  properties: { adId: 'ad-123', position: i % 7 },
})

type Case = (i: number) => number

const cases: [string, Case][] = [
  ["builder.track('touchpoint', …)", (i) => bytesOf(builder.track('touchpoint', properties(i), { anonymousId }))],
  ["builder.track('touchpoint', …) + page context", (i) => bytesOf(builder.track('touchpoint', properties(i), { anonymousId, context: pageContext }))],
  ['floor: JSON.stringify(properties) alone', (i) => JSON.stringify(properties(i)).length],
]

function bytesOf(result: ReturnType<typeof builder.track>): number {
  if (!result.ok) throw result.error
  return result.value.bytes
}

function run(body: Case): number {
  let sink = 0
  const start = process.hrtime.bigint()
  for (let i = 0; i < events; i++) sink += body(i)
  const ns = Number(process.hrtime.bigint() - start) / events
  if (sink === 0) throw new Error('nothing was built')
  return ns
}

console.log(`${cpus().length} CPUs, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`)
for (const [name, body] of cases) {
  const figures = Array.from({ length: rounds }, () => run(body)).sort((a, b) => a - b)
  console.log(`${name}: ${figures[0]!.toFixed(0)} ns/event best, ${figures[rounds >> 1]!.toFixed(0)} ns median (${events.toLocaleString('en')} events × ${rounds} rounds)`)
}
