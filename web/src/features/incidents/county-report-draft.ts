import type { CountyReportKind } from '../../graphql/generated/graphql'
import { parseEnvelope, serializeEnvelope, stringFields } from '../../lib/device-draft'

// A 首报/续报/终报 being written is kept on the device (lib/device-draft.ts), per
// incident and person: the office may write a 首报 for half an hour while the main
// leader's consent is awaited, go to the review queue meanwhile, reload, or find its
// session ended; none of that may cost what was written.

export const COUNTY_TEXT_FIELDS = ['progress', 'measures', 'causes', 'consequences', 'workDone', 'results'] as const
export type CountyTextField = (typeof COUNTY_TEXT_FIELDS)[number]

export type CountyDraft = Record<CountyTextField, string> & {
  kind: CountyReportKind
  method: string
  byMainLeaderPersonally: boolean
}

export interface SavedCountyDraft {
  savedAt: number
  /** the report's idempotency key: sent again after a reload, it is still recorded once */
  idempotencyKey: string
  draft: CountyDraft
}

/** a report to the county older than this is stale: the next one is due within hours */
export const COUNTY_DRAFT_MAX_AGE_MS = 24 * 3_600_000

const KINDS: readonly CountyReportKind[] = ['INITIAL', 'FOLLOW_UP', 'FINAL']

/** Nothing written yet (the method is filled in anyway). */
export const isBlankCountyDraft = (d: CountyDraft) => COUNTY_TEXT_FIELDS.every((f) => !d[f].trim())

export const serializeCountyDraft = (saved: SavedCountyDraft) => serializeEnvelope({ ...saved })

/** Reads what `serializeCountyDraft` wrote; anything damaged, foreign or older than a day is null. */
export function parseCountyDraft(raw: string | null, nowMs: number): SavedCountyDraft | null {
  const e = parseEnvelope(raw, nowMs, COUNTY_DRAFT_MAX_AGE_MS)
  if (!e) return null
  const d = e.draft
  const texts = stringFields(d, COUNTY_TEXT_FIELDS)
  if (!texts || !KINDS.includes(d.kind as CountyReportKind) || typeof d.method !== 'string' || typeof d.byMainLeaderPersonally !== 'boolean') return null
  const draft: CountyDraft = { ...texts, kind: d.kind as CountyReportKind, method: d.method, byMainLeaderPersonally: d.byMainLeaderPersonally }
  return { savedAt: e.savedAt, idempotencyKey: e.idempotencyKey, draft }
}

/**
 * The kind a restored draft goes back to: its own, except a 首报 the incident no longer
 * needs (it went meanwhile, from here or elsewhere): then what comes next.
 */
export const restoredKind = (kept: CountyReportKind, suggested: CountyReportKind): CountyReportKind =>
  kept === 'INITIAL' && suggested !== 'INITIAL' ? suggested : kept
