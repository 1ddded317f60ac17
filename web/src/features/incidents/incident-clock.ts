import type { ClockState } from '../../graphql/generated/graphql'
import { parseInstant } from '../../lib/cst'

// The emergency clock as the screens show it, recomputed every second from the
// server-corrected time. The server's `clockState` is only a snapshot from when the
// incident was fetched; colours must change the moment a line is crossed, without
// waiting for an event or a reload, so the state is derived here from the lines the
// server computed (lateAt, concealedAt, warningAt, nextFollowUpDueAt). The rules
// mirror server/src/modules/incident/incident.rules.ts: late strictly after lateAt,
// concealed strictly after concealedAt, warning from the first warning moment on.

export interface ClockFields {
  lateAt: string
  concealedAt: string
  warningAt: readonly string[]
  firstCountyReportAt?: string | null
  nextFollowUpDueAt?: string | null
  clockState: ClockState
}

/** COUNTING/WARNING/LATE/CONCEALED/REPORTED as on the server, plus an overdue 续报. */
export type ClockPhase = ClockState | 'FOLLOW_UP_OVERDUE'

/** What a figure on screen means: a countdown to a line, or the time since one. */
export type ClockMeasure =
  | 'untilLate'
  | 'sinceLate'
  | 'untilConcealed'
  | 'sinceConcealed'
  | 'untilFollowUp'
  | 'sinceFollowUp'

export interface ClockView {
  phase: ClockPhase
  /**
   * The line most recently crossed, named uniquely per incident (`warn-0`, `late`,
   * `followup:<due>` …): an alert is raised once per line. `start` before any.
   */
  line: string
  primary: { measure: ClockMeasure; ms: number } | null
  secondary: { measure: ClockMeasure; ms: number } | null
}

/** Phases in which the duty room must act: the wall stops rotating pages for them. */
export const URGENT_PHASES: ReadonlySet<ClockPhase> = new Set(['WARNING', 'LATE', 'CONCEALED', 'FOLLOW_UP_OVERDUE'])

export function incidentClock(incident: ClockFields, nowMs: number): ClockView {
  const reported = Boolean(incident.firstCountyReportAt) || incident.clockState === 'REPORTED'
  if (reported) {
    const due = parseInstant(incident.nextFollowUpDueAt)
    if (due === null) return { phase: 'REPORTED', line: 'reported', primary: null, secondary: null }
    if (nowMs <= due) {
      return { phase: 'REPORTED', line: 'reported', primary: { measure: 'untilFollowUp', ms: due - nowMs }, secondary: null }
    }
    return {
      phase: 'FOLLOW_UP_OVERDUE',
      line: `followup:${incident.nextFollowUpDueAt}`,
      primary: { measure: 'sinceFollowUp', ms: nowMs - due },
      secondary: null,
    }
  }

  const lateAt = parseInstant(incident.lateAt)
  const concealedAt = parseInstant(incident.concealedAt)
  if (lateAt === null || concealedAt === null) {
    // cannot happen with a well-formed answer; fall back to the server's word
    return { phase: incident.clockState, line: incident.clockState.toLowerCase(), primary: null, secondary: null }
  }
  if (nowMs > concealedAt) {
    return {
      phase: 'CONCEALED',
      line: 'concealed',
      primary: { measure: 'sinceConcealed', ms: nowMs - concealedAt },
      secondary: { measure: 'sinceLate', ms: nowMs - lateAt },
    }
  }
  if (nowMs > lateAt) {
    return {
      phase: 'LATE',
      line: 'late',
      primary: { measure: 'sinceLate', ms: nowMs - lateAt },
      secondary: { measure: 'untilConcealed', ms: concealedAt - nowMs },
    }
  }
  const warnings = incident.warningAt
    .map(parseInstant)
    .filter((w): w is number => w !== null)
    .sort((a, b) => a - b)
  const passed = warnings.filter((w) => nowMs >= w).length
  return {
    phase: passed > 0 ? 'WARNING' : 'COUNTING',
    line: passed > 0 ? `warn-${passed - 1}` : 'start',
    primary: { measure: 'untilLate', ms: lateAt - nowMs },
    secondary: { measure: 'untilConcealed', ms: concealedAt - nowMs },
  }
}

/** "01:59:58" — whole seconds, hours not wrapped at 24 (a day-old incident shows 26:00:00). */
export function formatClockDuration(ms: number): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(h)}:${pad(m)}:${pad(s)}`
}

export interface OrderFields extends ClockFields {
  id: string
  occurredAt: string
  severity?: string
}

const SEVERITY_RANK: Record<string, number> = { EXTRAORDINARY: 4, MAJOR: 3, LARGE: 2, GENERAL: 1 }

/**
 * The order of an incident list: not yet reported to the county first, the most
 * severe on top (they need the main leader, so they take longest), then the one
 * closest to (or furthest past) its 2-hour line; reported ones after, by the next
 * 续报 due. Ties by id so the list never reshuffles between ticks.
 */
export function compareIncidentUrgency(a: OrderFields, b: OrderFields): number {
  const reported = (i: OrderFields) => Boolean(i.firstCountyReportAt) || i.clockState === 'REPORTED'
  const ra = reported(a)
  const rb = reported(b)
  if (ra !== rb) return ra ? 1 : -1
  const sev = (SEVERITY_RANK[b.severity ?? ''] ?? 0) - (SEVERITY_RANK[a.severity ?? ''] ?? 0)
  if (sev !== 0) return sev
  const key = (i: OrderFields) =>
    (reported(i) ? parseInstant(i.nextFollowUpDueAt) : parseInstant(i.lateAt)) ?? Number.MAX_SAFE_INTEGER
  return key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** Every incident's clock at one server moment, by id: what a list of incident cards shows. */
export function clocksOf(incidents: readonly (ClockFields & { id: string })[], nowMs: number): Map<string, ClockView> {
  return new Map(incidents.map((i) => [i.id, incidentClock(i, nowMs)]))
}
