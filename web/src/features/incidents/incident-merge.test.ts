import { describe, expect, it } from 'vitest'
import { mergeOpenIncidents, type MergeableIncident } from './incident-merge'

const inc = (id: string, lateAt: string, status = 'REPORTED'): MergeableIncident => ({
  id,
  status,
  occurredAt: '2026-11-26T00:00:00Z',
  lateAt,
  concealedAt: '2026-11-26T10:00:00Z',
  warningAt: [],
  clockState: 'COUNTING',
})
const ids = (l: MergeableIncident[]) => l.map((i) => i.id)

describe('mergeOpenIncidents', () => {
  const list = [inc('a', '2026-11-26T02:00:00Z'), inc('b', '2026-11-26T03:00:00Z')]

  it('adds a new incident in urgency order', () => {
    expect(ids(mergeOpenIncidents(list, [inc('c', '2026-11-26T01:00:00Z')]))).toEqual(['c', 'a', 'b'])
  })
  it('replaces by id instead of duplicating', () => {
    const r = mergeOpenIncidents(list, [inc('a', '2026-11-26T02:00:00Z', 'ACKNOWLEDGED')])
    expect(ids(r)).toEqual(['a', 'b'])
    expect(r[0]?.status).toBe('ACKNOWLEDGED')
  })
  it('drops closed and unreadable incidents', () => {
    expect(ids(mergeOpenIncidents(list, [inc('a', '2026-11-26T02:00:00Z', 'CLOSED')]))).toEqual(['b'])
    expect(ids(mergeOpenIncidents(list, [], ['b']))).toEqual(['a'])
  })
  it('does not mutate its input', () => {
    const before = JSON.stringify(list)
    mergeOpenIncidents(list, [inc('z', '2026-11-26T00:30:00Z')], ['a'])
    expect(JSON.stringify(list)).toBe(before)
  })
})
