import { describe, expect, it } from 'vitest'
import { countsByRule, scoreYears } from './score-table'

describe('score table', () => {
  it('reads 0 for a line the server left out', () => {
    const count = countsByRule([
      { rule: 'item', count: 7 },
      { rule: 'incident.late', count: 1 },
    ])
    expect([count('item'), count('incident.late'), count('adoption.CITY')]).toEqual([7, 1, 0])
  })

  it('offers this year and the five before', () => expect(scoreYears(2026)).toEqual([2026, 2025, 2024, 2023, 2022, 2021]))
})
