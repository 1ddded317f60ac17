import { describe, expect, it } from 'vitest'
import type { QuotaStatus, UnitKind } from '../../graphql/generated/graphql'
import {
  axisCeiling,
  adoptionLabel,
  buildAdoptionOption,
  buildCountsOption,
  columnsFor,
  countLabel,
  labelFontSize,
  sortByAdoption,
  sortBySubmitted,
  splitColumns,
} from './unit-chart-options'
import type { UnitSummaryRow } from './use-unit-summary'

const row = (
  name: string,
  submitted: number,
  adopted: number,
  quotaMinimum: number | null = 5,
  quotaStatus: QuotaStatus = 'ON_PACE',
  kind: UnitKind = 'DEPARTMENT',
): UnitSummaryRow => ({
  unit: { id: name, name, kind },
  submitted,
  adopted,
  adoptionRate: submitted ? adopted / submitted : 0,
  quotaMinimum,
  quotaStatus,
})

const names = (rows: UnitSummaryRow[]) => rows.map((r) => r.unit.name)

describe('sorting', () => {
  const rows = [row('农业办', 3, 1), row('东风社区', 7, 2), row('财政所', 3, 2), row('李家村', 0, 0, null)]

  it('orders by submissions, then adoptions, then name', () => {
    expect(names(sortBySubmitted(rows))).toEqual(['东风社区', '财政所', '农业办', '李家村'])
  })

  it('orders by adoption rate, units without items last', () => {
    expect(names(sortByAdoption(rows))).toEqual(['财政所', '农业办', '东风社区', '李家村'])
  })
})

describe('labels', () => {
  it('shows the quota next to the count when one applies', () => {
    expect(countLabel(row('a', 3, 0))).toBe('3 / 5')
    expect(countLabel(row('a', 3, 0, null))).toBe('3')
  })

  it('names the quota standing beside the figures when it is met or behind (not by colour alone)', () => {
    expect(countLabel(row('a', 5, 0, 5, 'MET'))).toBe('5 / 5  达标')
    expect(countLabel(row('a', 1, 0, 5, 'BEHIND'))).toBe('1 / 5  落后')
    expect(countLabel(row('a', 3, 0, 5, 'ON_PACE'))).toBe('3 / 5')
  })

  it('shows the adoption rate with its fraction, or that nothing was submitted', () => {
    expect(adoptionLabel(row('a', 3, 2))).toBe('66.7%  2/3')
    expect(adoptionLabel(row('a', 0, 0))).toBe('未报送')
  })

  it('sizes axis labels to the row each unit gets', () => {
    expect(labelFontSize(10, 800)).toBe(24) // capped
    expect(labelFontSize(26, 800)).toBe(18)
    expect(labelFontSize(40, 800)).toBe(13) // never below 13 px
    expect(labelFontSize(0, 800)).toBe(24)
  })
})

describe('axisCeiling', () => {
  it('ends the count axis at the next of 5, 6, 8, 10, 12, 15, 20 … at or above the longest bar', () => {
    const cases: Array<[number, number]> = [
      [0, 5], [1, 5], [5, 5], [5.5, 6], [6, 6], [7, 8], [8, 8], [9, 10], [10, 10], [11, 12], [13, 15], [16, 20],
      [21, 25], [26, 30], [31, 40], [41, 50], [51, 60], [61, 80], [81, 100], [101, 120], [999, 1000], [1001, 1200],
    ]
    for (const [n, end] of cases) expect([n, axisCeiling(n)]).toEqual([n, end])
  })

  it('rescales a handful of times, not with every item, while a unit’s count grows to 200', () => {
    const ends = new Set(Array.from({ length: 200 }, (_, i) => axisCeiling(i + 1)))
    expect([...ends]).toEqual([5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200])
  })

  it('keeps the scale while the leader’s bar grows into it', () => {
    const axisEnd = (n: number) => (buildCountsOption([row('东风社区', n, 0, 5, 'MET', 'COMMUNITY')], { width: 1200, height: 800 }).xAxis as Array<{ max: number }>)[0]!.max
    expect([7, 8, 9].map(axisEnd)).toEqual([8, 8, 10])
  })
})

describe('chart options', () => {
  const box = { width: 1200, height: 800 }
  const rows = sortBySubmitted([
    row('东风社区', 7, 2, 5, 'MET', 'COMMUNITY'),
    row('财政所', 2, 1, 5, 'BEHIND'),
    row('李家村', 4, 0, null, 'NO_QUOTA', 'VILLAGE'),
  ])

  it('colours each bar by quota status and marks only units that have a quota', () => {
    const option = buildCountsOption(rows, box)
    const [bars, quota, labels] = option.series as Array<{ id: string; data: unknown[] }>
    expect(bars?.id).toBe('submitted-0')
    expect(bars?.data).toEqual([
      { value: 7, itemStyle: { color: '#22c55e', borderRadius: [0, 4, 4, 0] } },
      { value: 4, itemStyle: { color: '#64748b', borderRadius: [0, 4, 4, 0] } },
      { value: 2, itemStyle: { color: '#f97316', borderRadius: [0, 4, 4, 0] } },
    ])
    expect(quota?.data).toEqual([
      [5, 0],
      [5, 2],
    ])
    // labels go after the bar or the quota tick, whichever is further right
    expect(labels?.data).toEqual([
      [7, 0],
      [4, 1],
      [5, 2],
    ])
    expect((option.yAxis as Array<{ data: string[] }>).map((a) => a.data)).toEqual([['东风社区', '李家村', '财政所']])
  })

  it('keeps series ids stable so updates merge into the same chart', () => {
    const ids = (o: ReturnType<typeof buildCountsOption>) => (o.series as Array<{ id: string }>).map((s) => s.id)
    expect(ids(buildCountsOption(rows, box))).toEqual(ids(buildCountsOption([], box)))
    expect(ids(buildAdoptionOption(rows, box))).toEqual(['adoption-0'])
  })

  it('plots adoption as a percentage', () => {
    const option = buildAdoptionOption(sortByAdoption(rows), box)
    const [bars] = option.series as Array<{ data: Array<{ value: number }> }>
    expect(bars?.data.map((d) => d.value)).toEqual([50, 28.6, 0])
  })
})

describe('columns (a township of 26 units read from across the room)', () => {
  const town = sortBySubmitted(Array.from({ length: 26 }, (_, i) => row(`单位${String(i).padStart(2, '0')}`, 26 - i, i % 3, i % 2 ? 5 : null, i % 2 ? 'BEHIND' : 'NO_QUOTA')))
  const wall = { width: 1800, height: 700 }

  it('opens a column per 13 units, as far as the width allows', () => {
    expect(columnsFor(13, 1800)).toBe(1)
    expect(columnsFor(14, 1800)).toBe(2)
    expect(columnsFor(26, 1800)).toBe(2)
    expect(columnsFor(27, 1800)).toBe(3)
    expect(columnsFor(60, 1800)).toBe(3) // three columns of 560 px is all 1800 px holds
    expect(columnsFor(26, 1119)).toBe(1) // too narrow for two
    expect(columnsFor(26, 1120)).toBe(2)
    expect(columnsFor(0, 1800)).toBe(1)
  })

  it('fills columns down, then across, with nobody left out', () => {
    expect(splitColumns([1, 2, 3, 4, 5], 2)).toEqual([[1, 2, 3], [4, 5]])
    expect(splitColumns([], 2)).toEqual([[], []])
    expect(splitColumns(town, 2).flat()).toEqual(town)
  })

  it('sets 26 units in two columns with names at 24 px, on one scale', () => {
    const option = buildCountsOption(town, wall)
    const y = option.yAxis as Array<{ data: string[]; gridIndex: number; axisLabel: { fontSize: number } }>
    expect(y.map((a) => a.data.length)).toEqual([13, 13])
    expect(y[0]?.data[0]).toBe('单位00') // the most items: top of the first column
    expect(y[1]?.data[0]).toBe('单位13')
    expect(y.map((a) => a.axisLabel.fontSize)).toEqual([24, 24])
    const x = option.xAxis as Array<{ max: number; gridIndex: number }>
    expect(x.map((a) => [a.gridIndex, a.max])).toEqual([
      [0, 30],
      [1, 30],
    ])
    // each column's series on its own axes; quota ticks only where a quota applies
    const series = option.series as Array<{ id: string; xAxisIndex: number; data: unknown[] }>
    expect(series.map((s) => `${s.id}@${s.xAxisIndex}`)).toEqual(['submitted-0@0', 'quota-0@0', 'count-labels-0@0', 'submitted-1@1', 'quota-1@1', 'count-labels-1@1'])
    expect(series[1]?.data).toHaveLength(6)
    // the second column starts half-way across
    const grids = option.grid as Array<{ left: number; width: number }>
    expect(grids.map((g) => g.left)).toEqual([8, 908])
    expect(grids.every((g) => g.left + g.width + 160 <= wall.width)).toBe(true)
  })

  it('the adoption chart splits the same way', () => {
    const option = buildAdoptionOption(sortByAdoption(town), wall)
    expect((option.series as Array<{ id: string; data: unknown[] }>).map((s) => [s.id, s.data.length])).toEqual([
      ['adoption-0', 13],
      ['adoption-1', 13],
    ])
  })
})
