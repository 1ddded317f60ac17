import { expect, it } from 'vitest'
import { formatPercent } from './format'

it.each([
  [0, '0%'],
  [0.5, '50%'],
  [2 / 3, '66.7%'],
  [1, '100%'],
  [0.0004, '0%'],
  [Number.NaN, '—'],
])('formatPercent(%d) = %s', (rate, expected) => {
  expect(formatPercent(rate)).toBe(expected)
})
