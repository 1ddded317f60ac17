/**
 * Who may see what, as pure functions of the viewer. Resolvers use the `*Where`
 * helpers to filter lists (so a list never leaks another unit's rows, not even as
 * a count), and the `can*` predicates for single objects and sensitive fields.
 */
import type { Viewer } from '../../context.js';

type V = Viewer | null | undefined;
const has = (v: V, role: string) => Boolean(v?.roles.has(role as never));

export const isOffice = (v: V) => has(v, 'OFFICE');
export const isMainLeader = (v: V) => has(v, 'MAIN_LEADER');
export const isLeader = (v: V) => has(v, 'LEADER');
export const isInformant = (v: V) => has(v, 'INFORMANT');
export const isAdmin = (v: V) => has(v, 'ADMIN');
export const isDisplay = (v: V) => has(v, 'DUTY');
/** Sees every unit's reports in full: the office and the main leaders. */
export const seesAll = (v: V) => isOffice(v) || isMainLeader(v);

/** Units whose items this viewer may read in full; 'ALL' or a list (possibly empty). */
export function itemUnits(v: V): 'ALL' | string[] {
  if (!v) return [];
  if (seesAll(v)) return 'ALL';
  const units = new Set<string>();
  if (isLeader(v)) for (const u of v.unitsInCharge) units.add(u);
  if (isInformant(v) && v.unitId) units.add(v.unitId);
  return [...units];
}

/** Units whose incidents this viewer may read in full: leaders see every incident (DOMAIN.md). */
export function incidentUnits(v: V): 'ALL' | string[] {
  if (!v) return [];
  if (seesAll(v) || isLeader(v)) return 'ALL';
  return isInformant(v) && v.unitId ? [v.unitId] : [];
}

/**
 * Dashboard summaries (unit, category, title, status, times; for incidents also
 * severity and the clock) are what the wall display shows; they are visible to
 * every signed-in role except the account administrator.
 */
export const seesDashboard = (v: V) => Boolean(v) && (!isAdmin(v) || v!.roles.size > 1);

const inScope = (scope: 'ALL' | string[], unitId: string) => scope === 'ALL' || scope.includes(unitId);

export const canReadItem = (v: V, unitId: string) => inScope(itemUnits(v), unitId);
export const canReadIncident = (v: V, unitId: string) => inScope(incidentUnits(v), unitId);
/** Sees an item's or incident's summary (the wall display sees all summaries). */
export const canSeeItemSummary = (v: V, unitId: string) => isDisplay(v) || canReadItem(v, unitId);
export const canSeeIncidentSummary = (v: V, unitId: string) => isDisplay(v) || canReadIncident(v, unitId);

/** Prisma `where` fragments restricting lists to what the viewer may see (summary level). */
export function itemListWhere(v: V): { unitId?: { in: string[] } } {
  if (isDisplay(v)) return {};
  const scope = itemUnits(v);
  return scope === 'ALL' ? {} : { unitId: { in: scope } };
}
export function incidentListWhere(v: V): { unitId?: { in: string[] } } {
  if (isDisplay(v)) return {};
  const scope = incidentUnits(v);
  return scope === 'ALL' ? {} : { unitId: { in: scope } };
}

/** Whether a live event may reach this viewer — an informant never learns even the id of another unit's change. */
export function canSeeEvent(v: V, e: { kind: string; unitId: string | null }): boolean {
  if (!v) return false;
  if (isDisplay(v) || seesAll(v)) return true;
  if (e.kind.startsWith('incident:')) return e.unitId !== null && canReadIncident(v, e.unitId);
  // town-wide: a notice, or a quota raised for a kind of unit (everyone's minimum may change)
  if (e.kind === 'notice:changed' || e.kind === 'quota:changed') return true;
  return e.unitId !== null && canReadItem(v, e.unitId);
}

/** Statistics across units and people, rankings and scores: the office and leaders. */
export const seesAssessment = (v: V) => seesAll(v) || isLeader(v);
