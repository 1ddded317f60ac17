/** A count of one kind (a category, an adoption level) as the statistics give it per unit. */
export interface KindCount<K extends string> {
  kind: K
  count: number
}

/**
 * The period's items by kind across the units, in the order given (the regulation's
 * order of categories, or of levels from the town's website up); kinds with nothing
 * are left out, so the line reads as what happened.
 */
export function breakdown<K extends string>(rows: readonly { counts: readonly KindCount<K>[] }[], order: readonly K[]): KindCount<K>[] {
  const sums = new Map<K, number>()
  for (const r of rows) for (const c of r.counts) sums.set(c.kind, (sums.get(c.kind) ?? 0) + c.count)
  return order.filter((k) => (sums.get(k) ?? 0) > 0).map((kind) => ({ kind, count: sums.get(kind)! }))
}
