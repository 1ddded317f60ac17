import { t } from '../../i18n'
import { monthAxisLabels } from './month-axis-labels'

interface TrendPoint {
  period: { key: string }
  submitted: number
  adopted: number
  recorded: boolean
}

/**
 * A trend chart's months and its two lines. A month before the township began to
 * use Xinbao has no point at all (a gap in the line, no "0" on it): reporting went
 * on elsewhere then, and a row of zeros would read as a town that sent nothing.
 * `since` says in words from when the figures are Xinbao's, when such months are shown.
 */
export function trendSeries(points: readonly TrendPoint[]) {
  const first = points.findIndex((p) => p.recorded)
  const key = first > 0 ? /^(\d{4})-(\d{2})$/.exec(points[first]?.period.key ?? '') : null
  return {
    months: monthAxisLabels(points.map((p) => p.period.key)),
    submitted: points.map((p) => (p.recorded ? p.submitted : null)),
    adopted: points.map((p) => (p.recorded ? p.adopted : null)),
    since: key ? t.chart.recordedSince(Number(key[1]), Number(key[2])) : null,
  }
}
