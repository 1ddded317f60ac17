import { describe, expect, it } from 'vitest'
import { backoffDelay } from './backoff'

describe('backoffDelay', () => {
  it.each([
    // attempt, random, expected ms (base 1 s, cap 30 s)
    [0, 0, 500],
    [0, 1, 1000],
    [1, 0, 1000],
    [3, 0.5, 6000],
    [4, 1, 16_000],
    [5, 0, 15_000], // 32 s is capped to 30 s, so half of 30 s is the floor
    [5, 1, 30_000],
    [1000, 1, 30_000], // never overflows, never exceeds the cap
  ])('attempt %i with random %d waits %i ms', (attempt, r, expected) => {
    expect(backoffDelay(attempt, { random: () => r })).toBe(expected)
  })
})
