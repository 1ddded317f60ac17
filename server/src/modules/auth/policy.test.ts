import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../context.js';
import { canReadIncident, canReadItem, canSeeEvent, canSeeItemSummary, incidentListWhere, itemListWhere, seesAssessment } from './policy.js';

const viewer = (roles: string[], extra: Partial<Viewer> = {}): Viewer => ({
  personId: 'p',
  name: 'x',
  unitId: 'u1',
  roles: new Set(roles) as Viewer['roles'],
  sessionId: 's',
  kind: 'USER',
  unitsInCharge: [],
  ...extra,
});

const informant = viewer(['INFORMANT']);
const leader = viewer(['LEADER'], { unitId: null, unitsInCharge: ['u1', 'u2'] });
const office = viewer(['OFFICE'], { unitId: 'office' });
const main = viewer(['MAIN_LEADER'], { unitId: null });
const display = viewer(['DUTY'], { kind: 'DISPLAY' });
const admin = viewer(['ADMIN'], { unitId: null });

describe('who reads which unit’s items and incidents', () => {
  it.each([
    ['informant, own unit', informant, 'u1', true, true],
    ['informant, other unit', informant, 'u2', false, false],
    ['leader, unit in charge', leader, 'u2', true, true],
    ['leader, other unit: sees every incident, not every item', leader, 'u3', false, true],
    ['office', office, 'u3', true, true],
    ['main leader', main, 'u3', true, true],
    ['display: summaries only', display, 'u3', false, false],
    ['admin: manages accounts, reads no reports', admin, 'u1', false, false],
    ['anonymous', null, 'u1', false, false],
  ] as const)('%s', (_name, v, unit, item, incident) => {
    expect(canReadItem(v, unit)).toBe(item);
    expect(canReadIncident(v, unit)).toBe(incident);
  });

  it('the wall display sees every summary; the admin none', () => {
    expect(canSeeItemSummary(display, 'u9')).toBe(true);
    expect(canSeeItemSummary(admin, 'u1')).toBe(false);
  });

  it('list filters', () => {
    expect(itemListWhere(informant)).toEqual({ unitId: { in: ['u1'] } });
    expect(itemListWhere(leader)).toEqual({ unitId: { in: ['u1', 'u2'] } });
    expect(itemListWhere(office)).toEqual({});
    expect(itemListWhere(display)).toEqual({});
    expect(itemListWhere(admin)).toEqual({ unitId: { in: [] } });
    expect(incidentListWhere(leader)).toEqual({});
    expect(incidentListWhere(null)).toEqual({ unitId: { in: [] } });
  });

  it('an informant with two roles gets the union', () => {
    expect(itemListWhere(viewer(['INFORMANT', 'LEADER'], { unitsInCharge: ['u5'] }))).toEqual({ unitId: { in: ['u5', 'u1'] } });
  });
});

describe('live events', () => {
  it.each([
    [informant, { kind: 'item:submitted', unitId: 'u2' }, false],
    [informant, { kind: 'item:submitted', unitId: 'u1' }, true],
    [informant, { kind: 'incident:reported', unitId: 'u2' }, false],
    [leader, { kind: 'incident:reported', unitId: 'u9' }, true],
    [leader, { kind: 'item:reviewed', unitId: 'u9' }, false],
    [display, { kind: 'item:submitted', unitId: 'u9' }, true],
    [admin, { kind: 'item:submitted', unitId: 'u1' }, false],
    [null, { kind: 'item:submitted', unitId: 'u1' }, false],
  ] as const)('%#', (v, e, expected) => expect(canSeeEvent(v, e)).toBe(expected));
});

it('assessment across units is for the office and leaders', () => {
  expect([informant, leader, office, main, display, admin].map(seesAssessment)).toEqual([false, true, true, true, false, false]);
});
