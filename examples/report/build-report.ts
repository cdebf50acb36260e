/**
 * The journey report: one self-contained HTML page (inline CSS, SVG and a few lines of script)
 * built from delivered events through `analyzeJourneys`. It opens from disk with no network.
 */
import { analyzeJourneys, type AnalyzeJourneysOptions, type JourneyAnalysis, type WireEvent } from '@touchpoint/core'
import { escapeHtml, formatCount } from './format'
import { attributionSection, funnelSection, MODEL_LABELS, neglectedSection, segmentsSection, summarySection, touchesSection, touchpointTable } from './sections'
import { REPORT_CSS } from './styles'
import { SWITCH_SCRIPT } from './switch-script'

/** Options of {@link buildReportHtml}: the analysis options plus the page's title. */
export interface ReportOptions extends AnalyzeJourneysOptions {
  /**
   * Page title and heading.
   * @default 'Customer journey report'
   */
  readonly title?: string
  /**
   * Time printed as "generated at"; injectable so a report is reproducible.
   * @default new Date()
   */
  readonly generatedAt?: Date
}

/** Analyses `events` (every attribution model) and renders the report. */
export function buildReportHtml(events: readonly WireEvent[], options: ReportOptions = {}): string {
  const { title: _title, generatedAt: _generatedAt, ...analysisOptions } = options
  return renderReport(analyzeJourneys(events, analysisOptions), events.length, options)
}

/** Renders an analysis already made (`events` is the count shown in the header). */
export function renderReport(analysis: JourneyAnalysis, events: number, options: Pick<ReportOptions, 'title' | 'generatedAt'> = {}): string {
  const title = options.title ?? 'Customer journey report'
  const generatedAt = (options.generatedAt ?? new Date()).toISOString().replace('T', ' ').slice(0, 16)
  const warnings = analysis.warnings.length ? `<p class="note">${analysis.warnings.map(escapeHtml).join('<br>')}</p>` : ''
  const input = analysis.input
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(analysis.journey.name)} journey · attribution ${escapeHtml(MODEL_LABELS[analysis.model])} · generated ${escapeHtml(generatedAt)} UTC</p>
${warnings}
</header>
<main>
${summarySection(analysis, events)}
${funnelSection(analysis)}
${attributionSection(analysis)}
${touchesSection(analysis)}
${neglectedSection(analysis)}
${segmentsSection(analysis)}
${touchpointTable(analysis)}
</main>
<footer>${formatCount(input.received)} events read · ${formatCount(input.duplicates)} duplicates skipped · ${formatCount(input.invalid)} unreadable · made by Touchpoint</footer>
<script>${SWITCH_SCRIPT}</script>
</body>
</html>
`
}
