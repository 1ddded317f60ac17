import { cstParts, cstPeriodKeys } from '../../lib/cst'

export type PeriodKind = 'day' | 'month' | 'quarter' | 'year' | 'range'

export interface PeriodChoice {
  kind: PeriodKind
  /** YYYY-MM-DD for day; YYYY-MM for month; year + quarter; YYYY-MM-DD .. YYYY-MM-DD for a range */
  day: string
  month: string
  year: number
  quarter: 1 | 2 | 3 | 4
  from: string
  to: string
}

/** The API's period key for a choice (2026-11-25 | 2026-11 | 2026-Q4 | 2026 | a..b), or null if incomplete. */
export function periodKey(c: PeriodChoice): string | null {
  switch (c.kind) {
    case 'day':
      return /^\d{4}-\d{2}-\d{2}$/.test(c.day) ? c.day : null
    case 'month':
      return /^\d{4}-\d{2}$/.test(c.month) ? c.month : null
    case 'quarter':
      return Number.isInteger(c.year) ? `${c.year}-Q${c.quarter}` : null
    case 'year':
      return Number.isInteger(c.year) ? String(c.year) : null
    case 'range':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(c.from) || !/^\d{4}-\d{2}-\d{2}$/.test(c.to)) return null
      return c.from <= c.to ? `${c.from}..${c.to}` : `${c.to}..${c.from}`
  }
}

/** The picker's starting state: this CST month chosen, the other kinds set to the periods around now. */
export function initialPeriodChoice(nowMs: number): PeriodChoice {
  const keys = cstPeriodKeys(nowMs)
  const p = cstParts(nowMs)
  return {
    kind: 'month',
    day: keys.day,
    month: keys.month,
    year: p.year,
    quarter: (Math.floor((p.month - 1) / 3) + 1) as 1 | 2 | 3 | 4,
    from: `${keys.month}-01`,
    to: keys.day,
  }
}

/**
 * The picker set to a period key (from a link: 2026-11-25 | 2026-11 | 2026-Q4 | 2026 |
 * a..b), the other kinds left as they were; null when the key is not one of these.
 */
export function choiceFromKey(key: string, around: PeriodChoice): PeriodChoice | null {
  let m: RegExpMatchArray | null
  if ((m = key.match(/^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/))) return { ...around, kind: 'range', from: m[1]!, to: m[2]! }
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return { ...around, kind: 'day', day: key }
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(key)) return { ...around, kind: 'month', month: key }
  if ((m = key.match(/^(\d{4})-Q([1-4])$/))) return { ...around, kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) as 1 | 2 | 3 | 4 }
  if (/^\d{4}$/.test(key)) return { ...around, kind: 'year', year: Number(key) }
  return null
}
