import { expect, it } from 'vitest'
import { periodKey, type PeriodChoice } from './period-picker'

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
