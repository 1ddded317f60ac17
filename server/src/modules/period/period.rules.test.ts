import { describe, expect, it } from 'vitest';
import { cstInstant, cstParts, daysLeft, elapsedFraction, isUnderWay, lastMonths, monthKey, parsePeriod, periodContaining, quarterKey } from './period.rules.js';

// These run under TZ=Asia/Shanghai, UTC and America/New_York (see the root test
// command); the answers must not change.
const at = (iso: string) => new Date(iso);

describe('which month and quarter an instant belongs to, in China Standard Time', () => {
  it.each([
    ['2026-03-31T15:59:59.999Z', '2026-03', '2026-Q1'], // 23:59:59.999 on 31 March in China
    ['2026-03-31T16:00:00.000Z', '2026-04', '2026-Q2'], // midnight 1 April in China, still 31 March in UTC
    ['2026-03-31T23:00:00.000Z', '2026-04', '2026-Q2'], // 07:00 on 1 April in China (DOMAIN.md's example)
    ['2026-06-30T15:59:59.000Z', '2026-06', '2026-Q2'],
    ['2026-06-30T16:00:00.000Z', '2026-07', '2026-Q3'],
    ['2026-12-31T15:59:59.999Z', '2026-12', '2026-Q4'],
    ['2026-12-31T16:00:00.000Z', '2027-01', '2027-Q1'], // new year in China
    ['2028-02-28T16:00:00.000Z', '2028-02', '2028-Q1'], // 29 Feb in a leap year
    ['2026-11-01T02:30:00.000Z', '2026-11', '2026-Q4'], // US DST ends this day; irrelevant in China
    ['2026-03-08T07:00:00.000Z', '2026-03', '2026-Q1'], // US DST starts this day
  ])('%s → %s, %s', (iso, month, quarter) => {
    expect(monthKey(at(iso))).toBe(month);
    expect(quarterKey(at(iso))).toBe(quarter);
  });

  it('reads calendar fields on a clock in China', () => {
    expect(cstParts(at('2026-04-30T16:00:00Z'))).toEqual({ year: 2026, month: 5, day: 1, hour: 0, minute: 0, second: 0 });
  });
});

describe('period bounds are [start, end) in China Standard Time', () => {
  it.each([
    ['2026-04', 'MONTH', '2026-03-31T16:00:00.000Z', '2026-04-30T16:00:00.000Z', '2026年4月'],
    ['2026-02', 'MONTH', '2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z', '2026年2月'],
    ['2028-02', 'MONTH', '2028-01-31T16:00:00.000Z', '2028-02-29T16:00:00.000Z', '2028年2月'],
    ['2026-12', 'MONTH', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2026年12月'],
    ['2026-Q1', 'QUARTER', '2025-12-31T16:00:00.000Z', '2026-03-31T16:00:00.000Z', '2026年第一季度'],
    ['2026-q4', 'QUARTER', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2026年第四季度'],
    ['2026', 'YEAR', '2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2026年'],
    ['2026-11-25', 'DAY', '2026-11-24T16:00:00.000Z', '2026-11-25T16:00:00.000Z', '2026年11月25日'],
    ['2026-11-01..2026-11-15', 'RANGE', '2026-10-31T16:00:00.000Z', '2026-11-15T16:00:00.000Z', '2026年11月1日至2026年11月15日'],
  ])('%s', (key, kind, start, end, label) => {
    const p = parsePeriod(key);
    expect(p).toMatchObject({ kind, label });
    expect(p.start.toISOString()).toBe(start);
    expect(p.end.toISOString()).toBe(end);
  });

  it.each(['2026-13', '2026-00', '2026-02-30', '2026-Q5', '26-11', '2026/11', '', '1999', '2026-11-15..2026-11-01', 'now'])(
    'refuses %j with a Chinese message',
    (key) => {
      expect(() => parsePeriod(key)).toThrow(/[\u4e00-\u9fff]/);
    },
  );

  it('an instant at the exact end belongs to the next period, not this one', () => {
    const april = parsePeriod('2026-04');
    expect(monthKey(april.end)).toBe('2026-05');
    expect(monthKey(new Date(april.end.getTime() - 1))).toBe('2026-04');
  });
});

describe('progress through a period', () => {
  const nov = parsePeriod('2026-11');
  it.each([
    ['2026-10-31T15:59:59Z', 0, 30],
    ['2026-10-31T16:00:00Z', 0, 30], // first second of November in China
    ['2026-11-15T16:00:00Z', 0.5, 15], // 16 November 00:00 in China: 15 of 30 days gone
    ['2026-11-30T15:59:59Z', 1 - 1 / (30 * 86400), 1],
    ['2026-11-30T16:00:00Z', 1, 0],
  ])('at %s: elapsed %d, days left %d', (iso, elapsed, left) => {
    expect(elapsedFraction(nov, at(iso))).toBeCloseTo(elapsed, 9);
    expect(daysLeft(nov, at(iso))).toBe(left);
  });

  it.each([
    ['2026-10-31T15:59:59.999Z', false], // 23:59:59.999 on 31 October in China
    ['2026-10-31T16:00:00.000Z', true], // midnight 1 November in China
    ['2026-11-30T15:59:59.999Z', true], // the last millisecond of November in China
    ['2026-11-30T16:00:00.000Z', false], // midnight 1 December in China: over
  ])('at %s November is under way: %s', (iso, under) => expect(isUnderWay(nov, at(iso))).toBe(under));

  it('periodContaining and lastMonths cross year ends in China time', () => {
    const newYearsEveUtc = at('2026-12-31T17:00:00Z'); // 01:00 on 1 January 2027 in China
    expect(periodContaining('MONTH', newYearsEveUtc).key).toBe('2027-01');
    expect(periodContaining('YEAR', newYearsEveUtc).key).toBe('2027');
    expect(periodContaining('DAY', newYearsEveUtc).key).toBe('2027-01-01');
    expect(lastMonths(newYearsEveUtc, 3).map((p) => p.key)).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(lastMonths(at('2026-03-15T00:00:00Z'), 12).map((p) => p.key)[0]).toBe('2025-04');
  });

  it('cstInstant is the inverse of cstParts', () => {
    expect(cstInstant(2026, 4, 1, 7).toISOString()).toBe('2026-03-31T23:00:00.000Z');
  });
});
