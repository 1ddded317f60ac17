import type { Channel, ItemCategory } from '../../graphql/generated/graphql'
import { fromCstInputValue } from '../../lib/cst'

export const CATEGORIES: readonly ItemCategory[] = [
  'WORK_PROGRESS',
  'MEETING',
  'LEADER_ACTIVITY',
  'ECONOMY',
  'PRACTICE',
  'RESEARCH',
  'EMERGENCY',
]
export const CHANNELS: readonly Channel[] = ['WRITTEN', 'PHONE', 'INTERVIEW']

export interface ItemDraft {
  category: ItemCategory | null
  channel: Channel
  title: string
  body: string
  /** datetime-local value, China time */
  occurredAt: string
  meetingSummary: string
}

export const TITLE_MAX = 200
export const BODY_MAX = 20_000

export type DraftProblem = 'category' | 'title' | 'titleTooLong' | 'body' | 'bodyTooLong' | 'occurredAt' | 'future' | 'meetingSummary'

/** The input each problem is about (as the form names it), to mark it for the eye and for screen readers. */
export const PROBLEM_FIELD: Record<DraftProblem, keyof ItemDraft> = {
  category: 'category',
  title: 'title',
  titleTooLong: 'title',
  body: 'body',
  bodyTooLong: 'body',
  occurredAt: 'occurredAt',
  future: 'occurredAt',
  meetingSummary: 'meetingSummary',
}

/**
 * Checks a draft the way the server will, so an informant on a phone learns what is
 * missing before a round trip. Returns the input the API takes, or the problems.
 */
export function validateItemDraft(
  draft: ItemDraft,
  nowMs: number,
): { ok: true; input: { category: ItemCategory; channel: Channel; title: string; body: string; occurredAt: string; meetingSummary: string | null } } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = []
  const title = draft.title.trim()
  const body = draft.body.trim()
  if (!draft.category) problems.push('category')
  if (!title) problems.push('title')
  else if (title.length > TITLE_MAX) problems.push('titleTooLong')
  if (!body) problems.push('body')
  else if (body.length > BODY_MAX) problems.push('bodyTooLong')
  const occurred = fromCstInputValue(draft.occurredAt)
  if (occurred === null) problems.push('occurredAt')
  // a minute of slack: the form's "now" was filled in a little while ago
  else if (occurred > nowMs + 60_000) problems.push('future')
  const meeting = draft.meetingSummary.trim()
  if (draft.category === 'MEETING' && !meeting) problems.push('meetingSummary')
  if (problems.length || !draft.category || occurred === null) return { ok: false, problems }
  return {
    ok: true,
    input: {
      category: draft.category,
      channel: draft.channel,
      title,
      body,
      occurredAt: new Date(occurred).toISOString(),
      meetingSummary: draft.category === 'MEETING' ? meeting : null,
    },
  }
}
