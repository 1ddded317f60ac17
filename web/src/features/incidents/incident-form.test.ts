import { describe, expect, it } from 'vitest'
import { INCIDENT_DRAFT_MAX_AGE_MS, isBlankIncidentDraft, parseIncidentDraft, serializeIncidentDraft, validateIncidentDraft, type IncidentDraft } from './incident-form'

const now = Date.parse('2026-11-26T02:00:00Z')
const draft = (over: Partial<IncidentDraft> = {}): IncidentDraft => ({
  kind: 'WORK_INJURY',
  severity: 'GENERAL',
  title: '砖厂工人手部受伤',
  occurredAt: '2026-11-26T09:40',
  location: '李家村砖厂',
  description: '左手被卷入制砖机',
  casualties: '1 人受伤',
  losses: '',
  measures: '',
  reporterName: '李芳',
  reporterPhone: '13800000016',
  ...over,
})

describe('validateIncidentDraft', () => {
  it('builds the 初报 input, blanks as 不详', () => {
    const r = validateIncidentDraft(draft(), 'u-ljc', now)
    expect(r.ok && r.input).toMatchObject({
      unitId: 'u-ljc',
      occurredAt: '2026-11-26T01:40:00.000Z',
      losses: '不详',
      measures: '不详',
      casualties: '1 人受伤',
    })
  })
  it('lists what is missing', () => {
    const r = validateIncidentDraft(draft({ kind: null, location: ' ', reporterPhone: '' }), 'u', now)
    expect(r).toEqual({ ok: false, missing: ['kind', 'location', 'reporterPhone'], future: false })
  })
  it('refuses a time in the future but clamps a minute of form age to now', () => {
    expect(validateIncidentDraft(draft({ occurredAt: '2026-11-26T10:05' }), 'u', now)).toMatchObject({ ok: false, future: true })
    const r = validateIncidentDraft(draft({ occurredAt: '2026-11-26T10:00' }), 'u', now - 30_000)
    expect(r.ok && r.input.occurredAt).toBe(new Date(now - 30_000).toISOString())
  })
})

describe('a 初报 form kept on the device', () => {
  const now = Date.parse('2026-11-26T02:00:00Z')
  const kept = { savedAt: now - 5 * 60_000, idempotencyKey: 'k-9', draft: draft() }

  it('comes back as it was, with its key', () => {
    expect(parseIncidentDraft(serializeIncidentDraft(kept), now)).toEqual(kept)
  })

  it('is dropped when damaged, foreign, or older than a day', () => {
    expect(parseIncidentDraft('[', now)).toBeNull()
    expect(parseIncidentDraft(JSON.stringify({ ...kept, v: 1, idempotencyKey: '' }), now)).toBeNull()
    expect(parseIncidentDraft(serializeIncidentDraft({ ...kept, draft: { ...draft(), severity: 'HUGE' as never } }), now)).toBeNull()
    expect(parseIncidentDraft(serializeIncidentDraft({ ...kept, draft: { ...draft(), location: null as never } }), now)).toBeNull()
    expect(parseIncidentDraft(serializeIncidentDraft({ ...kept, savedAt: now - INCIDENT_DRAFT_MAX_AGE_MS }), now)).not.toBeNull()
    expect(parseIncidentDraft(serializeIncidentDraft({ ...kept, savedAt: now - INCIDENT_DRAFT_MAX_AGE_MS - 1 }), now)).toBeNull()
  })

  it('is not kept before anything is chosen or described (time and reporter are prefilled)', () => {
    const blank = { ...draft(), kind: null, severity: null, title: '', location: '', description: '', casualties: '', losses: '', measures: '' }
    expect(isBlankIncidentDraft(blank)).toBe(true)
    expect(isBlankIncidentDraft({ ...blank, severity: 'MAJOR' })).toBe(false)
    expect(isBlankIncidentDraft({ ...blank, location: '三组' })).toBe(false)
  })
})
