import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../period/period.rules.js';
import { QuotaBook, quotaRaiseProblem, raisesInWords } from './quota.rules.js';

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

  it('tells the raise of a period, and the kind\'s own rule', () => {
    expect(book.raise('DEPARTMENT', '2026-12')?.reason).toBe('安全生产大检查');
    expect(book.raise('DEPARTMENT', '2026-11')).toBeNull();
    expect(book.rule('VILLAGE', 'MONTH')).toBeNull();
    expect(book.rule('COMMUNITY', 'QUARTER')).toBe(15);
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
  });
});
