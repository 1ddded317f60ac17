import { describe, expect, it } from 'vitest';
import { adoptionRate, firstRecordedMonth, quotaStatus } from './stats.rules.js';

describe('adoption rate', () => {
  it.each([
    [0, 0, 0], // nothing submitted: 0, never NaN
    [5, 0, 0],
    [4, 1, 0.25],
    [3, 3, 1],
  ])('%d submitted, %d adopted → %d', (s, a, rate) => expect(adoptionRate(s, a)).toBe(rate));
});

describe('quota status', () => {
  it.each([
    [5, 5, 0.1, 'MET'],
    [7, 5, 1, 'MET'],
    [0, 5, 0.1, 'ON_PACE'], // floor(0.5) = 0: early in the month nobody is behind
    [1, 5, 0.5, 'BEHIND'], // floor(2.5) = 2, and 1 < 2
    [2, 5, 0.5, 'ON_PACE'],
    [1, 5, 0.6, 'BEHIND'], // floor(3) = 3
    [4, 5, 1, 'BEHIND'], // the month is over and one is missing
    [0, null, 0.5, 'NO_QUOTA'],
    [3, 0, 0.5, 'NO_QUOTA'],
  ] as const)('%d submitted of %s at %d elapsed → %s', (s, min, elapsed, status) => {
    expect(quotaStatus(s, min, elapsed)).toBe(status);
  });
});

describe('the first month with figures of its own', () => {
  it.each([
    ['2026-06', '2026-11', '2026-06'], // in use since June
    ['2025-12', '2026-01', '2025-12'], // across New Year
    ['2026-11', '2026-11', '2026-11'], // the first item this month
    [null, '2026-11', '2026-11'], // nothing yet: this month is in use, with nothing reported
    ['2026-12', '2026-11', '2026-11'], // an item dated ahead of the clock never hides this month
  ] as const)('first item %s, now %s → %s', (first, now, from) => {
    expect(firstRecordedMonth(first, now)).toBe(from);
  });
});
