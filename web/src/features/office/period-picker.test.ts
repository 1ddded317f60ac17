import { expect, it } from 'vitest'
import { choiceFromKey, initialPeriodChoice, periodKey, type PeriodChoice } from './period-picker'

const base: PeriodChoice = { kind: 'month', day: '2026-11-25', month: '2026-11', year: 2026, quarter: 4, from: '2026-11-01', to: '2026-11-15' }
it.each([
  [{ kind: 'day' }, '2026-11-25'],
  [{ kind: 'month' }, '2026-11'],
  [{ kind: 'quarter' }, '2026-Q4'],
  [{ kind: 'year' }, '2026'],
  [{ kind: 'range' }, '2026-11-01..2026-11-15'],
  [{ kind: 'range', from: '2026-11-20' }, '2026-11-15..2026-11-20'], // swapped ends
  [{ kind: 'month', month: '' }, null],
] as const)('%o → %s', (over, key) => expect(periodKey({ ...base, ...over } as PeriodChoice)).toBe(key))

it('starts on the CST month, whatever the PC time zone (here: 2026-03-31 18:30 UTC is 1 April in China)', () => {
  expect(initialPeriodChoice(Date.parse('2026-03-31T18:30:00Z'))).toEqual({
    kind: 'month',
    day: '2026-04-01',
    month: '2026-04',
    year: 2026,
    quarter: 2,
    from: '2026-04-01',
    to: '2026-04-01',
  })
})

it.each([
  ['2026-11-25', { kind: 'day', day: '2026-11-25' }],
  ['2026-03', { kind: 'month', month: '2026-03' }],
  ['2025-Q2', { kind: 'quarter', year: 2025, quarter: 2 }],
  ['2025', { kind: 'year', year: 2025 }],
  ['2026-10-01..2026-10-15', { kind: 'range', from: '2026-10-01', to: '2026-10-15' }],
] as const)('a link to %s sets the picker to it, and reads back as the same key', (key, set) => {
  const choice = choiceFromKey(key, base)
  expect(choice).toEqual({ ...base, ...set })
  expect(periodKey(choice!)).toBe(key)
})

it.each(['', '2026-13', '2026-Q5', '26', '2026-11-01..', 'last-month'])('a link to %j is no period', (key) => {
  expect(choiceFromKey(key, base)).toBeNull()
})
