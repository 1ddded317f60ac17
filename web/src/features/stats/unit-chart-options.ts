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
/** Every unit gets a row, so type shrinks as a township has more villages. */
export function labelFontSize(unitCount: number, chartHeight: number): number {
  const row = (chartHeight - AXIS_ALLOWANCE) / Math.max(unitCount, 1)
  return Math.max(13, Math.min(24, Math.floor(row * 0.62)))
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

function baseOption(rows: readonly UnitSummaryRow[], fontSize: number): WallChartOption {
  return {
    animationDurationUpdate: 600,
    textStyle: { fontFamily: fontStack },
    grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      backgroundColor: palette.panel,
      borderColor: palette.panelEdge,
      textStyle: { color: palette.text, fontSize: 18, fontFamily: fontStack },
      formatter: (params: unknown) => {
        const first = Array.isArray(params) ? params[0] : params
        const index = (first as { dataIndex?: number } | undefined)?.dataIndex
        const row = index === undefined ? undefined : rows[index]
        return row ? tooltipFor(row) : ''
      },
    },
    yAxis: {
      type: 'category',
      inverse: true, // first row at the top
      data: rows.map((r) => r.unit.name),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: palette.panelEdge } },
      // interval 0: name every unit, never let ECharts skip labels that would overlap
      axisLabel: { color: palette.text, fontSize, fontFamily: fontStack, margin: 12, interval: 0 },
    },
  }
}

/** Bar per unit: this period's submissions, coloured by quota status, with the quota marked. */
export function buildCountsOption(sortedRows: readonly UnitSummaryRow[], chartHeight: number): WallChartOption {
  const n = sortedRows.length
  const fontSize = labelFontSize(n, chartHeight)
  // the quota tick spans most of a unit's row
  const band = Math.max(10, Math.min(48, (chartHeight - AXIS_ALLOWANCE) / Math.max(n, 1)))
  const highestQuota = Math.max(0, ...sortedRows.map((r) => r.quotaMinimum ?? 0))
  return {
    ...baseOption(sortedRows, fontSize),
    // room after the longest bar for "12 / 15  落后"
    grid: { left: 8, right: 170, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      minInterval: 1,
      // keep every quota tick inside the plot even when nobody has reached it yet
      max: (extent: { max: number }) => Math.max(extent.max, highestQuota, 1),
      splitLine: { lineStyle: { color: palette.grid } },
      axisLabel: { color: palette.textDim, fontSize: 16 },
    },
    series: [
      {
        id: 'submitted',
        type: 'bar',
        barWidth: '62%',
        data: sortedRows.map((r) => ({
          value: r.submitted,
          itemStyle: { color: palette.quota[r.quotaStatus], borderRadius: [0, 4, 4, 0] },
        })),
      },
      {
        id: 'quota',
        type: 'scatter',
        silent: true,
        z: 5,
        symbol: 'rect',
        symbolSize: [4, Math.round(band * 0.8)],
        itemStyle: { color: palette.quotaMark },
        data: sortedRows.flatMap((r, i) => (r.quotaMinimum == null ? [] : [[r.quotaMinimum, i]])),
      },
      {
        // "3 / 5" sits after the bar or the quota tick, whichever reaches further,
        // so the tick never strikes through the figures
        id: 'count-labels',
        type: 'scatter',
        silent: true,
        symbolSize: 0,
        data: sortedRows.map((r, i) => [Math.max(r.submitted, r.quotaMinimum ?? 0), i]),
        label: {
          show: true,
          position: 'right',
          distance: 8,
          color: palette.text,
          fontSize: fontSize + 1,
          fontWeight: 'bold',
          formatter: (p: { dataIndex: number }) => {
            const row = sortedRows[p.dataIndex]
            return row ? countLabel(row) : ''
          },
        },
      },
    ],
  }
}

/** Bar per unit: share of this period's items that were adopted. */
export function buildAdoptionOption(sortedRows: readonly UnitSummaryRow[], chartHeight: number): WallChartOption {
  const fontSize = labelFontSize(sortedRows.length, chartHeight)
  return {
    ...baseOption(sortedRows, fontSize),
    grid: { left: 8, right: 150, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 25,
      splitLine: { lineStyle: { color: palette.grid } },
      axisLabel: { color: palette.textDim, fontSize: 16, formatter: '{value}%' },
    },
    series: [
      {
        id: 'adoption',
        type: 'bar',
        barWidth: '62%',
        data: sortedRows.map((r) => ({
          value: Math.round(r.adoptionRate * 1000) / 10,
          itemStyle: { color: palette.adoption, borderRadius: [0, 4, 4, 0] },
        })),
        label: {
          show: true,
          position: 'right',
          distance: 10,
          color: palette.text,
          fontSize,
          fontWeight: 'bold',
          formatter: (p: { dataIndex: number }) => {
            const row = sortedRows[p.dataIndex]
            return row ? adoptionLabel(row) : ''
          },
        },
      },
    ],
  }
}
