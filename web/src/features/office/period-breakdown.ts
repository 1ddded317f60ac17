/** One kind's total over the period (a category, an adoption level). */
export interface KindCount<K extends string> {
  kind: K
  count: number
}

/**
 * The period's items by kind across the units' counts, in the order given (the
 * regulation's order of categories, or of levels from the town's website up); kinds
 * with nothing are left out, so the line reads as what happened.
 */
export function breakdown<C extends { count: number }, K extends string>(counts: readonly C[], kindOf: (c: C) => K, order: readonly K[]): KindCount<K>[] {
  const sums = new Map<K, number>()
  for (const c of counts) sums.set(kindOf(c), (sums.get(kindOf(c)) ?? 0) + c.count)
  return order.filter((k) => (sums.get(k) ?? 0) > 0).map((kind) => ({ kind, count: sums.get(kind)! }))
}
