import { expect, it } from 'vitest'
import { fileNameFrom } from './download'

it.each([
  [`attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent('2026年11月统计')}.xlsx`, '2026年11月统计.xlsx'],
  ['attachment; filename="export.csv"', 'export.csv'],
  [null, null],
])('%s → %s', (h, name) => expect(fileNameFrom(h)).toBe(name))
