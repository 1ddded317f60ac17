import { describe, expect, it } from 'vitest'
import { versionChange, versionHistory, type VersionContent } from './version-changes'

const v = (version: number, over: Partial<VersionContent> = {}): VersionContent => ({
  version,
  title: '村里召开防汛会议',
  body: '会议部署了防汛工作。',
  meetingSummary: null,
  category: 'MEETING',
  channel: 'WRITTEN',
  occurredAt: '2026-11-20T01:00:00.000Z',
  photos: [{ id: 'a' }, { id: 'b' }],
  ...over,
})

describe('versionChange', () => {
  it('finds nothing changed between equal versions', () => {
    expect(versionChange(v(1), v(2))).toMatchObject({ changed: [], photosRemoved: [], photosAdded: [] })
  })

  it('names each changed field, in the order the form shows them', () => {
    const c = versionChange(v(1), v(2, { occurredAt: '2026-11-20T02:00:00.000Z', body: '会议部署了防汛和安全生产工作。', title: '村里召开防汛会议（补充）' }))
    expect(c.changed).toEqual(['title', 'body', 'occurredAt'])
  })

  it('treats an empty meeting summary as none, and the same instant spelled differently as the same', () => {
    expect(versionChange(v(1, { meetingSummary: null }), v(2, { meetingSummary: '  ' })).changed).toEqual([])
    expect(versionChange(v(1), v(2, { occurredAt: '2026-11-20T09:00:00+08:00' })).changed).toEqual([])
    expect(versionChange(v(1, { meetingSummary: '部署防汛' }), v(2, { meetingSummary: '部署防汛、排查隐患' })).changed).toEqual(['meetingSummary'])
  })

  it('lists photos taken off and added, each in its own version’s order', () => {
    const c = versionChange(v(1, { photos: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] }), v(2, { photos: [{ id: 'd' }, { id: 'b' }, { id: 'e' }] }))
    expect(c).toMatchObject({ photosRemoved: ['a', 'c'], photosAdded: ['d', 'e'], changed: [] })
  })

  it('does not count reordered photos as removed or added', () => {
    expect(versionChange(v(1), v(2, { photos: [{ id: 'b' }, { id: 'a' }] }))).toMatchObject({ photosRemoved: [], photosAdded: [] })
  })
})

describe('versionHistory', () => {
  it('pairs each version with the one before it, newest first', () => {
    const h = versionHistory([v(2, { title: 'B' }), v(1, { title: 'A' }), v(3, { title: 'C' })])
    expect(h.map((c) => [c.before.version, c.after.version])).toEqual([
      [2, 3],
      [1, 2],
    ])
    expect(h.every((c) => c.changed.includes('title'))).toBe(true)
  })

  it('has nothing to compare for a single version', () => {
    expect(versionHistory([v(1)])).toEqual([])
    expect(versionHistory([])).toEqual([])
  })
})
