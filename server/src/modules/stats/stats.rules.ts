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

/**
 * The first month (key "2026-06") whose figures are Xinbao's own: the month of the
 * township's first item, or the current month while there is none. Keys compare as
 * strings; a first item dated after the current month cannot make it later.
 */
export function firstRecordedMonth(firstItemMonth: string | null, currentMonth: string): string {
  return firstItemMonth !== null && firstItemMonth < currentMonth ? firstItemMonth : currentMonth;
}
