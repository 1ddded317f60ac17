import type { ClockPhase, ClockView } from './incident-clock'

/** Most pressing first: past a line, then near one, then counting down. */
const RANK: Record<ClockPhase, number> = { CONCEALED: 0, LATE: 1, FOLLOW_UP_OVERDUE: 2, WARNING: 3, COUNTING: 4, REPORTED: 5 }

/**
 * The open incidents that need the office now: not yet reported to the county (the
 * 2-hour race, whatever the status: to acknowledge, to put to the main leader, to
 * send once consent is given), or owing a 续报. Most pressing first; among equals,
 * the one that happened first (its line comes first).
 */
export function officeAttention<I extends { id: string; occurredAt: string }>(
  incidents: readonly I[],
  views: ReadonlyMap<string, ClockView>,
): { incident: I; view: ClockView }[] {
  const out: { incident: I; view: ClockView }[] = []
  for (const incident of incidents) {
    const view = views.get(incident.id)
    if (view && view.phase !== 'REPORTED') out.push({ incident, view })
  }
  return out.sort((a, b) => RANK[a.view.phase] - RANK[b.view.phase] || a.incident.occurredAt.localeCompare(b.incident.occurredAt))
}
