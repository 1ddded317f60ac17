import { describe, expect, it } from 'vitest'
import { defaultNoticeMonth, noticeMonths } from './notice-months'

const at = (iso: string) => Date.parse(iso)

describe('notice months', () => {
  it('opens on the last month that is over, by China Standard Time', () => {
    expect(defaultNoticeMonth(at('2026-11-27T07:00:00+08:00'))).toBe('2026-10')
    // 1 Dec 00:00 CST is still 30 Nov in UTC (and in the browser's zone here)
    expect(defaultNoticeMonth(at('2026-12-01T00:00:00+08:00'))).toBe('2026-11')
    expect(defaultNoticeMonth(at('2026-11-30T23:59:59+08:00'))).toBe('2026-10')
    // across the year
    expect(defaultNoticeMonth(at('2027-01-05T09:00:00+08:00'))).toBe('2026-12')
  })

  it('lists this month and the eleven before it with the state of each month’s newest revision', () => {
    const months = noticeMonths(at('2026-02-10T09:00:00+08:00'), [
      { month: '2026-01', revision: 1, status: 'PUBLISHED' },
      { month: '2025-12', revision: 1, status: 'PUBLISHED' },
      { month: '2025-12', revision: 2, status: 'DRAFT' },
      { month: '2025-11', revision: 1, status: 'DRAFT' },
      { month: '2024-12', revision: 1, status: 'PUBLISHED' },
    ])
    expect(months).toHaveLength(12)
    expect(months.map((m) => m.month)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11', '2025-10', '2025-09', '2025-08', '2025-07', '2025-06', '2025-05', '2025-04', '2025-03'])
    expect(months.slice(0, 4).map((m) => `${m.state}:${m.revision}`)).toEqual(['none:0', 'published:1', 'draft:2', 'draft:1'])
    expect(months[1]).toMatchObject({ year: 2026, monthOfYear: 1 })
    // a month older than the list is not in it
    expect(months.some((m) => m.month === '2024-12')).toBe(false)
  })

  it('marks the months before the township used Xinbao as unused, unless a notice was made for one', () => {
    const months = noticeMonths(at('2026-11-27T09:00:00+08:00'), [{ month: '2026-04', revision: 1, status: 'PUBLISHED' }], { recordedFrom: '2026-06' })
    const state = Object.fromEntries(months.map((m) => [m.month, m.state]))
    expect(state['2026-06']).toBe('none') // the first month in use
    expect(state['2026-05']).toBe('unused')
    expect(state['2026-04']).toBe('published')
    expect(state['2025-12']).toBe('unused')
    // not known yet (or nothing recorded): every month without a notice waits to be made
    expect(noticeMonths(at('2026-11-27T09:00:00+08:00'), []).every((m) => m.state === 'none')).toBe(true)
    expect(noticeMonths(at('2026-11-27T09:00:00+08:00'), [], { count: 3 })).toHaveLength(3)
  })
})
