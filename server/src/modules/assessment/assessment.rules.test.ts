import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../period/period.rules.js';
import { DEFAULT_SCHEME, quotaProgress, rank, schemeProblems, score, scoreRules } from './assessment.rules.js';

const empty = { items: 0, adoptions: {}, monthsQuotaMet: 0, quartersQuotaMet: 0, lateReports: 0, concealedReports: 0 };

describe('quota progress', () => {
  const nov = parsePeriod('2026-11');
  it.each([
    [0, '2026-11-10T04:00:00Z', { needed: 5, daysLeft: 21, status: 'BEHIND' }], // noon 10 Nov: floor(5 × 0.32) = 1 > 0
    [0, '2026-11-04T04:00:00Z', { needed: 5, daysLeft: 27, status: 'ON_PACE' }], // floor(5 × 0.12) = 0
    [3, '2026-11-20T04:00:00Z', { needed: 2, daysLeft: 11, status: 'ON_PACE' }],
    [2, '2026-11-20T04:00:00Z', { needed: 3, daysLeft: 11, status: 'BEHIND' }],
    [5, '2026-11-02T04:00:00Z', { needed: 0, daysLeft: 29, status: 'MET' }],
    [4, '2026-12-01T04:00:00Z', { needed: 1, daysLeft: 0, status: 'BEHIND' }],
  ])('%d submitted at %s', (submitted, iso, expected) => {
    expect(quotaProgress(submitted, 5, nov, new Date(iso))).toMatchObject(expected);
  });
});

describe('score with each rule', () => {
  it('nothing done scores 0 with no lines', () => expect(score(empty)).toEqual({ total: 0, lines: [] }));
  it.each([
    [{ items: 10 }, 10, 'item'],
    [{ adoptions: { WEBSITE: 2 } }, 4, 'adoption.WEBSITE'],
    [{ adoptions: { BULLETIN: 1 } }, 3, 'adoption.BULLETIN'],
    [{ adoptions: { COUNTY: 1 } }, 5, 'adoption.COUNTY'],
    [{ adoptions: { CITY: 1 } }, 8, 'adoption.CITY'],
    [{ adoptions: { PROVINCE: 1 } }, 12, 'adoption.PROVINCE'],
    [{ monthsQuotaMet: 12 }, 60, 'quota.month'],
    [{ quartersQuotaMet: 4 }, 40, 'quota.quarter'],
    [{ lateReports: 2 }, -10, 'incident.late'],
    [{ concealedReports: 1 }, -20, 'incident.concealed'],
  ])('%j → %d', (patch, total, rule) => {
    const s = score({ ...empty, ...patch });
    expect(s.total).toBe(total);
    expect(s.lines.map((l) => l.rule)).toEqual([rule]);
  });
  it('adds the lines up and honours a custom scheme', () => {
    const custom = { ...DEFAULT_SCHEME, perItem: 0.5, perLateReport: -1 };
    expect(score({ ...empty, items: 4, lateReports: 3 }, custom).total).toBe(-1);
  });
});

describe('the scheme as table columns', () => {
  const all = { items: 1, adoptions: { WEBSITE: 1, BULLETIN: 1, COUNTY: 1, CITY: 1, PROVINCE: 1 }, monthsQuotaMet: 1, quartersQuotaMet: 1, lateReports: 1, concealedReports: 1 };
  it('has one column per line a score can have, in the same order, each with its points per count', () => {
    const custom = { ...DEFAULT_SCHEME, perItem: 0.5, perAdoption: { ...DEFAULT_SCHEME.perAdoption, CITY: 9 } };
    const columns = scoreRules(custom, 'units');
    expect(columns.map((c) => c.rule)).toEqual(score(all, custom).lines.map((l) => l.rule));
    // with one of everything, each line's points are its column's rate
    expect(columns.map((c) => c.rate)).toEqual(score(all, custom).lines.map((l) => l.points));
    expect(columns.find((c) => c.rule === 'adoption.CITY')).toEqual({ rule: 'adoption.CITY', label: '市级采用', per: '条', rate: 9 });
    expect(columns.find((c) => c.rule === 'quota.quarter')).toMatchObject({ per: '个季度', rate: 10 });
  });
  it('leaves the quota columns out for people (quotas are a unit\'s)', () => {
    expect(scoreRules(DEFAULT_SCHEME, 'people').map((c) => c.rule)).toEqual(['item', 'adoption.WEBSITE', 'adoption.BULLETIN', 'adoption.COUNTY', 'adoption.CITY', 'adoption.PROVINCE', 'incident.late', 'incident.concealed']);
  });
});

describe('scheme validation and ranking', () => {
  it('accepts the default scheme', () => expect(schemeProblems(DEFAULT_SCHEME)).toEqual([]));
  it('refuses a positive deduction and a negative reward, naming the fields in Chinese', () => {
    expect(schemeProblems({ ...DEFAULT_SCHEME, perLateReport: 5, perItem: -1 })).toEqual([
      { field: 'perItem', message: '每报送 1 条的分值应为 0 到 1000 之间的数' },
      { field: 'perLateReport', message: '每次迟报是扣分，应为 -1000 到 0 之间的数' },
    ]);
  });
  it.each([
    ['at the bounds', { perItem: 1000, perConcealedReport: -1000, perAdoption: { ...DEFAULT_SCHEME.perAdoption, PROVINCE: 0 } }, []],
    ['just past them', { perItem: 1000.5, perConcealedReport: -1000.5 }, ['perItem', 'perConcealedReport']],
    ['not numbers', { perMonthQuotaMet: Number.NaN, perQuarterQuotaMet: '5' as unknown as number, perAdoption: { ...DEFAULT_SCHEME.perAdoption, CITY: Infinity } }, ['perMonthQuotaMet', 'perQuarterQuotaMet', 'perAdoption.CITY']],
    ['a level missing', { perAdoption: { WEBSITE: 2, BULLETIN: 3, COUNTY: 5, CITY: 8 } as never }, ['perAdoption.PROVINCE']],
  ])('%s', (_case, patch, fields) => {
    expect(schemeProblems({ ...DEFAULT_SCHEME, ...patch }).map((p) => p.field)).toEqual(fields);
  });
  it('gives equal totals the same rank', () => {
    expect(rank([{ id: 'a', total: 5 }, { id: 'b', total: 9 }, { id: 'c', total: 5 }, { id: 'd', total: 1 }]).map((r) => [r.id, r.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });
});
