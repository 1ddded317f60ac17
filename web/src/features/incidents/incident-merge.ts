import { compareIncidentUrgency, type OrderFields } from './incident-clock'

export interface MergeableIncident extends OrderFields {
  status: string
}

/**
 * Applies fetched incidents to an open-incident list by id: a changed one replaces
 * the old copy, a new one joins, a closed one (终报) or one that can no longer be
 * read (`removedIds`) leaves. The result is in urgency order.
 */
export function mergeOpenIncidents<T extends MergeableIncident>(
  current: readonly T[],
  updates: readonly T[],
  removedIds: readonly string[] = [],
): T[] {
  const byId = new Map<string, T>()
  for (const i of current) byId.set(i.id, i)
  for (const i of updates) byId.set(i.id, i)
  for (const id of removedIds) byId.delete(id)
  return [...byId.values()].filter((i) => i.status !== 'CLOSED').sort(compareIncidentUrgency)
}
