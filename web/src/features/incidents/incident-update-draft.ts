import { parseEnvelope, serializeEnvelope, stringFields } from '../../lib/device-draft'

// A 事态发展 being written (an informant on a phone, mostly) is kept on the device per
// incident and person until it goes: a phone that drops the tab, a lost signal or a
// session that ended costs nothing typed.

export interface UpdateDraft {
  progress: string
  casualties: string
  measures: string
}

export interface SavedUpdateDraft {
  savedAt: number
  /** the update's idempotency key: sent again after a reload, it is still recorded once */
  idempotencyKey: string
  draft: UpdateDraft
}

/** a development older than this is stale news */
export const UPDATE_DRAFT_MAX_AGE_MS = 24 * 3_600_000

const FIELDS = ['progress', 'casualties', 'measures'] as const

export const isBlankUpdateDraft = (d: UpdateDraft) => FIELDS.every((f) => !d[f].trim())

export const serializeUpdateDraft = (saved: SavedUpdateDraft) => serializeEnvelope({ ...saved })

/** Reads what `serializeUpdateDraft` wrote; anything damaged, foreign or older than a day is null. */
export function parseUpdateDraft(raw: string | null, nowMs: number): SavedUpdateDraft | null {
  const e = parseEnvelope(raw, nowMs, UPDATE_DRAFT_MAX_AGE_MS)
  const draft = e && stringFields(e.draft, FIELDS)
  return e && draft ? { savedAt: e.savedAt, idempotencyKey: e.idempotencyKey, draft } : null
}
