/** The report's inline stylesheet: system fonts, cards, no external asset. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d2433; --muted: #667085; --line: #e4e7ec; --bg: #f5f6f8; --accent: #4f6bed; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 28px 32px 8px; }
header h1 { margin: 0 0 4px; font-size: 24px; }
header p { margin: 0; color: var(--muted); }
main { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 18px; padding: 16px 32px 40px; }
.tiles { grid-column: 1 / -1; display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
.tile, .card { background: #fff; border: 1px solid var(--line); border-radius: 10px; }
.tile { padding: 12px 16px; }
.tile .k, .segment .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.tile .v { font-size: 22px; font-weight: 650; }
.card { padding: 16px 20px 20px; min-width: 0; }
.card h2 { margin: 0; font-size: 17px; }
.card h3 { margin: 14px 0 6px; font-size: 14px; }
.note, .muted { color: var(--muted); margin: 2px 0 10px; font-size: 13px; }
#touchpoints, #segments { grid-column: 1 / -1; }
.chart { display: block; max-width: 100%; height: auto; }
.chart text { font-size: 12px; fill: var(--ink); }
.chart .label { font-weight: 600; }
.chart .sub { fill: var(--muted); font-size: 11px; }
.chart .value { font-variant-numeric: tabular-nums; }
.chart .marker { font-size: 11px; font-weight: 600; }
.chart .axis { stroke: var(--line); }
.legend { display: flex; gap: 16px; margin-bottom: 8px; color: var(--muted); font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.switch { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 12px; }
.switch button { font: inherit; font-size: 12px; padding: 5px 10px; border-radius: 16px; border: 1px solid var(--line); background: #fff; color: var(--ink); cursor: pointer; }
.switch button.active { background: var(--accent); border-color: var(--accent); color: #fff; }
.scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { text-align: left; padding: 7px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td .muted { margin: 0; font-size: 12px; }
table.compact { margin-top: 14px; font-size: 12px; }
table.compact th, table.compact td { padding: 4px 8px; }
.segments { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; }
.segment { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; border-top: 4px solid var(--accent); }
.segment .v { font-size: 22px; font-weight: 650; }
.segment p { margin: 6px 0 0; font-size: 12px; color: var(--muted); }
.seg-cold { border-top-color: #8fb3e8; } .seg-warm { border-top-color: #e8b23a; } .seg-hot { border-top-color: #d6453d; }
.seg-new { border-top-color: #2a9d74; } .seg-returning { border-top-color: #7a4fd6; }
ul { margin: 4px 0; padding-left: 18px; } li { margin: 4px 0; }
.tag { display: inline-block; padding: 0 6px; border-radius: 8px; background: #eef1fb; color: #3b4fb5; font-size: 11px; }
footer { padding: 0 32px 28px; color: var(--muted); font-size: 12px; }
`
