import { describe, expect, it } from 'vitest'
import { validateItemDraft, type ItemDraft } from './item-form'

const now = Date.parse('2026-11-26T02:00:00Z') // 10:00 CST
const draft = (over: Partial<ItemDraft> = {}): ItemDraft => ({
  category: 'WORK_PROGRESS',
  channel: 'WRITTEN',
  title: ' 李家村完成秋冬种 ',
  body: '全村完成小麦播种 1200 亩。',
  occurredAt: '2026-11-26T09:30',
  meetingSummary: '',
  ...over,
})

describe('validateItemDraft', () => {
  it('turns a good draft into API input with the CST time as an instant', () => {
    const r = validateItemDraft(draft(), now)
    expect(r).toEqual({
      ok: true,
      input: {
        category: 'WORK_PROGRESS',
        channel: 'WRITTEN',
        title: '李家村完成秋冬种',
        body: '全村完成小麦播种 1200 亩。',
        occurredAt: '2026-11-26T01:30:00.000Z',
        meetingSummary: null,
      },
    })
  })

  it.each([
    [{ category: null }, ['category']],
    [{ title: '  ' }, ['title']],
    [{ title: 'x'.repeat(201) }, ['titleTooLong']],
    [{ body: '' }, ['body']],
    [{ occurredAt: '' }, ['occurredAt']],
    [{ occurredAt: '2026-11-26T10:05' }, ['future']],
    [{ category: 'MEETING' as const }, ['meetingSummary']],
  ])('%o → %o', (over, problems) => {
    expect(validateItemDraft(draft(over), now)).toEqual({ ok: false, problems })
  })

  it('keeps the meeting summary only for meetings', () => {
    const r = validateItemDraft(draft({ category: 'MEETING', meetingSummary: ' 研究防汛 ' }), now)
    expect(r.ok && r.input.meetingSummary).toBe('研究防汛')
  })
})
