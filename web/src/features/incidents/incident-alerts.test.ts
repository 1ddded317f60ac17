import { describe, expect, it } from 'vitest'
import { acknowledgeAlerts, detectConsentRequests, detectCrossings, emptyAlerts, raiseAlert, type IncidentAlert } from './incident-alerts'

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

describe('detectConsentRequests', () => {
  const at = (...pairs: [string, string][]) => pairs.map(([id, status]) => ({ id, status }))

  it('the first look at an incident is no request, whatever its status', () => {
    const r = detectConsentRequests(new Map(), at(['a', 'AWAITING_APPROVAL'], ['b', 'ACKNOWLEDGED']))
    expect(r.requested).toEqual([])
    expect([...r.statuses]).toEqual([['a', 'AWAITING_APPROVAL'], ['b', 'ACKNOWLEDGED']])
  })

  it('a status moving to AWAITING_APPROVAL is a request; staying there is not another', () => {
    const seen = new Map([['a', 'ACKNOWLEDGED'], ['b', 'AWAITING_APPROVAL'], ['c', 'REPORTED']])
    const r = detectConsentRequests(seen, at(['a', 'AWAITING_APPROVAL'], ['b', 'AWAITING_APPROVAL'], ['c', 'ACKNOWLEDGED']))
    expect(r.requested).toEqual(['a'])
  })

  it('refused (back to ACKNOWLEDGED) and asked again: a new request', () => {
    let seen = detectConsentRequests(new Map(), at(['a', 'ACKNOWLEDGED'])).statuses
    const asked = detectConsentRequests(seen, at(['a', 'AWAITING_APPROVAL']))
    expect(asked.requested).toEqual(['a'])
    seen = detectConsentRequests(asked.statuses, at(['a', 'ACKNOWLEDGED'])).statuses
    expect(detectConsentRequests(seen, at(['a', 'AWAITING_APPROVAL'])).requested).toEqual(['a'])
  })

  it('an incident gone from the list is forgotten', () => {
    const r = detectConsentRequests(new Map([['a', 'ACKNOWLEDGED']]), at(['b', 'AWAITING_APPROVAL']))
    expect([...r.statuses.keys()]).toEqual(['b'])
    expect(r.requested).toEqual([])
  })
})
