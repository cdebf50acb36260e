/** The demo's terminal summary: funnel, top touchpoints, touches to convert, segments. */
import type { JourneyAnalysis } from '@touchpoint/core'

const bar = (value: number, max: number, width = 28) => '█'.repeat(Math.max(value > 0 ? 1 : 0, Math.round((value / Math.max(1, max)) * width)))
const count = (n: number) => Math.round(n).toLocaleString('en-US')
const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)} %`)
const money = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 })

/** Formats the summary printed after a demo run. */
export function formatSummary(analysis: JourneyAnalysis, top = 8): string {
  const lines: string[] = []
  const first = analysis.funnel[0]?.customers ?? 0
  const nameWidth = Math.max(...analysis.funnel.map((s) => s.name.length))
  lines.push(`Journey funnel (${analysis.journey.name})`)
  for (const stage of analysis.funnel) {
    lines.push(`  ${stage.name.padEnd(nameWidth)}  ${bar(stage.customers, first).padEnd(28)}  ${count(stage.customers).padStart(6)}  ${pct(stage.shareOfPrevious).padStart(7)}`)
  }
  lines.push('', `Top touchpoints (attribution: ${analysis.model})`)
  lines.push(`  ${'touchpoint'.padEnd(26)}${'reach'.padStart(7)}${'conv. rate'.padStart(12)}${'credited buys'.padStart(15)}${'revenue'.padStart(10)}${'ROI'.padStart(8)}`)
  for (const t of analysis.touchpoints.slice(0, top)) {
    const roi = t.roi === undefined || t.roi === null ? '' : `${t.roi >= 0 ? '+' : ''}${Math.round(t.roi * 100)} %`
    lines.push(`  ${t.touchpoint.padEnd(26)}${count(t.customers).padStart(7)}${pct(t.conversionRate).padStart(12)}${t.attributedConversions.toFixed(1).padStart(15)}${money(t.attributedRevenue).padStart(10)}${roi.padStart(8)}`)
  }
  const t = analysis.touchesToConvert
  lines.push('', `Touches before the first purchase: median ${t.median ?? '–'}, p90 ${t.p90 ?? '–'} (${count(t.customers)} buyers; the "rule of seven")`)
  const s = analysis.segments
  lines.push(`Segments: ${count(s.cold.customers)} cold · ${count(s.warm.customers)} warm · ${count(s.hot.customers)} hot leads · ${count(s.new.customers)} new · ${count(s.returning.customers)} returning customers`)
  const drop = analysis.neglected.dropOffs[0]
  if (drop) lines.push(`Largest drop-off: ${drop.reason}`)
  for (const stage of analysis.neglected.noTouchpoints) lines.push(`Neglected: ${stage.reason}`)
  return lines.join('\n')
}
