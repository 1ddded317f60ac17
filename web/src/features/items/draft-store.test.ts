import { describe, expect, it } from 'vitest'
import { DRAFT_MAX_AGE_MS, DRAFT_PHOTO_MAX_AGE_MS, isBlankDraft, parseSavedDraft, serializeDraft, type SavedDraft } from './draft-store'
import type { ItemDraft } from './item-form'

const now = Date.parse('2026-11-26T02:00:00Z')
const draft = (over: Partial<ItemDraft> = {}): ItemDraft => ({
  category: 'MEETING',
  channel: 'WRITTEN',
  title: '村委会召开防汛会议',
  body: '会议部署了冬季安全检查。',
  occurredAt: '2026-11-26T09:30',
  meetingSummary: '部署检查',
  ...over,
})
const saved = (over: Partial<SavedDraft> = {}): SavedDraft => ({
  savedAt: now - 60_000,
  idempotencyKey: 'k-1',
  draft: draft(),
  photos: [{ id: 'a1', originalName: '会场.jpg', url: '/attachments/a1' }],
  ...over,
})

describe('a saved item draft', () => {
  it('comes back as it was written', () => {
    expect(parseSavedDraft(serializeDraft(saved()), now)).toEqual(saved())
  })

  it('is dropped when damaged or foreign', () => {
    expect(parseSavedDraft(null, now)).toBeNull()
    expect(parseSavedDraft('{not json', now)).toBeNull()
    expect(parseSavedDraft(JSON.stringify({ ...saved(), v: 2 }), now)).toBeNull()
    expect(parseSavedDraft(serializeDraft(saved({ idempotencyKey: '' })), now)).toBeNull()
    expect(parseSavedDraft(serializeDraft(saved({ draft: draft({ category: 'GOSSIP' as never }) })), now)).toBeNull()
    expect(parseSavedDraft(serializeDraft(saved({ draft: draft({ channel: 'FAX' as never }) })), now)).toBeNull()
    expect(parseSavedDraft(serializeDraft(saved({ draft: { ...draft(), title: 3 } as never })), now)).toBeNull()
  })

  it('keeps a draft without a category yet', () => {
    expect(parseSavedDraft(serializeDraft(saved({ draft: draft({ category: null }) })), now)?.draft.category).toBeNull()
  })

  it('lasts seven days; its photos (swept by the server after a day) twenty hours', () => {
    expect(parseSavedDraft(serializeDraft(saved({ savedAt: now - DRAFT_MAX_AGE_MS })), now)).not.toBeNull()
    expect(parseSavedDraft(serializeDraft(saved({ savedAt: now - DRAFT_MAX_AGE_MS - 1 })), now)).toBeNull()
    expect(parseSavedDraft(serializeDraft(saved({ savedAt: now - DRAFT_PHOTO_MAX_AGE_MS })), now)?.photos).toHaveLength(1)
    expect(parseSavedDraft(serializeDraft(saved({ savedAt: now - DRAFT_PHOTO_MAX_AGE_MS - 1 })), now)?.photos).toEqual([])
    // saved "in the future" by more than a minute: another device's clock, not ours
    expect(parseSavedDraft(serializeDraft(saved({ savedAt: now + 61_000 })), now)).toBeNull()
  })

  it('drops malformed photo entries and keeps the rest', () => {
    const raw = JSON.stringify({ v: 1, ...saved(), photos: [{ id: 'a1', originalName: 'x.jpg', url: '/attachments/a1' }, { id: 7 }, null] })
    expect(parseSavedDraft(raw, now)?.photos).toEqual([{ id: 'a1', originalName: 'x.jpg', url: '/attachments/a1' }])
  })

  it('is not worth keeping before anything is chosen or typed', () => {
    const blank = draft({ category: null, title: ' ', body: '', meetingSummary: '' })
    expect(isBlankDraft(blank, [])).toBe(true)
    expect(isBlankDraft({ ...blank, category: 'ECONOMY' }, [])).toBe(false)
    expect(isBlankDraft({ ...blank, body: '正文' }, [])).toBe(false)
    expect(isBlankDraft(blank, saved().photos)).toBe(false)
  })
})
