/**
 * The report's charts as inline SVG strings: no chart library, no network, readable in any
 * browser and in a test's DOM (`svg rect` elements can be counted).
 */
import type { FunnelStage, Phase, TouchesToConvert } from '@touchpoint/core'
import { escapeHtml, formatCount, formatShare } from './format'

/** Colour of each journey phase, shared with the CSS legend. */
export const PHASE_COLORS: Readonly<Record<Phase, string>> = { before: '#4f6bed', during: '#e8913a', after: '#2a9d74' }

/** viewBox width: close to a half-page card's pixel width, so 12 px text stays about 12 px. */
const WIDTH = 640

/** The stage funnel: one centred bar per stage, as wide as the customers who reached it. */
export function funnelChart(funnel: readonly FunnelStage[]): string {
  const rowHeight = 52
  const labelWidth = 150
  const barArea = WIDTH - labelWidth - 130
  const top = Math.max(1, ...funnel.map((s) => s.customers))
  const rows = funnel.map((stage, i) => {
    const y = i * rowHeight
    const width = Math.max(2, (stage.customers / top) * barArea)
    const x = labelWidth + (barArea - width) / 2
    const share = i === 0 ? '' : `${formatShare(stage.shareOfPrevious)} of previous`
    return `<g class="funnel-row">
  <text x="0" y="${y + 23}" class="label">${escapeHtml(stage.name)}</text>
  <text x="0" y="${y + 40}" class="sub">${escapeHtml(stage.phase)} purchase</text>
  <rect x="${x.toFixed(1)}" y="${y + 6}" width="${width.toFixed(1)}" height="${rowHeight - 12}" rx="4" fill="${PHASE_COLORS[stage.phase]}"><title>${escapeHtml(stage.name)}: ${formatCount(stage.customers)} customers</title></rect>
  <text x="${labelWidth + barArea + 12}" y="${y + 23}" class="value">${formatCount(stage.customers)}</text>
  <text x="${labelWidth + barArea + 12}" y="${y + 40}" class="sub">${share}</text>
</g>`
  })
  const height = Math.max(rowHeight, funnel.length * rowHeight)
  return svg(height, 'Stage funnel: customers who reached each stage', rows.join('\n'))
}

/** One bar of a horizontal bar chart. */
export interface Bar {
  readonly label: string
  readonly value: number
  /** Text right of the bar, e.g. `12.5 conversions · 1,234.00`. */
  readonly note: string
  readonly color?: string
}

/** Horizontal bars, longest first as given (attribution credit per touchpoint). */
export function barChart(bars: readonly Bar[], ariaLabel: string): string {
  const rowHeight = 26
  const labelWidth = 140
  const barArea = WIDTH - labelWidth - 215
  const top = Math.max(Number.EPSILON, ...bars.map((b) => b.value))
  const rows = bars.map((bar, i) => {
    const y = i * rowHeight
    const width = Math.max(bar.value > 0 ? 2 : 0, (bar.value / top) * barArea)
    return `<g class="bar-row">
  <text x="${labelWidth - 10}" y="${y + 18}" class="label" text-anchor="end">${escapeHtml(truncate(bar.label, 20))}</text>
  <rect x="${labelWidth}" y="${y + 5}" width="${width.toFixed(1)}" height="${rowHeight - 10}" rx="3" fill="${bar.color ?? '#4f6bed'}"><title>${escapeHtml(bar.label)}: ${escapeHtml(bar.note)}</title></rect>
  <text x="${(labelWidth + width + 8).toFixed(1)}" y="${y + 18}" class="value">${escapeHtml(bar.note)}</text>
</g>`
  })
  const height = Math.max(rowHeight, bars.length * rowHeight)
  return svg(height, ariaLabel, rows.join('\n'))
}

/** Customers per number of touches before their first purchase, with the median and p90 marked. */
export function histogramChart(stats: TouchesToConvert): string {
  const height = 240
  const left = 48
  const bottom = 36
  const plotHeight = height - bottom - 16
  const plotWidth = WIDTH - left - 16
  const bins = stats.histogram
  const maxTouches = Math.max(1, ...bins.map((b) => b.touches))
  const top = Math.max(1, ...bins.map((b) => b.customers))
  const slot = plotWidth / maxTouches
  const xOf = (touches: number) => left + (touches - 1) * slot
  const bars = bins.map((bin) => {
    const h = (bin.customers / top) * plotHeight
    return `<rect x="${(xOf(bin.touches) + 1).toFixed(1)}" y="${(16 + plotHeight - h).toFixed(1)}" width="${Math.max(1, slot - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="#4f6bed"><title>${bin.touches} touches: ${formatCount(bin.customers)} customers</title></rect>`
  })
  const step = Math.max(1, Math.ceil(maxTouches / 20))
  const ticks: string[] = []
  for (let t = 1; t <= maxTouches; t += step) ticks.push(`<text x="${(xOf(t) + slot / 2).toFixed(1)}" y="${height - bottom + 16}" class="sub" text-anchor="middle">${t}</text>`)
  const marker = (value: number | null, label: string, color: string) =>
    value === null
      ? ''
      : `<line x1="${(xOf(value) + slot / 2).toFixed(1)}" x2="${(xOf(value) + slot / 2).toFixed(1)}" y1="12" y2="${16 + plotHeight}" stroke="${color}" stroke-width="2" stroke-dasharray="5 4"/>
<text x="${(xOf(value) + slot / 2 + 5).toFixed(1)}" y="26" class="marker" fill="${color}">${label} ${value}</text>`
  const axes = `<line x1="${left}" x2="${left + plotWidth}" y1="${16 + plotHeight}" y2="${16 + plotHeight}" class="axis"/>
<text x="${left - 8}" y="${16 + 10}" class="sub" text-anchor="end">${formatCount(top)}</text>
<text x="${left - 8}" y="${16 + plotHeight}" class="sub" text-anchor="end">0</text>
<text x="${left + plotWidth / 2}" y="${height - 4}" class="sub" text-anchor="middle">touches before the first purchase</text>`
  return svg(height, 'Touches to convert histogram', [axes, ...bars, ...ticks, marker(stats.median, 'median', '#d6453d'), marker(stats.p90, 'p90', '#7a4fd6')].join('\n'))
}

function svg(height: number, label: string, body: string): string {
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escapeHtml(label)}" xmlns="http://www.w3.org/2000/svg">\n${body}\n</svg>`
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
