import type { AdoptionLevel, ItemCategory, ItemFilter, ItemStatus } from '../../graphql/generated/graphql'
import { CATEGORIES } from '../items/item-form'
import { LEVELS } from './scoring-scheme'

// 信息查询: the office's search over every item, as pure functions of the form.

export interface SearchForm {
  text: string
  unitId: string
  category: ItemCategory | ''
  status: ItemStatus | ''
  level: AdoptionLevel | ''
}

export const emptySearch = (): SearchForm => ({ text: '', unitId: '', category: '', status: '', level: '' })

/** The server's filter for the form in a period: blank choices left out; a level means adopted. */
export function searchFilter(form: SearchForm, period: string | null): ItemFilter {
  return {
    period,
    text: form.text.trim() || null,
    unitId: form.unitId || null,
    category: form.category || null,
    status: form.level ? 'ADOPTED' : form.status || null,
    level: form.level || null,
  }
}

/**
 * The words the server searches for, as it splits them (white space, and the LIKE
 * pattern characters `%` `_` `\`): what to mark in the results.
 */
export function searchTerms(text: string): string[] {
  return [...new Set(text.trim().split(/[\s%_\\]+/u).filter((w) => w.length > 0))]
}

export interface Segment {
  text: string
  hit: boolean
}

/** `text` cut into runs that are and are not one of the words (Latin letters in either case). */
export function markTerms(text: string, terms: readonly string[]): Segment[] {
  if (terms.length === 0 || text.length === 0) return text ? [{ text, hit: false }] : []
  const lower = text.toLowerCase()
  const hit = new Array<boolean>(text.length).fill(false)
  for (const term of terms) {
    const needle = term.toLowerCase()
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) hit.fill(true, at, at + needle.length)
  }
  const out: Segment[] = []
  for (let i = 0; i < text.length; i++) {
    const last = out.at(-1)
    if (last && last.hit === hit[i]) last.text += text[i]
    else out.push({ text: text[i]!, hit: hit[i]! })
  }
  return out
}

/**
 * A line of the text around the first word found in it (the title is shown whole
 * anyway), with an ellipsis where it is cut; null when no word is in the text.
 */
export function excerpt(text: string, terms: readonly string[], around = 30): string | null {
  const flat = text.replace(/\s+/gu, ' ').trim()
  const lower = flat.toLowerCase()
  const at = Math.min(...terms.map((w) => lower.indexOf(w.toLowerCase())).filter((i) => i >= 0))
  if (!Number.isFinite(at)) return null
  const start = Math.max(0, at - around)
  const end = Math.min(flat.length, at + around * 2)
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`
}

/** The levels an adopted item may still be raised to: those above its own. */
export function higherLevels(level: AdoptionLevel | null | undefined): AdoptionLevel[] {
  if (!level) return []
  return LEVELS.slice(LEVELS.indexOf(level) + 1)
}

export interface PageInfo {
  /** 1-based, 0 when nothing is shown */
  from: number
  to: number
  total: number
  hasPrevious: boolean
  hasNext: boolean
}

/** Where a page of `shown` items starting at `offset` sits among `total`. */
export function pageInfo(offset: number, shown: number, total: number): PageInfo {
  return {
    from: shown > 0 ? offset + 1 : 0,
    to: offset + shown,
    total,
    hasPrevious: offset > 0,
    hasNext: offset + shown < total,
  }
}

/** A search as a query string, for its export and its address (the filter's names; blanks left out). */
export function filterQuery(filter: ItemFilter): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(filter)) if (value) params.set(name, String(value))
  return params.toString()
}

const STATUSES: readonly ItemStatus[] = ['SUBMITTED', 'ADOPTED', 'NOT_ADOPTED', 'RETURNED']
type Query = Record<string, string | null | (string | null)[] | undefined>

/**
 * A search from a page's address (a link from the statistics, a bookmark): the form and
 * the period key; values that are not a known category, status or level are left blank.
 */
export function searchFromQuery(query: Query): { form: SearchForm; period: string | null } {
  const one = (name: string) => {
    const v = query[name]
    return (Array.isArray(v) ? v[0] : v) ?? ''
  }
  const known = <T extends string>(value: string, list: readonly T[]): T | '' => (list.includes(value as T) ? (value as T) : '')
  return {
    form: {
      text: one('text').slice(0, 100),
      unitId: one('unitId'),
      category: known(one('category'), CATEGORIES),
      status: known(one('status'), STATUSES),
      level: known(one('level'), LEVELS),
    },
    period: one('period') || null,
  }
}
