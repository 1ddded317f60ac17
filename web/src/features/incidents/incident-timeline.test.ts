import { describe, expect, it } from 'vitest'
import { consentState, incidentTimeline, nextCountyReportKind, pendingApproval, stepDuration } from './incident-timeline'

const person = { id: 'p', name: '陈静' }
const report = (label: string, sentAt: string) => ({
  id: label, label, direction: 'OFFICE_TO_COUNTY' as const, kind: 'FOLLOW_UP' as const, number: 1, sentAt, sentBy: person,
  method: null, byMainLeaderPersonally: false, progress: null, measures: null, causes: null, consequences: null, workDone: null, results: null,
})

it('merges reports, approvals, notices and crossings in time order', () => {
  const t = incidentTimeline({
    acknowledgedAt: '2026-11-26T00:05:00Z',
    reports: [report('续报一', '2026-11-26T03:00:00Z'), report('初报', '2026-11-26T00:01:00Z')],
    approvals: [
      { id: 'a', decision: 'APPROVED', comment: null, requestedAt: '2026-11-26T00:30:00Z', decidedAt: '2026-11-26T00:40:00Z', requestedBy: person, approver: person },
    ],
    leaderNotices: [{ leader: person, method: '电话', notifiedAt: '2026-11-26T00:06:00Z' }],
    crossings: [{ line: 'late', dueAt: '2026-11-26T02:00:00Z', claimedAt: '2026-11-26T02:00:01Z' }],
  })
  expect(t.map((e) => e.kind)).toEqual(['report', 'acknowledged', 'leaderNotice', 'approvalRequested', 'approvalDecided', 'crossing', 'report'])
})

it('knows the pending approval and the next county report', () => {
  const pending = { id: 'a', decision: 'PENDING' as const, comment: null, requestedAt: '', decidedAt: null, requestedBy: person, approver: null }
  expect(pendingApproval({ status: 'AWAITING_APPROVAL', approvals: [pending] })).toBe(pending)
  expect(pendingApproval({ status: 'APPROVED', approvals: [pending] })).toBeNull()
  expect(nextCountyReportKind({ firstCountyReportAt: null })).toBe('INITIAL')
  expect(nextCountyReportKind({ firstCountyReportAt: '2026-11-26T01:00:00Z' })).toBe('FOLLOW_UP')
})

describe('consentState: the main leader\'s consent before a major incident\'s 首报', () => {
  const approval = (id: string, decision: 'PENDING' | 'APPROVED' | 'REJECTED', requestedAt: string) => ({
    id, decision, comment: decision === 'REJECTED' ? '先核实伤亡人数' : null, requestedAt,
    decidedAt: decision === 'PENDING' ? null : requestedAt, requestedBy: person, approver: decision === 'PENDING' ? null : person,
  })
  const major = { needsApproval: true, firstCountyReportAt: null }

  it('is not needed below 重大, nor once the 首报 has gone (e.g. the main leader in person)', () => {
    expect(consentState({ needsApproval: false, firstCountyReportAt: null, approvals: [] }).kind).toBe('NOT_NEEDED')
    expect(consentState({ needsApproval: true, firstCountyReportAt: '2026-11-26T01:00:00Z', approvals: [] }).kind).toBe('NOT_NEEDED')
  })

  it('follows the latest request: not asked, waiting, refused (ask again), asked again', () => {
    expect(consentState({ ...major, approvals: [] }).kind).toBe('NOT_REQUESTED')
    const first = approval('a1', 'PENDING', '2026-11-26T00:30:00Z')
    expect(consentState({ ...major, approvals: [first] })).toEqual({ kind: 'PENDING', approval: first })
    const refused = approval('a1', 'REJECTED', '2026-11-26T00:30:00Z')
    expect(consentState({ ...major, approvals: [refused] })).toEqual({ kind: 'REJECTED', approval: refused })
    // the list's order is not trusted: the request made later decides
    const again = approval('a2', 'PENDING', '2026-11-26T00:50:00Z')
    expect(consentState({ ...major, approvals: [again, refused] })).toEqual({ kind: 'PENDING', approval: again })
    expect(consentState({ ...major, approvals: [refused, again] })).toEqual({ kind: 'PENDING', approval: again })
  })

  it('once given, consent stands whatever came before it', () => {
    const refused = approval('a1', 'REJECTED', '2026-11-26T00:30:00Z')
    const given = approval('a2', 'APPROVED', '2026-11-26T00:50:00Z')
    expect(consentState({ ...major, approvals: [refused, given] })).toEqual({ kind: 'APPROVED', approval: given })
  })
})

describe('stepDuration', () => {
  const from = '2026-11-27T12:04:00.000Z'
  const at = (iso: string) => Date.parse(iso)
  it('keeps a finished step as the server counted it, whatever the time now', () => {
    const done = { seconds: 2100, from, to: '2026-11-27T12:39:00.000Z' }
    expect(stepDuration(done, at('2026-11-28T00:00:00.000Z'))).toEqual({ seconds: 2100, running: false })
  })
  it('counts a running step on to now, by the second', () => {
    const running = { seconds: 60, from, to: null }
    expect(stepDuration(running, at('2026-11-27T14:41:00.000Z'))).toEqual({ seconds: 9420, running: true })
    expect(stepDuration(running, at('2026-11-27T14:41:00.999Z'))).toEqual({ seconds: 9420, running: true })
  })
  it('never shows less than the server counted (a display clock behind the server)', () => {
    expect(stepDuration({ seconds: 600, from, to: null }, at('2026-11-27T12:05:00.000Z'))).toEqual({ seconds: 600, running: true })
  })
})
