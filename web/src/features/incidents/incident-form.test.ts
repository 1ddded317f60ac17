import { describe, expect, it } from 'vitest'
import { validateIncidentDraft, type IncidentDraft } from './incident-form'

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
