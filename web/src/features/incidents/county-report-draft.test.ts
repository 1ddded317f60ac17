import { describe, expect, it } from 'vitest'
import { COUNTY_DRAFT_MAX_AGE_MS, isBlankCountyDraft, parseCountyDraft, restoredKind, serializeCountyDraft, type CountyDraft } from './county-report-draft'

const now = Date.parse('2026-11-27T02:00:00Z')
const draft = (over: Partial<CountyDraft> = {}): CountyDraft => ({
  kind: 'INITIAL',
  progress: '滑坡约 300 方，转移群众 12 户 35 人',
  measures: '',
  causes: '',
  consequences: '',
  workDone: '',
  results: '',
  method: '电话',
  byMainLeaderPersonally: false,
  ...over,
})

describe('a county report kept on the device', () => {
  it('comes back as written, with its key', () => {
    const raw = serializeCountyDraft({ savedAt: now - 60_000, idempotencyKey: 'k1', draft: draft({ byMainLeaderPersonally: true }) })
    expect(parseCountyDraft(raw, now)).toEqual({ savedAt: now - 60_000, idempotencyKey: 'k1', draft: draft({ byMainLeaderPersonally: true }) })
  })
  it('is forgotten after a day, to the millisecond', () => {
    const at = (savedAt: number) => parseCountyDraft(serializeCountyDraft({ savedAt, idempotencyKey: 'k', draft: draft() }), now)
    expect(at(now - COUNTY_DRAFT_MAX_AGE_MS)).not.toBeNull()
    expect(at(now - COUNTY_DRAFT_MAX_AGE_MS - 1)).toBeNull()
  })
  it('ignores anything damaged or foreign', () => {
    expect(parseCountyDraft('{', now)).toBeNull()
    expect(parseCountyDraft(null, now)).toBeNull()
    const bad = (d: Record<string, unknown>) => parseCountyDraft(JSON.stringify({ v: 1, savedAt: now, idempotencyKey: 'k', draft: d }), now)
    expect(bad({ ...draft(), kind: 'UPDATE' })).toBeNull()
    expect(bad({ ...draft(), progress: 3 })).toBeNull()
    expect(bad({ ...draft(), byMainLeaderPersonally: 'yes' })).toBeNull()
    const { results: _r, ...missing } = draft()
    expect(bad(missing)).toBeNull()
  })
  it('is blank while nothing is written (the method alone does not count)', () => {
    expect(isBlankCountyDraft(draft({ progress: '  ' }))).toBe(true)
    expect(isBlankCountyDraft(draft({ progress: '', results: '已处置完毕' }))).toBe(false)
  })
  it('goes back to its kind, except a 首报 that went meanwhile', () => {
    expect(restoredKind('INITIAL', 'INITIAL')).toBe('INITIAL')
    expect(restoredKind('INITIAL', 'FOLLOW_UP')).toBe('FOLLOW_UP')
    expect(restoredKind('FINAL', 'FOLLOW_UP')).toBe('FINAL')
    expect(restoredKind('FOLLOW_UP', 'FOLLOW_UP')).toBe('FOLLOW_UP')
  })
})
