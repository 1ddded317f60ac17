import type { IncidentDetailFieldsFragment } from '../../graphql/generated/graphql'
import { parseInstant } from '../../lib/cst'

export type IncidentDetail = IncidentDetailFieldsFragment

export type TimelineEntry =
  | { kind: 'report'; at: string; report: IncidentDetail['reports'][number] }
  | { kind: 'approvalRequested'; at: string; approval: IncidentDetail['approvals'][number] }
  | { kind: 'approvalDecided'; at: string; approval: IncidentDetail['approvals'][number] }
  | { kind: 'leaderNotice'; at: string; notice: IncidentDetail['leaderNotices'][number] }
  | { kind: 'crossing'; at: string; crossing: IncidentDetail['crossings'][number] }
  | { kind: 'acknowledged'; at: string }

/** Everything that happened to an incident, oldest first, in one list. */
export function incidentTimeline(i: Pick<IncidentDetail, 'reports' | 'approvals' | 'leaderNotices' | 'crossings' | 'acknowledgedAt'>): TimelineEntry[] {
  const out: TimelineEntry[] = []
  for (const report of i.reports) out.push({ kind: 'report', at: report.sentAt, report })
  for (const approval of i.approvals) {
    out.push({ kind: 'approvalRequested', at: approval.requestedAt, approval })
    if (approval.decidedAt) out.push({ kind: 'approvalDecided', at: approval.decidedAt, approval })
  }
  for (const notice of i.leaderNotices) out.push({ kind: 'leaderNotice', at: notice.notifiedAt, notice })
  // a crossing is when the line passed (dueAt), whenever the engine announced it
  for (const crossing of i.crossings) out.push({ kind: 'crossing', at: crossing.dueAt, crossing })
  if (i.acknowledgedAt) out.push({ kind: 'acknowledged', at: i.acknowledgedAt })
  return out
    .map((e, n) => ({ e, n, t: parseInstant(e.at) ?? 0 }))
    .sort((a, b) => a.t - b.t || a.n - b.n)
    .map((x) => x.e)
}

/** Whether a main leader has a pending decision on this incident. */
export const pendingApproval = (i: Pick<IncidentDetail, 'approvals' | 'status'>) =>
  i.status === 'AWAITING_APPROVAL' ? (i.approvals.find((a) => a.decision === 'PENDING') ?? null) : null

/** The county report the office would send next: 首报 first, then 续报 (or 终报 to close). */
export const nextCountyReportKind = (i: Pick<IncidentDetail, 'firstCountyReportAt'>) => (i.firstCountyReportAt ? 'FOLLOW_UP' : 'INITIAL')

type Approval = IncidentDetail['approvals'][number]

/**
 * Where a major incident stands on the main leader's consent (主要领导同意) before its
 * 首报 may go to the county: not needed (below 重大, or the 首报 has gone, perhaps by the
 * main leader in person), not asked yet, asked and waiting, refused (the office may
 * ask again), or given. Judged by the latest request, as the server does.
 */
export type ConsentState =
  | { kind: 'NOT_NEEDED' }
  | { kind: 'NOT_REQUESTED' }
  | { kind: 'PENDING'; approval: Approval }
  | { kind: 'REJECTED'; approval: Approval }
  | { kind: 'APPROVED'; approval: Approval }

export function consentState(i: Pick<IncidentDetail, 'needsApproval' | 'firstCountyReportAt' | 'approvals'>): ConsentState {
  if (!i.needsApproval || i.firstCountyReportAt) return { kind: 'NOT_NEEDED' }
  // any consent given stands (the server accepts the 首报 on it)
  const approved = i.approvals.find((a) => a.decision === 'APPROVED')
  if (approved) return { kind: 'APPROVED', approval: approved }
  const latest = [...i.approvals].sort((a, b) => (parseInstant(b.requestedAt) ?? 0) - (parseInstant(a.requestedAt) ?? 0))[0]
  if (!latest) return { kind: 'NOT_REQUESTED' }
  return latest.decision === 'PENDING' ? { kind: 'PENDING', approval: latest } : { kind: 'REJECTED', approval: latest }
}

/**
 * How long a step of the accountability record has lasted: a finished step as the
 * server counted it; a running one (no end yet) counted on to now, so an open page
 * does not keep the minutes it was loaded with.
 */
export function stepDuration(step: { seconds: number; from: string; to?: string | null }, nowMs: number): { seconds: number; running: boolean } {
  if (step.to) return { seconds: step.seconds, running: false }
  const since = Math.floor((nowMs - Date.parse(step.from)) / 1000)
  return { seconds: Number.isFinite(since) ? Math.max(step.seconds, since) : step.seconds, running: true }
}
