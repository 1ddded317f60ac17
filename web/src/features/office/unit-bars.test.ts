import { describe, expect, it } from 'vitest'
import { UNIT_ROW_PX, unitBarsHeight, unitBarsOption } from './unit-bars'

const text = { color: '#000', fontFamily: 'sans-serif' }

describe('unitBarsOption', () => {
  it('sets the units down the side in the order given, first at the top, names level', () => {
    const o = unitBarsOption(
      [
        { name: '应急管理办公室', submitted: 7, adopted: 4 },
        { name: '财政所', submitted: 5, adopted: 4 },
      ],
      text,
    )
    const y = o.yAxis as { type: string; inverse: boolean; data: string[]; axisLabel: { rotate?: number; interval: number } }
    expect(y.type).toBe('category')
    expect(y.inverse).toBe(true)
    expect(y.data).toEqual(['应急管理办公室', '财政所'])
    expect(y.axisLabel.rotate ?? 0).toBe(0)
    expect(y.axisLabel.interval).toBe(0) // every name, none skipped
    const series = o.series as { name: string; data: number[]; label: { show: boolean } }[]
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['报送', [7, 5]],
      ['采用', [4, 4]],
    ])
    expect(series.every((s) => s.label.show)).toBe(true)
  })
})

describe('unitBarsHeight', () => {
  it('gives every unit a row of its own, and a few units a chart of some size', () => {
    expect(unitBarsHeight(25) - unitBarsHeight(24)).toBe(UNIT_ROW_PX)
    expect(unitBarsHeight(60)).toBeGreaterThanOrEqual(60 * UNIT_ROW_PX)
    expect(unitBarsHeight(0)).toBe(unitBarsHeight(5))
    expect(unitBarsHeight(1)).toBeGreaterThanOrEqual(180)
  })
})
