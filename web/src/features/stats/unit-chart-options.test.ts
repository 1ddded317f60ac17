import { describe, expect, it } from 'vitest'
import type { QuotaStatus, UnitKind } from '../../graphql/generated/graphql'
import {
  adoptionLabel,
  buildAdoptionOption,
  buildCountsOption,
  countLabel,
  labelFontSize,
  sortByAdoption,
  sortBySubmitted,
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

describe('chart options', () => {
  const rows = sortBySubmitted([
    row('东风社区', 7, 2, 5, 'MET', 'COMMUNITY'),
    row('财政所', 2, 1, 5, 'BEHIND'),
    row('李家村', 4, 0, null, 'NO_QUOTA', 'VILLAGE'),
  ])

  it('colours each bar by quota status and marks only units that have a quota', () => {
    const option = buildCountsOption(rows, 800)
    const [bars, quota, labels] = option.series as Array<{ id: string; data: unknown[] }>
    expect(bars?.id).toBe('submitted')
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
    expect((option.yAxis as { data: string[] }).data).toEqual(['东风社区', '李家村', '财政所'])
  })

  it('keeps series ids stable so updates merge into the same chart', () => {
    const ids = (o: ReturnType<typeof buildCountsOption>) => (o.series as Array<{ id: string }>).map((s) => s.id)
    expect(ids(buildCountsOption(rows, 800))).toEqual(ids(buildCountsOption([], 800)))
    expect(ids(buildAdoptionOption(rows, 800))).toEqual(['adoption'])
  })

  it('plots adoption as a percentage', () => {
    const option = buildAdoptionOption(sortByAdoption(rows), 800)
    const [bars] = option.series as Array<{ data: Array<{ value: number }> }>
    expect(bars?.data.map((d) => d.value)).toEqual([50, 28.6, 0])
  })
})
