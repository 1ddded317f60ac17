import type { QuotaBoardQuery, UnitKind } from '../../graphql/generated/graphql'
import { cstParts } from '../../lib/cst'

/** The kinds of unit that have quotas (党政办 has none), in the order screens list them. */
export const QUOTA_KINDS: readonly UnitKind[] = ['DEPARTMENT', 'COMMUNITY', 'VILLAGE']

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

/** The months and quarters a raise can still be set for: this month and the next two, this quarter and the next (CST). */
export function raisePeriodChoices(nowMs: number, labels: { month: (y: number, m: number) => string; quarter: (y: number, q: number) => string }) {
  const p = cstParts(nowMs)
  const pad = (n: number) => String(n).padStart(2, '0')
  const months = [0, 1, 2].map((i) => {
    const index = p.year * 12 + (p.month - 1) + i
    const [y, m] = [Math.floor(index / 12), (index % 12) + 1]
    return { key: `${y}-${pad(m)}`, label: labels.month(y, m) }
  })
  const quarters = [0, 1].map((i) => {
    const index = p.year * 4 + Math.floor((p.month - 1) / 3) + i
    const [y, q] = [Math.floor(index / 4), (index % 4) + 1]
    return { key: `${y}-Q${q}`, label: labels.quarter(y, q) }
  })
  return [...months, ...quarters]
}

/** The months a standing rule can be changed from: this month and the next twelve (CST); a quarterly rule only from a quarter's first month. */
export function ruleStartChoices(nowMs: number, period: 'MONTH' | 'QUARTER', label: (y: number, m: number) => string) {
  const p = cstParts(nowMs)
  return Array.from({ length: 13 }, (_, i) => {
    const index = p.year * 12 + (p.month - 1) + i
    return { y: Math.floor(index / 12), m: (index % 12) + 1 }
  })
    .filter(({ m }) => period === 'MONTH' || m % 3 === 1)
    .map(({ y, m }) => ({ key: `${y}-${String(m).padStart(2, '0')}`, label: label(y, m) }))
}
