import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import { t } from '../../i18n'

export type UnitBarsOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>

export interface UnitBarsRow {
  name: string
  submitted: number
  adopted: number
}

/** Height of one unit's row (its two bars and the gap below them), in CSS pixels. */
export const UNIT_ROW_PX = 26
/** The legend above the bars and the count axis below them. */
const FRAME_PX = 72

/**
 * The chart's height for a number of units: a row each, so every unit's name is set
 * level and whole however many units there are (25 names at 45° under bars in half a
 * desktop's width ran into each other).
 */
export function unitBarsHeight(unitCount: number): number {
  return FRAME_PX + Math.max(unitCount, 5) * UNIT_ROW_PX
}

/**
 * The office's per-unit bars for a period: units down the side in the table's order
 * (first at the top), submitted and adopted side by side, each bar with its figure.
 */
export function unitBarsOption(rows: readonly UnitBarsRow[], text: { color: string; fontFamily: string }): UnitBarsOption {
  const figure = { show: true, position: 'right' as const, color: text.color, fontFamily: text.fontFamily, fontSize: 12 }
  return {
    textStyle: text,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: [t.office.submitted, t.office.adopted], textStyle: text },
    grid: { left: 8, right: 32, top: 32, bottom: 8, containLabel: true },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisTick: { show: false }, axisLabel: { interval: 0, ...text, fontSize: 13 } },
    xAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t.office.submitted, type: 'bar', data: rows.map((r) => r.submitted), itemStyle: { color: '#2563eb' }, label: figure, barGap: '10%' },
      { name: t.office.adopted, type: 'bar', data: rows.map((r) => r.adopted), itemStyle: { color: '#12703a' }, label: figure },
    ],
  }
}
