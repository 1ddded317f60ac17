import { URGENT_PHASES, type ClockPhase, type ClockView } from './incident-clock'

/**
 * The order of incident cards (the wall, the office's desk, the leaders' view): those at
 * or past a line (临近时限, 迟报, 瞒报, a 续报 overdue) first, the rest after, each group in
 * the order given (most severe first, then by the line). An 一般 incident minutes from
 * its 2-hour line is what must be acted on now, not the 较大 ones with an hour to go; and
 * a wall shows as many cards as fit and counts the rest, so those hidden must be the ones
 * with time left. Something without a phase (no clock yet) stays among the rest.
 */
function urgentFirstBy<T>(items: readonly T[], phaseOf: (item: T) => ClockPhase | undefined): T[] {
  const urgent: T[] = []
  const rest: T[] = []
  for (const item of items) {
    const phase = phaseOf(item)
    ;(phase && URGENT_PHASES.has(phase) ? urgent : rest).push(item)
  }
  return [...urgent, ...rest]
}

/** Cards that carry their clock. */
export const urgentFirst = <T extends { view: ClockView }>(rows: readonly T[]): T[] => urgentFirstBy(rows, (r) => r.view.phase)

/** Incidents and their clocks by id. */
export const incidentsUrgentFirst = <I extends { id: string }>(incidents: readonly I[], views: ReadonlyMap<string, ClockView>): I[] =>
  urgentFirstBy(incidents, (i) => views.get(i.id)?.phase)
