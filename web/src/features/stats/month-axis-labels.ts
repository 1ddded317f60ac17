import { t } from '../../i18n'

const MONTH_KEY = /^(\d{4})-(\d{2})$/

/**
 * Labels for a row of months on a chart's axis, given their period keys ("2026-06").
 * Every month is named, shortly enough that all twelve fit ("6月"); the year goes on a
 * second line under each January, so a trend that crosses New Year reads without a
 * legend, and under the first month unless a January follows within two months (two
 * years side by side run into each other on a narrow chart, and "12月" just before
 * "1月 2026年" needs no year of its own). A key that is not a month is shown as it is.
 */
export function monthAxisLabels(keys: readonly string[]): string[] {
  const parsed = keys.map((key) => {
    const m = MONTH_KEY.exec(key)
    return m ? { year: Number(m[1]), month: Number(m[2]) } : null
  })
  const januaryNear = parsed.slice(1, 3).some((p) => p?.month === 1)
  return keys.map((key, i) => {
    const p = parsed[i]
    if (!p) return key
    const label = t.chart.month(p.month)
    const withYear = p.month === 1 || (i === 0 && !januaryNear)
    return withYear ? `${label}\n${t.chart.year(p.year)}` : label
  })
}
