import { describe, expect, it } from 'vitest'
import { monthAxisLabels } from './month-axis-labels'

describe('monthAxisLabels', () => {
  it('names every month and puts the year under the first', () => {
    expect(monthAxisLabels(['2026-03', '2026-04', '2026-05'])).toEqual(['3月\n2026年', '4月', '5月'])
  })

  it('puts the year under each January of a trend that crosses New Year', () => {
    const keys = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02']
    expect(monthAxisLabels(keys)).toEqual(['10月\n2025年', '11月', '12月', '1月\n2026年', '2月'])
  })

  it('leaves the first month without its year when a January follows within two months', () => {
    expect(monthAxisLabels(['2025-12', '2026-01', '2026-02'])).toEqual(['12月', '1月\n2026年', '2月'])
    expect(monthAxisLabels(['2025-11', '2025-12', '2026-01'])).toEqual(['11月', '12月', '1月\n2026年'])
    expect(monthAxisLabels(['2026-01', '2026-02'])).toEqual(['1月\n2026年', '2月'])
  })

  it('labels twelve months with twelve labels, the last being this month', () => {
    const keys = Array.from({ length: 12 }, (_, i) => {
      const m = ((11 + i) % 12) + 1 // December 2025 … November 2026
      return `${m === 12 ? 2025 : 2026}-${String(m).padStart(2, '0')}`
    })
    const labels = monthAxisLabels(keys)
    expect(labels).toHaveLength(12)
    expect(labels[11]).toBe('11月')
    expect(labels.filter((l) => l.includes('年'))).toEqual(['1月\n2026年'])
  })

  it('shows a key that is not a month as it is', () => {
    expect(monthAxisLabels(['2026-Q4', '2026', ''])).toEqual(['2026-Q4', '2026', ''])
    expect(monthAxisLabels([])).toEqual([])
  })
})
