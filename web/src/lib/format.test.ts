import { expect, it } from 'vitest'
import { formatPercent, waitedParts } from './format'

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

const MIN = 60_000
const HOUR = 60 * MIN
it.each([
  [-5_000, 0, 'minute'],
  [0, 0, 'minute'],
  [MIN - 1, 0, 'minute'],
  [MIN, 1, 'minute'],
  [HOUR - 1, 59, 'minute'],
  [HOUR, 1, 'hour'],
  [48 * HOUR - 1, 47, 'hour'],
  [48 * HOUR, 2, 'day'],
  [72 * HOUR - 1, 2, 'day'],
  [72 * HOUR, 3, 'day'],
  [177 * 24 * HOUR + 5 * HOUR, 177, 'day'],
])('waitedParts(%d) = %d %s', (ms, n, unit) => {
  expect(waitedParts(ms)).toEqual({ n, unit })
})
