import type { Role } from '../../graphql/generated/graphql'

// Which screens a viewer may open, as pure functions of their roles. The server
// enforces the same rules on every query; the web only keeps people away from
// screens that would show them nothing but errors.

export interface ViewerLike {
  roles: readonly Role[]
  unit?: { id: string } | null
  unitsInCharge?: readonly { id: string }[]
}

export type Area = 'wall' | 'report' | 'leader' | 'office' | 'incident' | 'unit' | 'admin' | 'account'

const AREA_ROLES: Record<Area, readonly Role[]> = {
  wall: ['DUTY', 'OFFICE', 'LEADER', 'MAIN_LEADER', 'ADMIN'],
  report: ['INFORMANT', 'OFFICE'],
  leader: ['LEADER', 'MAIN_LEADER'],
  office: ['OFFICE', 'ADMIN'],
  incident: ['INFORMANT', 'OFFICE', 'LEADER', 'MAIN_LEADER'],
  unit: ['INFORMANT', 'OFFICE', 'LEADER', 'MAIN_LEADER'],
  admin: ['ADMIN'],
  // one's own password: anyone who signs in with one (a wall's display token has none)
  account: ['INFORMANT', 'OFFICE', 'LEADER', 'MAIN_LEADER', 'ADMIN', 'DUTY'],
}

export const canEnter = (viewer: ViewerLike, area: Area) => viewer.roles.some((r) => AREA_ROLES[area].includes(r))

/**
 * A unit's page: the office and leaders see any unit (the server narrows a leader
 * to the units in charge); an informant sees their own unit and no other.
 */
export function canOpenUnit(viewer: ViewerLike, unitId: string): boolean {
  if (viewer.roles.some((r) => r === 'OFFICE' || r === 'LEADER' || r === 'MAIN_LEADER')) return true
  return viewer.roles.includes('INFORMANT') && viewer.unit?.id === unitId
}

/**
 * Whether a unit's items are this viewer's to read, as the server decides (its
 * `itemUnits`): the office and the main leaders read every unit's; a leader in charge
 * the units in their charge; an informant their own unit's.
 */
export function seesUnitItems(viewer: ViewerLike, unitId: string): boolean {
  if (viewer.roles.some((r) => r === 'OFFICE' || r === 'MAIN_LEADER')) return true
  if (viewer.roles.includes('LEADER') && (viewer.unitsInCharge ?? []).some((u) => u.id === unitId)) return true
  return viewer.roles.includes('INFORMANT') && viewer.unit?.id === unitId
}

/** Where a viewer lands after signing in (and at `/`): the screen of their main role. */
export function homePath(viewer: ViewerLike): string {
  const r = viewer.roles
  if (r.includes('OFFICE')) return '/office'
  if (r.includes('MAIN_LEADER') || r.includes('LEADER')) return '/leader'
  if (r.includes('INFORMANT')) return '/report'
  if (r.includes('ADMIN')) return '/admin'
  if (r.includes('DUTY')) return '/wall'
  return '/login'
}

/** Only same-site paths are followed after sign-in (never `//evil.example`). */
export function safeNext(next: unknown): string | null {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null
}
