import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../period/period.rules.js';
import { firstMonthOf, QuotaBook, quarterOf, quotaRaiseProblem, quotaRuleProblem, quotaRuleVersions, raisesInWords } from './quota.rules.js';

// the regulation's rules (五.2): departments and communities 5 a month, villages and communities 15 a quarter
const rules = [
  { unitKind: 'DEPARTMENT', period: 'MONTH', minimum: 5 },
  { unitKind: 'COMMUNITY', period: 'MONTH', minimum: 5 },
  { unitKind: 'COMMUNITY', period: 'QUARTER', minimum: 15 },
  { unitKind: 'VILLAGE', period: 'QUARTER', minimum: 15 },
] as const;
const raise = (unitKind: string, period: string, minimum: number) => ({ unitKind, period, minimum, reason: '安全生产大检查' });
const p = parsePeriod;

describe('which minimum applies, without raises (as before raises existed)', () => {
  const book = new QuotaBook(rules);
  it.each([
    ['COMMUNITY', '2026-11', 5],
    ['COMMUNITY', '2026-Q4', 15],
    ['COMMUNITY', '2026', 60],
    ['VILLAGE', '2026-11', null],
    ['VILLAGE', '2026-Q4', 15],
    ['VILLAGE', '2026', 60],
    ['DEPARTMENT', '2026-11', 5],
    ['DEPARTMENT', '2026-Q4', 15], // three months of five
    ['DEPARTMENT', '2026', 60],
    ['DEPARTMENT', '2026-11-27', null], // days and ranges have no quota
    ['COMMUNITY', '2026-11-01..2026-11-15', null],
    ['OFFICE', '2026-11', null],
  ] as const)('%s in %s → %s', (kind, period, min) => expect(book.minimum(kind, p(period))).toBe(min));
});

describe('a month or quarter raised for central or phased work', () => {
  const book = new QuotaBook(rules, [raise('DEPARTMENT', '2026-12', 8), raise('VILLAGE', '2026-12', 4), raise('COMMUNITY', '2026-Q4', 20), raise('VILLAGE', '2026-Q1', 3)]);

  it('the raised month asks for more; the months around it do not, nor other kinds', () => {
    expect(book.month('DEPARTMENT', '2026-12')).toBe(8);
    expect(book.month('DEPARTMENT', '2026-11')).toBe(5);
    expect(book.month('DEPARTMENT', '2027-01')).toBe(5);
    expect(book.month('COMMUNITY', '2026-12')).toBe(5);
  });

  it('a raise gives a kind without a monthly rule a minimum for that month only', () => {
    expect(book.month('VILLAGE', '2026-12')).toBe(4);
    expect(book.month('VILLAGE', '2026-11')).toBeNull();
  });

  it('a quarter holding a raised month needs the sum of its months, or its own rule if larger', () => {
    expect(book.minimum('DEPARTMENT', p('2026-Q4'))).toBe(5 + 5 + 8);
    expect(book.minimum('DEPARTMENT', p('2026-Q3'))).toBe(15);
    // a village: its quarterly 15 is still more than the one raised month (4)
    expect(book.minimum('VILLAGE', p('2026-Q4'))).toBe(15);
  });

  it('a raised quarter: the board\'s quarterly minimum and the statistics\' both follow it', () => {
    expect(book.quarter('COMMUNITY', '2026-Q4')).toBe(20);
    expect(book.minimum('COMMUNITY', p('2026-Q4'))).toBe(20);
    expect(book.quarter('COMMUNITY', '2027-Q1')).toBe(15);
  });

  it('a raise below the rule changes nothing (it only ever asks for more)', () => {
    expect(book.quarter('VILLAGE', '2026-Q1')).toBe(15);
  });

  it('a year sums its quarters or its months, whichever asks for more', () => {
    expect(book.minimum('DEPARTMENT', p('2026'))).toBe(60 + 3);
    expect(book.minimum('COMMUNITY', p('2026'))).toBe(15 * 3 + 20);
    expect(book.minimum('VILLAGE', p('2026'))).toBe(60);
  });

  it('lists the raises within a period: a month\'s own; a quarter\'s, then its months\'; a year\'s in order', () => {
    const kinds = ['DEPARTMENT', 'COMMUNITY', 'VILLAGE'];
    const keys = (period: string) => book.raisesWithin(p(period), kinds).map((r) => `${r.unitKind}@${r.period}`);
    expect(keys('2026-12')).toEqual(['DEPARTMENT@2026-12', 'VILLAGE@2026-12']);
    expect(keys('2026-11')).toEqual([]);
    expect(keys('2026-Q4')).toEqual(['COMMUNITY@2026-Q4', 'DEPARTMENT@2026-12', 'VILLAGE@2026-12']);
    expect(keys('2026')).toEqual(['VILLAGE@2026-Q1', 'COMMUNITY@2026-Q4', 'DEPARTMENT@2026-12', 'VILLAGE@2026-12']);
    expect(keys('2026-12-01')).toEqual([]);
    expect(['2026-01', '2026-03', '2026-04', '2026-12'].map(quarterOf)).toEqual(['2026-Q1', '2026-Q1', '2026-Q2', '2026-Q4']);
  });

  it('tells the raise of a period, and the kind\'s own rule', () => {
    expect(book.raise('DEPARTMENT', '2026-12')?.reason).toBe('安全生产大检查');
    expect(book.raise('DEPARTMENT', '2026-11')).toBeNull();
    expect(book.rule('VILLAGE', 'MONTH', '2026-12')).toBeNull();
    expect(book.rule('COMMUNITY', 'QUARTER', '2026-Q4')).toBe(15);
  });
});

describe('what a raise must be', () => {
  // the last second of November 2026 in China Standard Time
  const now = new Date('2026-11-30T23:59:59+08:00');
  const ok = { period: '2026-11', minimum: 8, reason: '安全生产大检查' };
  const problem = (input: Partial<typeof ok>, standing: number | null = 5, at = now) => {
    const i = { ...ok, ...input };
    let period = null;
    try {
      period = p(i.period);
    } catch {
      // not a period at all
    }
    return quotaRaiseProblem(i, period, standing, at)?.field ?? null;
  };

  it('a month or a quarter still under way, to its last second', () => {
    expect(problem({})).toBeNull();
    expect(problem({}, 5, new Date('2026-12-01T00:00:00+08:00'))).toBe('period');
    expect(problem({ period: '2026-Q4', minimum: 20 }, 15)).toBeNull();
    expect(problem({ period: '2026-10' })).toBe('period');
    expect(problem({ period: '2026' })).toBe('period');
    expect(problem({ period: '2026-11-30' })).toBe('period');
    expect(problem({ period: '十二月' })).toBe('period');
  });

  it('a whole number above the kind\'s own minimum', () => {
    expect(problem({ minimum: 5 })).toBe('minimum');
    expect(problem({ minimum: 6 })).toBeNull();
    expect(problem({ minimum: 1 }, null)).toBeNull();
    expect(problem({ minimum: 0 }, null)).toBe('minimum');
    expect(problem({ minimum: 6.5 })).toBe('minimum');
    expect(problem({ minimum: 1000 })).toBe('minimum');
  });

  it('says which work asks for it, in 2 to 60 characters', () => {
    expect(problem({ reason: ' 汛 ' })).toBe('reason');
    expect(problem({ reason: '汛期' })).toBeNull();
    expect(problem({ reason: '汛'.repeat(61) })).toBe('reason');
  });
});

describe('the raises a notice states', () => {
  const label = (k: string) => ({ DEPARTMENT: '部门', VILLAGE: '行政村' })[k] ?? k;
  it('in the order given, each with its minimum and why; nothing when none applied', () => {
    expect(raisesInWords([raise('DEPARTMENT', '2026-12', 8), null, { ...raise('VILLAGE', '2026-12', 3), reason: '防汛' }], label)).toBe('阶段性定额：部门 8 条（安全生产大检查）；行政村 3 条（防汛）');
    expect(raisesInWords([null, null], label)).toBeNull();
    expect(raisesInWords([], label)).toBeNull();
    expect(raisesInWords([raise('DEPARTMENT', '2026-12', 8)], label, (key) => `«${key}»`)).toBe('阶段性定额：部门 «2026-12» 8 条（安全生产大检查）');
  });
});

describe('a rule changed from a month on', () => {
  // departments: 5 a month since the regulation; 6 from January 2027; none from July 2027
  const versions = [
    ...rules,
    { unitKind: 'DEPARTMENT', period: 'MONTH', minimum: 6, effectiveFrom: '2027-01' },
    { unitKind: 'DEPARTMENT', period: 'MONTH', minimum: 0, effectiveFrom: '2027-07' },
    { unitKind: 'VILLAGE', period: 'QUARTER', minimum: 18, effectiveFrom: '2027-04' },
  ] as const;
  const book = new QuotaBook(versions, [raise('DEPARTMENT', '2027-02', 9)]);

  it('each month counts by the version in force then: before, from, and after a later one', () => {
    expect(book.month('DEPARTMENT', '2026-12')).toBe(5);
    expect(book.month('DEPARTMENT', '2027-01')).toBe(6);
    expect(book.month('DEPARTMENT', '2027-06')).toBe(6);
    expect(book.month('DEPARTMENT', '2027-07')).toBeNull();
    expect(book.month('DEPARTMENT', '2027-02')).toBe(9); // a raise still asks for more
  });

  it('a quarter by the version in force at its first month; a year month by month', () => {
    expect(book.quarter('VILLAGE', '2027-Q1')).toBe(15);
    expect(book.quarter('VILLAGE', '2027-Q2')).toBe(18);
    expect(book.minimum('VILLAGE', p('2027'))).toBe(15 + 18 * 3);
    expect(book.minimum('DEPARTMENT', p('2027'))).toBe(6 + 9 + 6 * 4);
    expect(book.minimum('DEPARTMENT', p('2026'))).toBe(60);
  });

  it('tells a kind the changes to come after a month, the soonest first', () => {
    expect(book.upcoming('DEPARTMENT', '2026-11')).toEqual([
      { period: 'MONTH', minimum: 6, effectiveFrom: '2027-01' },
      { period: 'MONTH', minimum: 0, effectiveFrom: '2027-07' },
    ]);
    expect(book.upcoming('DEPARTMENT', '2027-01')).toEqual([{ period: 'MONTH', minimum: 0, effectiveFrom: '2027-07' }]);
    expect(book.upcoming('VILLAGE', '2027-03')).toEqual([{ period: 'QUARTER', minimum: 18, effectiveFrom: '2027-04' }]);
    expect(book.upcoming('VILLAGE', '2027-04')).toEqual([]);
  });

  it('firstMonthOf: a quarter\'s first month, a month itself', () => {
    expect(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2026-11'].map(firstMonthOf)).toEqual(['2026-01', '2026-04', '2026-07', '2026-10', '2026-11']);
  });
});

describe('what a new version of a rule must be', () => {
  const problem = (input: { period?: 'MONTH' | 'QUARTER'; minimum?: number; effectiveFrom: string }, current = '2026-11') => {
    let from = null;
    try {
      from = p(input.effectiveFrom);
    } catch {
      // not a period
    }
    return quotaRuleProblem({ period: 'MONTH', minimum: 6, ...input }, from, current)?.field ?? null;
  };
  it('from this month or a later one, never an earlier one', () => {
    expect(problem({ effectiveFrom: '2026-11' })).toBeNull();
    expect(problem({ effectiveFrom: '2027-01' })).toBeNull();
    expect(problem({ effectiveFrom: '2026-10' })).toBe('effectiveFrom');
    expect(problem({ effectiveFrom: '2027' })).toBe('effectiveFrom');
    expect(problem({ effectiveFrom: '明年' })).toBe('effectiveFrom');
  });
  it('a quarterly rule from a quarter\'s first month', () => {
    expect(problem({ period: 'QUARTER', effectiveFrom: '2027-01' })).toBeNull();
    expect(problem({ period: 'QUARTER', effectiveFrom: '2026-12' })).toBe('effectiveFrom');
    expect(problem({ period: 'QUARTER', effectiveFrom: '2026-10' })).toBe('effectiveFrom'); // under way already
    expect(problem({ period: 'QUARTER', effectiveFrom: '2027-01' }, '2027-01')).toBeNull();
  });
  it('a whole number from 0 (none) to 999', () => {
    expect(problem({ effectiveFrom: '2027-01', minimum: 0 })).toBeNull();
    expect(problem({ effectiveFrom: '2027-01', minimum: -1 })).toBe('minimum');
    expect(problem({ effectiveFrom: '2027-01', minimum: 2.5 })).toBe('minimum');
    expect(problem({ effectiveFrom: '2027-01', minimum: 1000 })).toBe('minimum');
  });
});

describe('each rule through time, for the screen', () => {
  const v = (unitKind: string, period: 'MONTH' | 'QUARTER', minimum: number, effectiveFrom: string) => ({ unitKind, period, minimum, effectiveFrom });
  const versions = quotaRuleVersions(
    [v('DEPARTMENT', 'MONTH', 5, '2011-03'), v('DEPARTMENT', 'MONTH', 4, '2020-01'), v('DEPARTMENT', 'MONTH', 7, '2027-03'), v('DEPARTMENT', 'MONTH', 6, '2027-01'), v('VILLAGE', 'QUARTER', 15, '2011-03')],
    '2026-11',
  );
  it('lists every kind and period, with none where there is no rule', () => {
    expect(versions.map((x) => `${x.unitKind}/${x.period}`)).toEqual(['DEPARTMENT/MONTH', 'DEPARTMENT/QUARTER', 'COMMUNITY/MONTH', 'COMMUNITY/QUARTER', 'VILLAGE/MONTH', 'VILLAGE/QUARTER']);
    expect(versions[1]).toEqual({ unitKind: 'DEPARTMENT', period: 'QUARTER', current: null, scheduled: [], past: [] });
  });
  it('in force now, then the soonest change first, then the history latest first', () => {
    const dept = versions[0]!;
    expect(dept.current?.minimum).toBe(4);
    expect(dept.scheduled.map((r) => r.effectiveFrom)).toEqual(['2027-01', '2027-03']);
    expect(dept.past.map((r) => r.effectiveFrom)).toEqual(['2011-03']);
    expect(versions[5]!.current?.minimum).toBe(15);
  });
  it('a version from this very month is the one in force', () => {
    expect(quotaRuleVersions([v('DEPARTMENT', 'MONTH', 5, '2011-03'), v('DEPARTMENT', 'MONTH', 6, '2026-11')], '2026-11')[0]!.current?.minimum).toBe(6);
  });
});
