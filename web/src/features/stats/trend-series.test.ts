import { describe, expect, it } from 'vitest'
import { trendSeries } from './trend-series'

const point = (key: string, submitted: number, adopted: number, recorded = true) => ({ period: { key }, submitted, adopted, recorded })

describe('trendSeries', () => {
  it('leaves the months before the township used Xinbao blank and says from when it has figures', () => {
    const s = trendSeries([point('2026-04', 0, 0, false), point('2026-05', 0, 0, false), point('2026-06', 131, 75), point('2026-07', 0, 0)])
    expect(s.submitted).toEqual([null, null, 131, 0]) // July's zero is a figure: nothing was sent
    expect(s.adopted).toEqual([null, null, 75, 0])
    expect(s.months).toEqual(['4月\n2026年', '5月', '6月', '7月'])
    expect(s.since).toBe('2026年6月起使用信报，此前无数据')
  })

  it('says nothing when every month shown has figures', () => {
    const s = trendSeries([point('2025-12', 3, 1), point('2026-01', 0, 0)])
    expect(s.submitted).toEqual([3, 0])
    expect(s.since).toBeNull()
    expect(trendSeries([]).since).toBeNull()
  })

  it('names a first month in January with its own year', () => {
    expect(trendSeries([point('2025-12', 0, 0, false), point('2026-01', 2, 2)]).since).toBe('2026年1月起使用信报，此前无数据')
  })
})
