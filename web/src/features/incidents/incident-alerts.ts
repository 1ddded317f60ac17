import { URGENT_PHASES, type ClockPhase } from './incident-clock'

// The wall's alerts as plain data: what must flash and sound until the duty officer
// acknowledges it. Acknowledging is local to the display (the server does not care
// whether a wall was looked at); it silences what is on the banner now, and a later
// crossing raises a new alert.

/**
 * CONSENT: the office asks the main leader's consent to report (on a main leader's
 * screen); CONSENTED: the main leader gave it, UNIT_UPDATE: the unit reported a
 * development (both on the office's screens)
 */
export type AlertReason = 'NEW' | 'CONSENT' | 'CONSENTED' | 'UNIT_UPDATE' | Exclude<ClockPhase, 'COUNTING' | 'REPORTED'>

/** What the banner shows: a copy, so an alert outlives an incident closing under it. */
export interface AlertSubject {
  id: string
  title: string
  unitName: string
  severity: string
  kind: string
}

export interface IncidentAlert {
  /** incident id + line: the same crossing never alerts twice */
  key: string
  reason: AlertReason
  subject: AlertSubject
  /** server-clock ms when raised */
  raisedAt: number
}

export interface AlertState {
  /** newest first */
  active: readonly IncidentAlert[]
  /** every key ever raised on this display, acknowledged or not */
  seen: ReadonlySet<string>
}

export const emptyAlerts = (): AlertState => ({ active: [], seen: new Set() })

export function raiseAlert(state: AlertState, alert: IncidentAlert): AlertState {
  if (state.seen.has(alert.key)) return state
  const seen = new Set(state.seen)
  seen.add(alert.key)
  return { active: [alert, ...state.active], seen }
}

export const acknowledgeAlerts = (state: AlertState): AlertState => ({ active: [], seen: state.seen })

/** Alert keys for a line that needs none (counting, reported in time) are never raised. */
export function crossingReason(phase: ClockPhase): AlertReason | null {
  return URGENT_PHASES.has(phase) ? (phase as AlertReason) : null
}

export interface LineChange {
  id: string
  line: string
  phase: ClockPhase
}

/**
 * Compares each incident's current line with the one seen at the previous tick. An
 * incident seen for the first time is not a crossing (it is either in the first
 * snapshot, or a new incident with an alert of its own).
 */
export function detectCrossings(
  previous: ReadonlyMap<string, string>,
  current: readonly LineChange[],
): { lines: Map<string, string>; crossed: LineChange[] } {
  const lines = new Map<string, string>()
  const crossed: LineChange[] = []
  for (const c of current) {
    lines.set(c.id, c.line)
    const before = previous.get(c.id)
    if (before !== undefined && before !== c.line && crossingReason(c.phase)) crossed.push(c)
  }
  return { lines, crossed }
}

/**
 * Incidents that have just entered `status` (AWAITING_APPROVAL: put to the main leader
 * for consent; APPROVED: consent given), comparing with the statuses seen before. As
 * with crossings, an incident seen for the first time has not entered anything: it is
 * in the first snapshot, or new (an alert of its own). Leaving and entering again (a
 * request refused and made again) enters again.
 */
export function detectStatusEntries(
  previous: ReadonlyMap<string, string>,
  current: readonly { id: string; status: string }[],
  status: string,
): { statuses: Map<string, string>; entered: string[] } {
  const statuses = new Map<string, string>()
  const entered: string[] = []
  for (const c of current) {
    statuses.set(c.id, c.status)
    const before = previous.get(c.id)
    if (before !== undefined && before !== status && c.status === status) entered.push(c.id)
  }
  return { statuses, entered }
}

/**
 * Incidents with something new, told apart by the time it happened (`at` reads it:
 * the pending request for consent, the unit's latest development), so two of them
 * between two looks (a phone that was offline meanwhile, a request refused and made
 * again) are still news. The first look at an incident raises nothing.
 */
export function detectNewTimes<I extends { id: string }>(
  previous: ReadonlyMap<string, string | null>,
  current: readonly I[],
  at: (i: I) => string | null | undefined,
): { times: Map<string, string | null>; raised: { id: string; at: string }[] } {
  const times = new Map<string, string | null>()
  const raised: { id: string; at: string }[] = []
  for (const c of current) {
    const t = at(c) ?? null
    times.set(c.id, t)
    if (t !== null && previous.has(c.id) && previous.get(c.id) !== t) raised.push({ id: c.id, at: t })
  }
  return { times, raised }
}
