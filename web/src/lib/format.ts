/** 0.6667 → "66.7%", 0.5 → "50%", 0 → "0%" (rates come from the API as fractions). */
export function formatPercent(rate: number): string {
  if (!Number.isFinite(rate)) return '—'
  const pct = Math.round(rate * 1000) / 10
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)}%`
}

export type WaitedUnit = 'minute' | 'hour' | 'day'

/**
 * How long something has waited, in the largest unit that reads naturally, rounded
 * down: under an hour in minutes, under two days in hours ("30 小时" reads better than
 * "1 天" for an item sent yesterday morning), then in days. A negative span (a clock
 * a moment behind) counts as 0 minutes.
 */
export function waitedParts(ms: number): { n: number; unit: WaitedUnit } {
  const minutes = Math.max(0, Math.floor(ms / 60_000))
  if (minutes < 60) return { n: minutes, unit: 'minute' }
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return { n: hours, unit: 'hour' }
  return { n: Math.floor(hours / 24), unit: 'day' }
}
