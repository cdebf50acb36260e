/** Escaping and number formatting for the report's HTML and SVG. */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for HTML content and attribute values: event data is untrusted input. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] as string)
}

/** `12345.6` → `12,346`. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/** `0.4567` → `45.7 %`; `null` → `–`. */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(1)} %`
}

/** Money with no currency symbol (events may mix currencies): `1234.5` → `1,234.50`. */
export function formatMoney(value: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

/** Fractional credit: `3.3333` → `3.33`, `4` → `4`. */
export function formatCredit(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2)
}

/** ROI as a signed percentage: `1.5` → `+150 %`; absent → `–`. */
export function formatRoi(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–'
  return `${value >= 0 ? '+' : ''}${Math.round(value * 100)} %`
}
