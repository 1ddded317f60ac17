/**
 * Capped exponential backoff with "equal jitter": half the step is fixed, half is
 * random. The fixed half keeps a crowd of wall displays from hammering a restarting
 * server; the random half spreads them out so they do not all return at once.
 * `attempt` counts from 0 (the first retry).
 */
export function backoffDelay(
  attempt: number,
  { baseMs = 1000, capMs = 30_000, random = Math.random }: { baseMs?: number; capMs?: number; random?: () => number } = {},
): number {
  const step = Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)))
  return Math.round(step / 2 + random() * (step / 2))
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
