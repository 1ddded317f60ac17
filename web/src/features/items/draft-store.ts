import { parseEnvelope, serializeEnvelope } from '../../lib/device-draft'
import type { StoredPhoto } from '../photos/upload'
import { CATEGORIES, CHANNELS, type ItemDraft } from './item-form'

// An informant's half-written item as kept on the device (lib/device-draft.ts): the
// text, the choices and the photos already uploaded. The idempotency key travels with
// it, so a submit whose answer was lost and is sent again after a reload still makes
// one item.

/** a draft older than this is dropped */
export const DRAFT_MAX_AGE_MS = 7 * 86_400_000
/** photos uploaded but never sent are swept after a day (server); keep them a little less */
export const DRAFT_PHOTO_MAX_AGE_MS = 20 * 3_600_000

export interface SavedDraft {
  savedAt: number
  idempotencyKey: string
  draft: ItemDraft
  photos: StoredPhoto[]
}

/** Nothing worth keeping: no category, no text, no photo (the time and channel are filled in anyway). */
export function isBlankDraft(draft: ItemDraft, photos: readonly StoredPhoto[]): boolean {
  return !draft.category && !draft.title.trim() && !draft.body.trim() && !draft.meetingSummary.trim() && photos.length === 0
}

const isString = (v: unknown): v is string => typeof v === 'string'

/** Reads what `serializeDraft` wrote; anything damaged, foreign or too old is null. */
export function parseSavedDraft(raw: string | null, nowMs: number): SavedDraft | null {
  const e = parseEnvelope(raw, nowMs, DRAFT_MAX_AGE_MS)
  if (!e) return null
  const d = e.draft
  if (!(d.category === null || CATEGORIES.includes(d.category as never)) || !CHANNELS.includes(d.channel as never)) return null
  if (![d.title, d.body, d.occurredAt, d.meetingSummary].every(isString)) return null
  const photos = Array.isArray(e.extra.photos) && nowMs - e.savedAt <= DRAFT_PHOTO_MAX_AGE_MS
    ? e.extra.photos.filter((p): p is StoredPhoto => Boolean(p) && isString(p.id) && isString(p.originalName) && isString(p.url))
    : []
  return {
    savedAt: e.savedAt,
    idempotencyKey: e.idempotencyKey,
    draft: { category: d.category as ItemDraft['category'], channel: d.channel as ItemDraft['channel'], title: d.title as string, body: d.body as string, occurredAt: d.occurredAt as string, meetingSummary: d.meetingSummary as string },
    photos,
  }
}

export function serializeDraft(saved: SavedDraft): string {
  return serializeEnvelope({ ...saved })
}
