import { describe, expect, it } from 'vitest'
import { breakdown } from './period-breakdown'

describe('breakdown', () => {
  it('sums each kind over the units, in the order given, leaving out kinds with nothing', () => {
    const units = [
      [{ category: 'MEETING', count: 2 }, { category: 'WORK_PROGRESS', count: 3 }],
      [{ category: 'WORK_PROGRESS', count: 1 }, { category: 'RESEARCH', count: 0 }],
      [],
    ]
    expect(breakdown(units.flat(), (c) => c.category, ['WORK_PROGRESS', 'LEADER_ACTIVITY', 'MEETING', 'RESEARCH'])).toEqual([
      { kind: 'WORK_PROGRESS', count: 4 },
      { kind: 'MEETING', count: 2 },
    ])
  })

  it('is empty for a period with nothing', () => {
    expect(breakdown([] as { level: string; count: number }[], (c) => c.level, ['WEBSITE', 'COUNTY'])).toEqual([])
  })
})
