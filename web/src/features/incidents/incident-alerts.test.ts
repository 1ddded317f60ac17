import { describe, expect, it } from 'vitest'
import { acknowledgeAlerts, detectNewTimes, detectStatusEntries, detectCrossings, emptyAlerts, raiseAlert, type IncidentAlert } from './incident-alerts'

const subject = { id: 'e1', title: '砖厂工伤', unitName: '李家村', severity: 'GENERAL', kind: 'WORK_INJURY' }
const alert = (key: string, reason: IncidentAlert['reason'] = 'LATE'): IncidentAlert => ({ key, reason, subject, raisedAt: 0 })

describe('alerts', () => {
  it('raises each key once, newest first, even after acknowledgement', () => {
    let s = emptyAlerts()
    s = raiseAlert(s, alert('e1:new', 'NEW'))
    s = raiseAlert(s, alert('e1:late'))
    expect(s.active.map((a) => a.key)).toEqual(['e1:late', 'e1:new'])
    s = raiseAlert(s, alert('e1:late'))
    expect(s.active).toHaveLength(2)
    s = acknowledgeAlerts(s)
    expect(s.active).toEqual([])
    s = raiseAlert(s, alert('e1:late'))
    expect(s.active).toEqual([])
    s = raiseAlert(s, alert('e1:concealed', 'CONCEALED'))
    expect(s.active.map((a) => a.key)).toEqual(['e1:concealed'])
  })

  it.each([
    // previous line, current line, phase, crossed?
    [undefined, 'late', 'LATE', false], // first sight is not a crossing
    ['start', 'start', 'COUNTING', false],
    ['start', 'warn-0', 'WARNING', true],
    ['warn-0', 'warn-1', 'WARNING', true],
    ['warn-1', 'late', 'LATE', true],
    ['late', 'concealed', 'CONCEALED', true],
    ['late', 'reported', 'REPORTED', false], // reported to the county: nothing to flash
    ['reported', 'followup:2026-11-26T01:00:00Z', 'FOLLOW_UP_OVERDUE', true],
  ] as const)('%s → %s (%s) crossed=%s', (before, line, phase, crossed) => {
    const prev = new Map(before ? [['e1', before]] : [])
    const r = detectCrossings(prev, [{ id: 'e1', line, phase }])
    expect(r.crossed.length > 0).toBe(crossed)
    expect(r.lines.get('e1')).toBe(line)
  })

  it('forgets incidents that left the list', () => {
    const r = detectCrossings(new Map([['gone', 'late']]), [])
    expect(r.lines.size).toBe(0)
  })
})

describe('detectStatusEntries', () => {
  const at = (...pairs: [string, string][]) => pairs.map(([id, status]) => ({ id, status }))
  const asked = (prev: Map<string, string>, cur: { id: string; status: string }[]) => detectStatusEntries(prev, cur, 'AWAITING_APPROVAL')

  it('the first look at an incident enters nothing, whatever its status', () => {
    const r = asked(new Map(), at(['a', 'AWAITING_APPROVAL'], ['b', 'ACKNOWLEDGED']))
    expect(r.entered).toEqual([])
    expect([...r.statuses]).toEqual([['a', 'AWAITING_APPROVAL'], ['b', 'ACKNOWLEDGED']])
  })

  it('moving into the status enters it; staying there does not enter it again', () => {
    const seen = new Map([['a', 'ACKNOWLEDGED'], ['b', 'AWAITING_APPROVAL'], ['c', 'REPORTED']])
    expect(asked(seen, at(['a', 'AWAITING_APPROVAL'], ['b', 'AWAITING_APPROVAL'], ['c', 'ACKNOWLEDGED'])).entered).toEqual(['a'])
    // consent given, for the office
    expect(detectStatusEntries(new Map([['b', 'AWAITING_APPROVAL']]), at(['b', 'APPROVED']), 'APPROVED').entered).toEqual(['b'])
  })

  it('refused (back to ACKNOWLEDGED) and asked again: entered again', () => {
    let seen = asked(new Map(), at(['a', 'ACKNOWLEDGED'])).statuses
    const first = asked(seen, at(['a', 'AWAITING_APPROVAL']))
    expect(first.entered).toEqual(['a'])
    seen = asked(first.statuses, at(['a', 'ACKNOWLEDGED'])).statuses
    expect(asked(seen, at(['a', 'AWAITING_APPROVAL'])).entered).toEqual(['a'])
  })

  it('an incident gone from the list is forgotten', () => {
    const r = asked(new Map([['a', 'ACKNOWLEDGED']]), at(['b', 'AWAITING_APPROVAL']))
    expect([...r.statuses.keys()]).toEqual(['b'])
    expect(r.entered).toEqual([])
  })
})

describe('detectNewTimes', () => {
  const inc = (id: string, consentRequestedAt: string | null) => ({ id, consentRequestedAt })
  const requests = (prev: Map<string, string | null>, cur: ReturnType<typeof inc>[]) => detectNewTimes(prev, cur, (i) => i.consentRequestedAt)

  it('the first look raises nothing; a time appearing later does', () => {
    const first = requests(new Map(), [inc('a', '2026-11-27T01:00:00.000Z'), inc('b', null)])
    expect(first.raised).toEqual([])
    const next = requests(first.times, [inc('a', '2026-11-27T01:00:00.000Z'), inc('b', '2026-11-27T01:05:00.000Z')])
    expect(next.raised).toEqual([{ id: 'b', at: '2026-11-27T01:05:00.000Z' }])
  })

  it('refused and asked again, seen or not in between: each request once', () => {
    const seen = new Map([['a', '2026-11-27T01:00:00.000Z']])
    // the refusal missed (offline): a new time is a new request
    expect(requests(seen, [inc('a', '2026-11-27T01:20:00.000Z')]).raised).toEqual([{ id: 'a', at: '2026-11-27T01:20:00.000Z' }])
    // the refusal seen, then the new request
    const refused = requests(seen, [inc('a', null)])
    expect(refused.raised).toEqual([])
    expect(requests(refused.times, [inc('a', '2026-11-27T01:20:00.000Z')]).raised).toHaveLength(1)
    // the same request looked at again
    expect(requests(seen, [inc('a', '2026-11-27T01:00:00.000Z')]).raised).toEqual([])
  })

  it('reads whichever time it is given: a unit\'s developments, each once', () => {
    const updates = [{ id: 'a', lastUnitUpdateAt: null as string | null }]
    const first = detectNewTimes(new Map(), updates, (i) => i.lastUnitUpdateAt)
    const one = detectNewTimes(first.times, [{ id: 'a', lastUnitUpdateAt: '2026-11-27T02:00:00.000Z' }], (i) => i.lastUnitUpdateAt)
    expect(one.raised).toEqual([{ id: 'a', at: '2026-11-27T02:00:00.000Z' }])
    expect(detectNewTimes(one.times, [{ id: 'a', lastUnitUpdateAt: '2026-11-27T02:00:00.000Z' }], (i) => i.lastUnitUpdateAt).raised).toEqual([])
  })
})
