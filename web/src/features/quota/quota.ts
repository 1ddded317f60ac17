import type { QuotaBoardQuery } from '../../graphql/generated/graphql'

export type QuotaBoard = QuotaBoardQuery['quotaBoard']
export type QuotaRow = QuotaBoard['rows'][number]
export type Progress = NonNullable<QuotaRow['month']>

/** A unit's row of the board, or null (the board lists every unit; an informant wants theirs). */
export const quotaRowFor = (board: QuotaBoard | null | undefined, unitId: string | null | undefined) =>
  board?.rows.find((r) => r.unit.id === unitId) ?? null

/** Share of the minimum already reported, 0…1 (a unit over quota shows a full bar). */
export function quotaFraction(p: Pick<Progress, 'submitted' | 'minimum'>): number {
  if (p.minimum <= 0) return 1
  return Math.max(0, Math.min(1, p.submitted / p.minimum))
}
