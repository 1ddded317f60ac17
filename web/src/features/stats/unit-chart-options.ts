import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, ScatterSeriesOption } from 'echarts/charts'
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components'
import { t } from '../../i18n'
import { formatPercent } from '../../lib/format'
import { fontStack, palette } from '../../lib/palette'
import type { UnitSummaryRow } from './use-unit-summary'

export type WallChartOption = ComposeOption<
  BarSeriesOption | ScatterSeriesOption | GridComponentOption | TooltipComponentOption
>

const collator = new Intl.Collator('zh-CN')
const byName = (a: UnitSummaryRow, b: UnitSummaryRow) => collator.compare(a.unit.name, b.unit.name)

/** Most items first; ties by adoptions, then by name so the order is stable. */
export function sortBySubmitted(rows: readonly UnitSummaryRow[]): UnitSummaryRow[] {
  return [...rows].sort((a, b) => b.submitted - a.submitted || b.adopted - a.adopted || byName(a, b))
}

/** Highest rate first; units that submitted nothing have no rate and go last. */
export function sortByAdoption(rows: readonly UnitSummaryRow[]): UnitSummaryRow[] {
  return [...rows].sort(
    (a, b) =>
      Number(b.submitted > 0) - Number(a.submitted > 0) ||
      b.adoptionRate - a.adoptionRate ||
      b.adopted - a.adopted ||
      byName(a, b),
  )
}

/** Room the x axis labels and grid margins take from the chart's height. */
const AXIS_ALLOWANCE = 44
/** Every unit gets a row, so type shrinks as a column holds more units. */
export function labelFontSize(unitCount: number, chartHeight: number): number {
  const row = (chartHeight - AXIS_ALLOWANCE) / Math.max(unitCount, 1)
  return Math.max(13, Math.min(24, Math.floor(row * 0.62)))
}

/** The size of a chart's canvas in CSS pixels. */
export interface ChartBox {
  width: number
  height: number
}

/** Units one column holds before the chart opens another: more would shrink names below what reads from across the room. */
export const ROWS_PER_COLUMN = 13
/** The narrowest a column may get: a unit's name, a bar, and "12 / 15  落后". */
const MIN_COLUMN_WIDTH = 560

/** How many side-by-side columns the units are set in: as many as they need and the width allows. */
export function columnsFor(unitCount: number, width: number): number {
  const fit = Math.max(1, Math.floor(width / MIN_COLUMN_WIDTH))
  return Math.max(1, Math.min(fit, Math.ceil(unitCount / ROWS_PER_COLUMN)))
}

/** What an update may remove from a unit chart: its columns come and go with the number of units. */
export const COLUMN_PARTS = ['grid', 'xAxis', 'yAxis', 'series']

/** Rows in reading order: down the first column, then down the next. */
export function splitColumns<T>(rows: readonly T[], columns: number): T[][] {
  const per = Math.max(1, Math.ceil(rows.length / columns))
  return Array.from({ length: columns }, (_, c) => rows.slice(c * per, (c + 1) * per))
}

/**
 * "3 / 5" when a quota applies, so the gap to the minimum reads without a legend,
 * and the standing in a word when it is not simply on pace ("3 / 5  落后"): the
 * bar's colour is never the only sign of it.
 */
export function countLabel(row: Pick<UnitSummaryRow, 'submitted' | 'quotaMinimum' | 'quotaStatus'>): string {
  if (row.quotaMinimum == null) return String(row.submitted)
  const standing = row.quotaStatus === 'MET' || row.quotaStatus === 'BEHIND' ? `  ${t.wall.quotaShort[row.quotaStatus]}` : ''
  return `${row.submitted} / ${row.quotaMinimum}${standing}`
}

export function adoptionLabel(row: Pick<UnitSummaryRow, 'submitted' | 'adopted' | 'adoptionRate'>): string {
  if (row.submitted === 0) return t.wall.notSubmitted
  return `${formatPercent(row.adoptionRate)}  ${row.adopted}/${row.submitted}`
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

function tooltipFor(row: UnitSummaryRow): string {
  const w = t.wall
  const quota =
    row.quotaMinimum == null
      ? w.tooltipNoQuota
      : `${w.tooltipQuota} ${row.quotaMinimum} ${w.unitItems} · ${t.quotaStatus[row.quotaStatus]}`
  return [
    `<b>${escapeHtml(row.unit.name)}</b>（${t.unitKind[row.unit.kind]}）`,
    `${w.tooltipSubmitted} ${row.submitted} ${w.unitItems} · ${w.tooltipAdopted} ${row.adopted} ${w.unitItems}`,
    `${w.tooltipRate} ${formatPercent(row.adoptionRate)}`,
    quota,
  ].join('<br/>')
}

interface Layout {
  columns: UnitSummaryRow[][]
  fontSize: number
  /** the rows' height in pixels, for the quota tick */
  band: number
}

function layoutFor(rows: readonly UnitSummaryRow[], box: ChartBox): Layout {
  const columns = splitColumns(rows, columnsFor(rows.length, box.width))
  const perColumn = columns[0]?.length ?? 0
  return {
    columns,
    fontSize: labelFontSize(perColumn, box.height),
    band: Math.max(10, Math.min(48, (box.height - AXIS_ALLOWANCE) / Math.max(perColumn, 1))),
  }
}

/**
 * What every unit chart shares: a tooltip, and per column a grid, a category axis of
 * unit names (first unit at the top) and a value axis. `labelRoom` is kept free
 * right of each column's bars for the figures.
 */
function baseOption(rows: readonly UnitSummaryRow[], layout: Layout, box: ChartBox, labelRoom: number, valueAxis: Record<string, unknown>): WallChartOption {
  const byName = new Map(rows.map((r) => [r.unit.name, r]))
  const width = Math.max(box.width, 1) / layout.columns.length
  return {
    animationDurationUpdate: 600,
    textStyle: { fontFamily: fontStack },
    grid: layout.columns.map((_, c) => ({
      id: `g${c}`,
      left: Math.round(c * width) + 8,
      width: Math.max(40, Math.round(width) - 16 - labelRoom),
      top: 8,
      bottom: 8,
      containLabel: true,
    })),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      backgroundColor: palette.panel,
      borderColor: palette.panelEdge,
      textStyle: { color: palette.text, fontSize: 18, fontFamily: fontStack },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { name?: string } | undefined
        const row = first?.name === undefined ? undefined : byName.get(first.name)
        return row ? tooltipFor(row) : ''
      },
    },
    xAxis: layout.columns.map((_, c) => ({ id: `x${c}`, gridIndex: c, ...valueAxis })),
    yAxis: layout.columns.map((column, c) => ({
      id: `y${c}`,
      gridIndex: c,
      type: 'category',
      inverse: true, // first row at the top
      data: column.map((r) => r.unit.name),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: palette.panelEdge } },
      // interval 0: name every unit, never let ECharts skip labels that would overlap
      axisLabel: { color: palette.text, fontSize: layout.fontSize, fontFamily: fontStack, margin: 12, interval: 0 },
    })),
  }
}

/** The axes a column's series are drawn on. */
const onColumn = (c: number) => ({ xAxisIndex: c, yAxisIndex: c })

const NICE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8]
/**
 * The end of the count axis: the smallest of 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60,
 * 80, 100, 120 … that holds `n`. The axis keeps some room beyond the longest bar and
 * changes scale every fifth of growth or so, not with every item the leading unit
 * sends (each rescale moves every bar on the screen at once).
 */
export function axisCeiling(n: number): number {
  if (!(n > 5)) return 5
  for (let power = 1; ; power *= 10) {
    for (const step of NICE_STEPS) if (step * power >= n) return step * power
  }
}

/** Bar per unit: this period's submissions, coloured by quota status, with the quota marked. */
export function buildCountsOption(sortedRows: readonly UnitSummaryRow[], box: ChartBox): WallChartOption {
  const layout = layoutFor(sortedRows, box)
  const { fontSize, band } = layout
  // one scale for every column, so bars compare across them; every quota tick inside the plot
  const max = axisCeiling(Math.max(0, ...sortedRows.map((r) => Math.max(r.submitted, r.quotaMinimum ?? 0))))
  return {
    // room after the longest bar for "12 / 15  落后"
    ...baseOption(sortedRows, layout, box, 160, {
      type: 'value',
      minInterval: 1,
      max,
      splitLine: { lineStyle: { color: palette.grid } },
      axisLabel: { color: palette.textDim, fontSize: 16 },
    }),
    series: layout.columns.flatMap((column, c) => [
      {
        id: `submitted-${c}`,
        type: 'bar' as const,
        ...onColumn(c),
        barWidth: '62%',
        barMaxWidth: 56, // a town with few units gets bars, not blocks
        data: column.map((r) => ({
          value: r.submitted,
          itemStyle: { color: palette.quota[r.quotaStatus], borderRadius: [0, 4, 4, 0] },
        })),
      },
      {
        id: `quota-${c}`,
        type: 'scatter' as const,
        ...onColumn(c),
        silent: true,
        z: 5,
        symbol: 'rect',
        symbolSize: [4, Math.round(band * 0.8)],
        itemStyle: { color: palette.quotaMark },
        data: column.flatMap((r, i) => (r.quotaMinimum == null ? [] : [[r.quotaMinimum, i]])),
      },
      {
        // "3 / 5" sits after the bar or the quota tick, whichever reaches further,
        // so the tick never strikes through the figures
        id: `count-labels-${c}`,
        type: 'scatter' as const,
        ...onColumn(c),
        silent: true,
        symbolSize: 0,
        data: column.map((r, i) => [Math.max(r.submitted, r.quotaMinimum ?? 0), i]),
        label: {
          show: true,
          position: 'right' as const,
          distance: 8,
          color: palette.text,
          fontSize: fontSize + 1,
          fontWeight: 'bold' as const,
          formatter: (p: { dataIndex: number }) => {
            const row = column[p.dataIndex]
            return row ? countLabel(row) : ''
          },
        },
      },
    ]),
  }
}

/** Bar per unit: share of this period's items that were adopted. */
export function buildAdoptionOption(sortedRows: readonly UnitSummaryRow[], box: ChartBox): WallChartOption {
  const layout = layoutFor(sortedRows, box)
  const { fontSize } = layout
  return {
    // room for "42.9%  3/7"
    ...baseOption(sortedRows, layout, box, 140, {
      type: 'value',
      min: 0,
      max: 100,
      interval: 25,
      splitLine: { lineStyle: { color: palette.grid } },
      axisLabel: { color: palette.textDim, fontSize: 16, formatter: '{value}%' },
    }),
    series: layout.columns.map((column, c) => ({
      id: `adoption-${c}`,
      type: 'bar' as const,
      ...onColumn(c),
      barWidth: '62%',
      barMaxWidth: 56,
      data: column.map((r) => ({
        value: Math.round(r.adoptionRate * 1000) / 10,
        itemStyle: { color: palette.adoption, borderRadius: [0, 4, 4, 0] },
      })),
      label: {
        show: true,
        position: 'right' as const,
        distance: 10,
        color: palette.text,
        fontSize,
        fontWeight: 'bold' as const,
        formatter: (p: { dataIndex: number }) => {
          const row = column[p.dataIndex]
          return row ? adoptionLabel(row) : ''
        },
      },
    })),
  }
}
