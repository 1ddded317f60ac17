import { describe, expect, it } from 'vitest'
import { isBlankUpdateDraft, parseUpdateDraft, serializeUpdateDraft, UPDATE_DRAFT_MAX_AGE_MS } from './incident-update-draft'

const now = Date.parse('2026-11-27T02:00:00Z')
const draft = { progress: '伤者已转县医院', casualties: '1 人重伤', measures: '' }

describe('a 事态发展 kept on the device', () => {
  it('comes back as written, with its key, for a day to the millisecond', () => {
    const at = (savedAt: number) => parseUpdateDraft(serializeUpdateDraft({ savedAt, idempotencyKey: 'k', draft }), now)
    expect(at(now - UPDATE_DRAFT_MAX_AGE_MS)).toEqual({ savedAt: now - UPDATE_DRAFT_MAX_AGE_MS, idempotencyKey: 'k', draft })
    expect(at(now - UPDATE_DRAFT_MAX_AGE_MS - 1)).toBeNull()
  })
  it('ignores anything damaged or foreign', () => {
    expect(parseUpdateDraft('not json', now)).toBeNull()
    expect(parseUpdateDraft(JSON.stringify({ v: 1, savedAt: now, idempotencyKey: 'k', draft: { ...draft, measures: null } }), now)).toBeNull()
    expect(parseUpdateDraft(JSON.stringify({ v: 1, savedAt: now, idempotencyKey: '', draft }), now)).toBeNull()
  })
  it('is blank while nothing is written', () => {
    expect(isBlankUpdateDraft({ progress: ' ', casualties: '', measures: '' })).toBe(true)
    expect(isBlankUpdateDraft({ progress: '', casualties: '', measures: '已设警戒' })).toBe(false)
  })
})
