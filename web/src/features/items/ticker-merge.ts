import { parseInstant } from '../../lib/cst'

export interface TickerEntry {
  id: string
  submittedAt: string
}

/** Newest submission first; equal times fall back to id so the order never flickers. */
export function compareNewestFirst(a: TickerEntry, b: TickerEntry): number {
  const d = (parseInstant(b.submittedAt) ?? 0) - (parseInstant(a.submittedAt) ?? 0)
  if (d !== 0) return d
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/**
 * Applies fetched items to the ticker: an item already shown is replaced in place by
 * id (a review changes its status), a new one is inserted by time, an item that can
 * no longer be read (`removedIds`) disappears, and only the newest `limit` stay.
 * An old item that was reviewed is fetched too, sorts below the newest `limit` and
 * falls off, which is what a "latest items" list should do.
 */
export function mergeTickerItems<T extends TickerEntry>(
  current: readonly T[],
  updates: readonly T[],
  removedIds: readonly string[] = [],
  limit = 20,
): T[] {
  const byId = new Map<string, T>()
  for (const item of current) byId.set(item.id, item)
  for (const item of updates) byId.set(item.id, item)
  for (const id of removedIds) byId.delete(id)
  return [...byId.values()].sort(compareNewestFirst).slice(0, limit)
}
