import { describe, expect, it } from 'vitest'
import { compareIncidentUrgency, formatClockDuration, incidentClock, type ClockFields } from './incident-clock'

const T0 = Date.parse('2026-11-26T00:00:00.000Z') // occurredAt
const iso = (offsetSec: number) => new Date(T0 + offsetSec * 1000).toISOString()
const open: ClockFields = {
  lateAt: iso(7200),
  concealedAt: iso(36_000),
  warningAt: [iso(7200 - 600), iso(7200 - 1800)], // any order
  firstCountyReportAt: null,
  nextFollowUpDueAt: null,
  clockState: 'COUNTING',
}
const at = (sec: number) => T0 + sec * 1000

describe('incidentClock', () => {
  it.each([
    // seconds after the event, phase, line, primary measure, primary seconds, secondary
    [0, 'COUNTING', 'start', 'untilLate', 7200, 'untilConcealed'],
    [5399, 'COUNTING', 'start', 'untilLate', 1801, 'untilConcealed'],
    [5400, 'WARNING', 'warn-0', 'untilLate', 1800, 'untilConcealed'],
    [6600, 'WARNING', 'warn-1', 'untilLate', 600, 'untilConcealed'],
    [7200, 'WARNING', 'warn-1', 'untilLate', 0, 'untilConcealed'], // exactly on the line is still on time
    [7201, 'LATE', 'late', 'sinceLate', 1, 'untilConcealed'],
    [36_000, 'LATE', 'late', 'sinceLate', 28_800, 'untilConcealed'],
    [36_001, 'CONCEALED', 'concealed', 'sinceConcealed', 1, 'sinceLate'],
  ] as const)('%is after the event: %s', (sec, phase, line, measure, seconds, secondary) => {
    const v = incidentClock(open, at(sec))
    expect(v.phase).toBe(phase)
    expect(v.line).toBe(line)
    expect(v.primary).toEqual({ measure, ms: seconds * 1000 })
    expect(v.secondary?.measure).toBe(secondary)
  })

  it('ignores a stale server clockState: the colour changes on time without a refetch', () => {
    expect(incidentClock({ ...open, clockState: 'COUNTING' }, at(7300)).phase).toBe('LATE')
  })

  it('counts down to the next 续报 once reported to the county, then past it', () => {
    const reported = { ...open, firstCountyReportAt: iso(3600), nextFollowUpDueAt: iso(10_800), clockState: 'REPORTED' as const }
    expect(incidentClock(reported, at(10_000))).toEqual({
      phase: 'REPORTED',
      line: 'reported',
      primary: { measure: 'untilFollowUp', ms: 800_000 },
      secondary: null,
    })
    const overdue = incidentClock(reported, at(10_830))
    expect(overdue.phase).toBe('FOLLOW_UP_OVERDUE')
    expect(overdue.line).toBe(`followup:${iso(10_800)}`)
    expect(overdue.primary).toEqual({ measure: 'sinceFollowUp', ms: 30_000 })
  })

  it('has no countdown for a reported incident without a due 续报', () => {
    const v = incidentClock({ ...open, firstCountyReportAt: iso(100), clockState: 'REPORTED' }, at(200))
    expect(v).toEqual({ phase: 'REPORTED', line: 'reported', primary: null, secondary: null })
  })

  it('is independent of the PC time zone (instants only)', () => {
    const v = incidentClock({ ...open, lateAt: '2026-11-26T10:00:00+08:00' }, Date.parse('2026-11-26T01:59:00Z'))
    expect(v.primary).toEqual({ measure: 'untilLate', ms: 60_000 })
  })
})

describe('formatClockDuration', () => {
  it.each([
    [0, '00:00:00'],
    [999, '00:00:00'],
    [7_199_000, '01:59:59'],
    [-61_000, '00:01:01'],
    [26 * 3600_000, '26:00:00'],
  ])('%i ms → %s', (ms, text) => expect(formatClockDuration(ms)).toBe(text))
})

describe('compareIncidentUrgency', () => {
  it('puts unreported incidents first, nearest the 2-hour line on top, reported by 续报 due', () => {
    const list = [
      { ...open, id: 'r', occurredAt: iso(0), firstCountyReportAt: iso(10), nextFollowUpDueAt: iso(100), clockState: 'REPORTED' as const },
      { ...open, id: 'b', occurredAt: iso(0), lateAt: iso(9000) },
      { ...open, id: 'a', occurredAt: iso(0), lateAt: iso(100) },
    ]
    expect([...list].sort(compareIncidentUrgency).map((i) => i.id)).toEqual(['a', 'b', 'r'])
  })

  it('puts the more severe of two unreported incidents first', () => {
    const list = [
      { ...open, id: 'soon', occurredAt: iso(0), lateAt: iso(100), severity: 'GENERAL' },
      { ...open, id: 'major', occurredAt: iso(0), lateAt: iso(7000), severity: 'MAJOR' },
    ]
    expect([...list].sort(compareIncidentUrgency).map((i) => i.id)).toEqual(['major', 'soon'])
  })
})
