import { expect, it } from 'vitest'
import { quotaCellText } from './quota-cell'

it.each([
  [5, true, false, '5 · 达标'],
  [5, true, true, '5 · 达标'],
  [5, false, false, '5 · 未达标'],
  [5, false, true, '5 · 尚未达标'],
  [null, null, false, null],
  [null, null, true, null],
] as const)('quota %s, met %s, under way %s → %s', (minimum, met, underWay, text) => {
  expect(quotaCellText(minimum, met, underWay)).toBe(text)
})
