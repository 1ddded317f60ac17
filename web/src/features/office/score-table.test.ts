import { describe, expect, it } from 'vitest'
import { countsByRule, scoreColumns, scoreYears } from './score-table'

const scheme = {
  perItem: 1,
  perMonthQuotaMet: 5,
  perQuarterQuotaMet: 10,
  perLateReport: -5,
  perConcealedReport: -20,
  perAdoption: { WEBSITE: 2, BULLETIN: 3, COUNTY: 5, CITY: 8, PROVINCE: 12 },
}

describe('score table', () => {
  it('has a column per line of the scheme with its points, quotas for units only', () => {
    expect(scoreColumns(scheme, 'units').map((c) => `${c.rule}:${c.rate}`)).toEqual([
      'item:1',
      'adoption.WEBSITE:2',
      'adoption.BULLETIN:3',
      'adoption.COUNTY:5',
      'adoption.CITY:8',
      'adoption.PROVINCE:12',
      'quota.month:5',
      'quota.quarter:10',
      'incident.late:-5',
      'incident.concealed:-20',
    ])
    expect(scoreColumns(scheme, 'people').map((c) => c.rule)).not.toContain('quota.month')
    expect(scoreColumns(scheme, 'people')).toHaveLength(8)
  })

  it('reads 0 for a line the server left out', () => {
    const count = countsByRule([
      { rule: 'item', count: 7 },
      { rule: 'incident.late', count: 1 },
    ])
    expect([count('item'), count('incident.late'), count('adoption.CITY')]).toEqual([7, 1, 0])
  })

  it('offers this year and the five before', () => expect(scoreYears(2026)).toEqual([2026, 2025, 2024, 2023, 2022, 2021]))
})
