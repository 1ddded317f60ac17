import { t } from '../../i18n'

const MONTH_KEY = /^(\d{4})-(\d{2})$/

/**
 * Labels for a row of months on a chart's axis, given their period keys ("2026-06").
 * Every month is named, shortly enough that all twelve fit ("6月"); the year goes on a
 * second line under the first month and under each January, so a trend that crosses
 * New Year reads without a legend. A key that is not a month is shown as it is.
 */
export function monthAxisLabels(keys: readonly string[]): string[] {
  return keys.map((key, i) => {
    const m = MONTH_KEY.exec(key)
    if (!m) return key
    const year = Number(m[1])
    const month = Number(m[2])
    const label = t.chart.month(month)
    return i === 0 || month === 1 ? `${label}\n${t.chart.year(year)}` : label
  })
}
