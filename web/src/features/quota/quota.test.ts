import { describe, expect, it } from 'vitest'
import { quotaFraction, quotaRowFor, raisePeriodChoices, ruleStartChoices } from './quota'

it('finds a unit on the board', () => {
  const board = { month: { key: '', label: '' }, quarter: { key: '', label: '' }, rows: [{ unit: { id: 'a', name: 'A', kind: 'VILLAGE' as const }, month: null, quarter: null, monthRaise: null, quarterRaise: null, upcoming: [] }] }
  expect(quotaRowFor(board, 'a')?.unit.name).toBe('A')
  expect(quotaRowFor(board, 'b')).toBeNull()
  expect(quotaRowFor(null, 'a')).toBeNull()
})

it.each([
  [0, 5, 0],
  [3, 5, 0.6],
  [7, 5, 1],
  [0, 0, 1],
])('%i of %i → %d', (submitted, minimum, f) => expect(quotaFraction({ submitted, minimum })).toBeCloseTo(f))

describe('the periods a raise can be set for', () => {
  const labels = { month: (y: number, m: number) => `${y}/${m}`, quarter: (y: number, q: number) => `${y}Q${q}` }
  it('this month and the next two, this quarter and the next, in China Standard Time across a year end', () => {
    // 2026-11-30 16:30 UTC is already 1 December in China
    expect(raisePeriodChoices(Date.parse('2026-11-30T16:30:00Z'), labels).map((c) => c.key)).toEqual(['2026-12', '2027-01', '2027-02', '2026-Q4', '2027-Q1'])
    expect(raisePeriodChoices(Date.parse('2026-11-30T15:59:59Z'), labels).map((c) => c.label)).toEqual(['2026/11', '2026/12', '2027/1', '2026Q4', '2027Q1'])
  })
})

describe('the months a standing rule can change from', () => {
  const label = (y: number, m: number) => `${y}/${m}`
  it('this month and the next twelve; a quarterly rule from quarters\' first months only (CST)', () => {
    const at = Date.parse('2026-11-30T16:30:00Z') // 1 December in China
    expect(ruleStartChoices(at, 'MONTH', label).map((c) => c.key)).toEqual(['2026-12', ...Array.from({ length: 11 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}`), '2027-12'])
    expect(ruleStartChoices(at, 'QUARTER', label).map((c) => c.label)).toEqual(['2027/1', '2027/4', '2027/7', '2027/10'])
  })
})
