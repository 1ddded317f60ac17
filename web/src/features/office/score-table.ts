import type { AdoptionLevel, ScoringSchemeFieldsFragment } from '../../graphql/generated/graphql'

// 考核 as a table: a column per line of the scheme (the rule names the server's
// score lines carry), holding the counts, headed with the points for each, so every
// total can be checked against the scheme at a glance.

const LEVELS: AdoptionLevel[] = ['WEBSITE', 'BULLETIN', 'COUNTY', 'CITY', 'PROVINCE']

export type ScoreRule = 'item' | `adoption.${AdoptionLevel}` | 'quota.month' | 'quota.quarter' | 'incident.late' | 'incident.concealed'

export interface ScoreColumn {
  rule: ScoreRule
  /** points for each count (negative for a deduction) */
  rate: number
}

/** The columns for units, or for people (quotas are a unit's, so people have no quota columns). */
export function scoreColumns(scheme: ScoringSchemeFieldsFragment, of: 'units' | 'people'): ScoreColumn[] {
  const columns: ScoreColumn[] = [
    { rule: 'item', rate: scheme.perItem },
    ...LEVELS.map((l) => ({ rule: `adoption.${l}` as const, rate: scheme.perAdoption[l] })),
    { rule: 'quota.month', rate: scheme.perMonthQuotaMet },
    { rule: 'quota.quarter', rate: scheme.perQuarterQuotaMet },
    { rule: 'incident.late', rate: scheme.perLateReport },
    { rule: 'incident.concealed', rate: scheme.perConcealedReport },
  ]
  return of === 'units' ? columns : columns.filter((c) => !c.rule.startsWith('quota.'))
}

/** A row's count per rule (the server leaves out lines with a count of 0). */
export function countsByRule(lines: readonly { rule: string; count: number }[]): (rule: ScoreRule) => number {
  const counts = new Map(lines.map((l) => [l.rule, l.count]))
  return (rule) => counts.get(rule) ?? 0
}

/** The years the picker offers: this year and the five before it (CST). */
export function scoreYears(currentYear: number): number[] {
  return Array.from({ length: 6 }, (_, i) => currentYear - i)
}
