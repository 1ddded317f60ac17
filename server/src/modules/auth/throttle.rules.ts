/**
 * Slowing down and locking out password guessing, per account and per address.
 * Pure: given the recent failures, what happens to the next attempt.
 */
export const WINDOW_MS = 15 * 60_000;
export const SLOW_AFTER = 3;
export const LOCK_ACCOUNT_AFTER = 8;
export const LOCK_ADDRESS_AFTER = 30;
export const LOCK_MS = 15 * 60_000;

export interface Penalty {
  /** Refuse outright until this instant. */
  lockedUntil: Date | null;
  /** Otherwise wait this long before answering. */
  delayMs: number;
}

export function signInPenalty(accountFailures: Date[], addressFailures: Date[], now: Date): Penalty {
  const recent = (xs: Date[]) => xs.filter((d) => now.getTime() - d.getTime() < WINDOW_MS).sort((a, b) => a.getTime() - b.getTime());
  const acc = recent(accountFailures);
  const addr = recent(addressFailures);
  const lockFrom = (xs: Date[], n: number) => (xs.length >= n ? new Date(xs[xs.length - 1]!.getTime() + LOCK_MS) : null);
  const lockedUntil = [lockFrom(acc, LOCK_ACCOUNT_AFTER), lockFrom(addr, LOCK_ADDRESS_AFTER)]
    .filter((d): d is Date => d !== null && d > now)
    .sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  const over = Math.max(0, acc.length - SLOW_AFTER + 1, addr.length - LOCK_ADDRESS_AFTER / 2 + 1);
  return { lockedUntil, delayMs: over > 0 ? Math.min(8000, 500 * 2 ** (over - 1)) : 0 };
}
