/** 0.6667 → "66.7%", 0.5 → "50%", 0 → "0%" (rates come from the API as fractions). */
export function formatPercent(rate: number): string {
  if (!Number.isFinite(rate)) return '—'
  const pct = Math.round(rate * 1000) / 10
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)}%`
}
