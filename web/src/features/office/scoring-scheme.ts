import type { AdoptionLevel, ScoringSchemeFieldsFragment } from '../../graphql/generated/graphql'

// The 考核 form: which inputs hold no number (GraphQL would refuse them before the
// server's own rules could say which), named as the form names its inputs. The rules
// themselves (rewards 0–1000, deductions −1000–0) are the server's: its refusal
// names the fields too, and the form marks them.

/** the form's inputs: the per-level points, and the scheme's other numbers */
export const LEVELS: AdoptionLevel[] = ['WEBSITE', 'BULLETIN', 'COUNTY', 'CITY', 'PROVINCE']
export const SIMPLE = ['perItem', 'perMonthQuotaMet', 'perQuarterQuotaMet', 'perLateReport', 'perConcealedReport'] as const

const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v)

/** `perItem`, `perAdoption.COUNTY`, …: the inputs left empty or holding something that is not a number. */
export function fieldsWithoutNumber(scheme: ScoringSchemeFieldsFragment): string[] {
  return [...SIMPLE.filter((k) => !isNumber(scheme[k])), ...LEVELS.filter((l) => !isNumber(scheme.perAdoption[l])).map((l) => `perAdoption.${l}`)]
}

/** The fields a refusal from the server names (`extensions.fields`), if any. */
export function refusedFields(err: unknown): string[] {
  const first = (err as { graphQLErrors?: { extensions?: { fields?: unknown } }[] } | null)?.graphQLErrors?.[0]
  const fields = first?.extensions?.fields
  return Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string') : []
}
