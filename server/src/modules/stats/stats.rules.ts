/** Adoption rate: adopted / submitted, 0 when nothing was submitted (never NaN). */
export function adoptionRate(submitted: number, adopted: number): number {
  if (submitted <= 0) return 0;
  return adopted / submitted;
}

export type QuotaStatus = 'MET' | 'ON_PACE' | 'BEHIND' | 'NO_QUOTA';

/**
 * Where a unit stands against its minimum for a period. On pace means it has at
 * least the pro-rata share of the minimum for the part of the period elapsed
 * (rounded down, so the first days of a month are never "behind").
 */
export function quotaStatus(submitted: number, minimum: number | null, elapsed: number): QuotaStatus {
  if (minimum === null || minimum <= 0) return 'NO_QUOTA';
  if (submitted >= minimum) return 'MET';
  return submitted >= Math.floor(minimum * elapsed) ? 'ON_PACE' : 'BEHIND';
}

export interface QuotaRuleLike {
  period: 'MONTH' | 'QUARTER';
  minimum: number;
}

/**
 * The minimum that applies to a unit for a period kind, from its kind's rules.
 * A month uses the monthly rule; a quarter the larger of the quarterly rule and
 * three months; a year the larger of four quarters and twelve months. Days and
 * free ranges have no quota.
 */
export function quotaMinimumFor(periodKind: string, rules: QuotaRuleLike[]): number | null {
  const month = rules.find((r) => r.period === 'MONTH')?.minimum ?? null;
  const quarter = rules.find((r) => r.period === 'QUARTER')?.minimum ?? null;
  const best = (...xs: (number | null)[]) => {
    const vals = xs.filter((x): x is number => x !== null);
    return vals.length ? Math.max(...vals) : null;
  };
  switch (periodKind) {
    case 'MONTH':
      return month;
    case 'QUARTER':
      return best(quarter, month === null ? null : month * 3);
    case 'YEAR':
      return best(quarter === null ? null : quarter * 4, month === null ? null : month * 12);
    default:
      return null;
  }
}
