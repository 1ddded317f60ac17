import { describe, expect, it } from 'vitest'
import { breakdown } from './period-breakdown'

describe('breakdown', () => {
  it('sums each kind over the units, in the order given, leaving out kinds with nothing', () => {
    const rows = [
      { counts: [{ kind: 'MEETING', count: 2 }, { kind: 'WORK_PROGRESS', count: 3 }] },
      { counts: [{ kind: 'WORK_PROGRESS', count: 1 }, { kind: 'RESEARCH', count: 0 }] },
      { counts: [] },
    ]
    expect(breakdown(rows, ['WORK_PROGRESS', 'LEADER_ACTIVITY', 'MEETING', 'RESEARCH'])).toEqual([
      { kind: 'WORK_PROGRESS', count: 4 },
      { kind: 'MEETING', count: 2 },
    ])
  })

  it('is empty for a period with nothing', () => {
    expect(breakdown([], ['WEBSITE', 'COUNTY'])).toEqual([])
  })
})
