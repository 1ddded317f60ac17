import { URGENT_PHASES, type ClockView } from './incident-clock'

/**
 * The wall's order of incident cards: those at or past a line (临近时限, 迟报, 瞒报, a
 * 续报 overdue) first, the rest after, each group in the order given. A wall shows as
 * many cards as fit and counts the rest, so when incidents pile up the ones hidden must
 * be those with time left — not an 一般 incident minutes from its 2-hour line behind
 * more severe ones that have an hour to go.
 */
export function urgentFirst<T extends { view: ClockView }>(rows: readonly T[]): T[] {
  const urgent: T[] = []
  const rest: T[] = []
  for (const r of rows) (URGENT_PHASES.has(r.view.phase) ? urgent : rest).push(r)
  return [...urgent, ...rest]
}
