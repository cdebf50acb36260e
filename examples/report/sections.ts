/** The report's sections, each a function from the analysis to an HTML string. */
import type { AttributionModel, AttributionResult, JourneyAnalysis, Segment } from '@touchpoint/core'
import { barChart, funnelChart, histogramChart, PHASE_COLORS } from './charts'
import { escapeHtml, formatCount, formatCredit, formatMoney, formatRoi, formatShare } from './format'

/** Human names of the attribution models, in the order the switch shows them. */
export const MODEL_LABELS: Readonly<Record<AttributionModel, string>> = {
  firstTouch: 'First touch',
  lastTouch: 'Last touch',
  linear: 'Linear',
  timeDecay: 'Time decay',
  positionBased: 'Position based (40/20/40)',
}

const SEGMENT_LABELS: Readonly<Record<Segment, string>> = {
  cold: 'Cold leads',
  warm: 'Warm leads',
  hot: 'Hot leads',
  new: 'New customers',
  returning: 'Returning customers',
}

/** How many touchpoints the attribution chart and table show at most. */
const TOP = 15

/** Headline figures: customers, events, purchases, revenue, touches to convert. */
export function summarySection(analysis: JourneyAnalysis, events: number): string {
  const a = analysis.attribution
  const buyers = analysis.touchesToConvert.customers
  const tiles: [string, string][] = [
    ['Events', formatCount(events)],
    ['Customers', formatCount(analysis.customers.length)],
    ['Purchases', formatCount(a.conversions)],
    ['Revenue', formatMoney(a.revenue)],
    ['Buyers', `${formatCount(buyers)} (${formatShare(analysis.customers.length ? buyers / analysis.customers.length : null)})`],
    ['Median touches to buy', analysis.touchesToConvert.median === null ? '–' : String(analysis.touchesToConvert.median)],
  ]
  return `<section class="tiles">${tiles.map(([k, v]) => `<div class="tile"><div class="k">${k}</div><div class="v">${v}</div></div>`).join('')}</section>`
}

/** The stage funnel with the phase legend. */
export function funnelSection(analysis: JourneyAnalysis): string {
  const legend = Object.entries(PHASE_COLORS)
    .map(([phase, color]) => `<span><i style="background:${color}"></i>${phase} purchase</span>`)
    .join('')
  const rows = analysis.funnel
    .map((s) => `<tr><td>${escapeHtml(s.name)}</td><td class="n">${formatCount(s.touches)}</td><td class="n">${formatCount(s.touchpoints)}</td><td class="n">${formatCount(s.stalled)}</td><td class="n">${formatShare(s.shareOfFirst)}</td></tr>`)
    .join('')
  const table = `<table class="compact"><thead><tr><th>Stage</th><th class="n">Touches</th><th class="n">Touchpoints</th><th class="n">Stalled here</th><th class="n">Of all customers</th></tr></thead><tbody>${rows}</tbody></table>`
  return card('funnel', `Stage funnel · ${escapeHtml(analysis.journey.name)}`, 'Customers whose furthest stage is this one or later.', `<div class="legend">${legend}</div>${funnelChart(analysis.funnel)}${table}`)
}

/** Attribution under every model, one visible at a time; the buttons are wired by the inline script. */
export function attributionSection(analysis: JourneyAnalysis): string {
  const models = Object.keys(MODEL_LABELS) as AttributionModel[]
  const buttons = models
    .map((m) => `<button type="button" data-model="${m}" aria-pressed="${m === analysis.model}"${m === analysis.model ? ' class="active"' : ''}>${MODEL_LABELS[m]}</button>`)
    .join('')
  const panels = models.map((m) => modelPanel(analysis.attributionByModel[m], m === analysis.model)).join('\n')
  return card('attribution', 'Attribution by touchpoint', 'Revenue credited to each touchpoint; each purchase’s credit sums to 1.', `<div class="switch" role="group" aria-label="Attribution model">${buttons}</div>${panels}`)
}

function modelPanel(result: AttributionResult, visible: boolean): string {
  const bars = result.credits.slice(0, TOP).map((c) => ({
    label: c.touchpoint,
    value: c.revenue,
    note: `${formatMoney(c.revenue)} · ${formatCredit(c.conversions)} buys · ${formatShare(c.share)}`,
  }))
  const empty = bars.length === 0 ? '<p class="muted">No purchase to attribute yet.</p>' : barChart(bars, `Attribution, ${MODEL_LABELS[result.model]}`)
  const unattributed = result.unattributed.conversions > 0 ? `<p class="muted">${formatCount(result.unattributed.conversions)} purchases had no touch in the lookback window.</p>` : ''
  return `<div class="model-panel" data-model-panel="${result.model}"${visible ? '' : ' hidden'}>${empty}${unattributed}</div>`
}

/** The "rule of seven" figure: touches before the first purchase. */
export function touchesSection(analysis: JourneyAnalysis): string {
  const t = analysis.touchesToConvert
  const body = t.customers === 0 ? '<p class="muted">Nobody has bought yet.</p>' : histogramChart(t)
  const note = `${formatCount(t.customers)} buyers · median ${t.median ?? '–'} · p90 ${t.p90 ?? '–'} · mean ${t.mean === null ? '–' : t.mean.toFixed(1)}`
  return card('touches', 'Touches to convert', note, body)
}

/** Per-touchpoint table: reach, conversion rate, revenue, ROI. */
export function touchpointTable(analysis: JourneyAnalysis): string {
  const rows = analysis.touchpoints
    .map(
      (t) => `<tr><td><b>${escapeHtml(t.touchpoint)}</b>${t.name ? `<div class="muted">${escapeHtml(t.name)}</div>` : ''}</td><td>${escapeHtml(t.stage ?? '–')}</td><td>${escapeHtml(t.channel ?? '–')}</td>
<td class="n">${formatCount(t.customers)}</td><td class="n">${formatCount(t.touches)}</td><td class="n">${formatShare(t.conversionRate)}</td>
<td class="n">${formatCredit(t.attributedConversions)}</td><td class="n">${formatMoney(t.attributedRevenue)}</td><td class="n">${t.cost === undefined ? '–' : formatMoney(t.cost)}</td><td class="n">${formatRoi(t.roi)}</td></tr>`,
    )
    .join('\n')
  const head = ['Touchpoint', 'Stage', 'Channel', 'Reach', 'Touches', 'Conv. rate', 'Attributed purchases', 'Attributed revenue', 'Cost', 'ROI']
  const table = `<div class="scroll"><table><thead><tr>${head.map((h, i) => `<th${i > 2 ? ' class="n"' : ''}>${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>`
  return card('touchpoints', 'Touchpoints', `Reach = customers touched; conversion rate = reached customers who later bought with it in the window; attribution under ${MODEL_LABELS[analysis.model]}.`, table)
}

/** Cold / warm / hot leads, new / returning customers, with each rule. */
export function segmentsSection(analysis: JourneyAnalysis): string {
  const cards = (Object.keys(SEGMENT_LABELS) as Segment[]).map((s) => {
    const seg = analysis.segments[s]
    return `<div class="segment seg-${s}"><div class="k">${SEGMENT_LABELS[s]}</div><div class="v">${formatCount(seg.customers)}</div><div class="muted">${formatShare(seg.share)} · ${seg.averageTouches === null ? '–' : seg.averageTouches.toFixed(1)} touches avg</div><p>${escapeHtml(seg.rule)}</p></div>`
  })
  return card('segments', 'Segments', 'Each customer is in exactly one group.', `<div class="segments">${cards.join('')}</div>`)
}

/** Stages with no touchpoint, and where customers stall. */
export function neglectedSection(analysis: JourneyAnalysis): string {
  const empty = analysis.neglected.noTouchpoints.map((s) => `<li><b>${escapeHtml(s.stage)}</b> <span class="tag">${escapeHtml(s.phase)}</span> ${escapeHtml(s.reason)}</li>`)
  const drops = analysis.neglected.dropOffs.map(
    (d) => `<li><b>${escapeHtml(d.stage)} → ${escapeHtml(d.nextStage)}</b> <span class="tag">${formatShare(d.dropRate)} stall</span> ${escapeHtml(d.reason)}</li>`,
  )
  const body = `<h3>Stages without touchpoints</h3>${empty.length ? `<ul>${empty.join('')}</ul>` : '<p class="muted">Every stage has touchpoints.</p>'}
<h3>Largest drop-offs</h3>${drops.length ? `<ul>${drops.join('')}</ul>` : '<p class="muted">No drop-off measured.</p>'}`
  return card('neglected', 'Neglected stages', 'Where the brand is absent, or customers stop.', body)
}

function card(id: string, title: string, note: string, body: string): string {
  return `<section class="card" id="${id}"><h2>${title}</h2><p class="note">${note}</p>${body}</section>`
}
