import { cstParts } from '../../lib/cst'

// 公示 month by month: which recent months are published, drafted or not yet done,
// and which month the screen opens on.

/** `unused`: a month before the township's first item in Xinbao, with nothing to publish */
export type NoticeState = 'published' | 'draft' | 'none' | 'unused'

export interface NoticeMonth {
  /** YYYY-MM */
  month: string
  year: number
  monthOfYear: number
  state: NoticeState
  /** the newest revision of the month (0 when there is none) */
  revision: number
}

const key = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`

/** The CST month `back` months before the one containing `nowMs` (0 = this month). */
function monthBack(nowMs: number, back: number): { year: number; month: number } {
  const p = cstParts(nowMs)
  const index = p.year * 12 + (p.month - 1) - back
  return { year: Math.floor(index / 12), month: (index % 12) + 1 }
}

/**
 * The month the screen opens on: the last month that is over. A month's notice is
 * made once it has ended (early in the next), and once published it is the latest
 * fixed record, which is what anyone opening 公示 wants to see.
 */
export function defaultNoticeMonth(nowMs: number): string {
  const m = monthBack(nowMs, 1)
  return key(m.year, m.month)
}

/**
 * This month and the `count - 1` before it, newest first, each with the state of its
 * newest revision (a correction in draft over a published notice reads as a draft).
 * A month without a notice before `recordedFrom` (the first month with Xinbao's own
 * figures) is `unused` rather than waiting to be made.
 */
export function noticeMonths(
  nowMs: number,
  revisions: readonly { month: string; revision: number; status: string }[],
  { count = 12, recordedFrom = null as string | null } = {},
): NoticeMonth[] {
  const newest = new Map<string, { revision: number; status: string }>()
  for (const r of revisions) {
    const seen = newest.get(r.month)
    if (!seen || r.revision > seen.revision) newest.set(r.month, r)
  }
  return Array.from({ length: count }, (_, back) => {
    const { year, month } = monthBack(nowMs, back)
    const n = newest.get(key(year, month))
    const state: NoticeState = n ? (n.status === 'PUBLISHED' ? 'published' : 'draft') : recordedFrom !== null && key(year, month) < recordedFrom ? 'unused' : 'none'
    return { month: key(year, month), year, monthOfYear: month, state, revision: n?.revision ?? 0 }
  })
}
