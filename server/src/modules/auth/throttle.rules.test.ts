import { describe, expect, it } from 'vitest';
import { signInPenalty } from './throttle.rules.js';

const now = new Date('2026-11-25T08:00:00Z');
const ago = (n: number, stepMs = 10_000) => Array.from({ length: n }, (_, i) => new Date(now.getTime() - (i + 1) * stepMs));

describe('sign-in penalties', () => {
  it.each([
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 500], // slowed from the third failure
    [4, 1000],
    [5, 2000],
    [7, 8000], // capped
  ])('%d recent account failures → delay %d ms', (n, delay) => {
    expect(signInPenalty(ago(n), [], now)).toEqual({ lockedUntil: null, delayMs: delay });
  });

  it('locks the account for 15 minutes after 8 failures, counted from the last one', () => {
    const p = signInPenalty(ago(8), [], now);
    expect(p.lockedUntil?.toISOString()).toBe('2026-11-25T08:14:50.000Z');
  });

  it('forgets failures older than the 15-minute window', () => {
    expect(signInPenalty(ago(20, 60_000).slice(15), [], now)).toEqual({ lockedUntil: null, delayMs: 0 });
  });

  it('locks an address that tries many accounts', () => {
    expect(signInPenalty([], ago(30, 1000), now).lockedUntil).not.toBeNull();
    expect(signInPenalty([], ago(15, 1000), now).delayMs).toBeGreaterThan(0);
    expect(signInPenalty([], ago(14, 1000), now)).toEqual({ lockedUntil: null, delayMs: 0 });
  });
});
