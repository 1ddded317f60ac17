import { describe, expect, it } from 'vitest'
import { acknowledgeAlerts, detectCrossings, emptyAlerts, raiseAlert, type IncidentAlert } from './incident-alerts'

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
