// Estimating "server time minus local time" from `serverTime` round trips, the way
// NTP does it: the server read its clock somewhere between our send and our receive,
// best guessed as the midpoint, so the error is at most half the round trip. The
// sample with the shortest round trip is therefore the most trustworthy one.

export interface ClockSample {
  /** local Date.now() when the request left */
  sentAt: number
  /** local Date.now() when the answer arrived */
  receivedAt: number
  /** the server's clock, epoch ms */
  serverTime: number
}

export const sampleOffset = (s: ClockSample) => s.serverTime - (s.sentAt + s.receivedAt) / 2
export const sampleRtt = (s: ClockSample) => Math.max(0, s.receivedAt - s.sentAt)

/** The offset to trust among the kept samples: the one measured with the least delay. */
export function chooseOffset(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | undefined
  for (const s of samples) if (!best || sampleRtt(s) < sampleRtt(best)) best = s
  return best ? Math.round(sampleOffset(best)) : null
}

/**
 * Keep the newest `keep` samples. When the new sample disagrees with the current
 * estimate by more than its own uncertainty (plus a second of slack), the local clock
 * has been changed (or the server's was): the old samples describe a clock that no
 * longer exists, so start over from the new one.
 */
export function addSample(samples: readonly ClockSample[], sample: ClockSample, keep = 5): ClockSample[] {
  if (sample.receivedAt < sample.sentAt) return [sample] // local clock went backwards mid-request
  const current = chooseOffset(samples)
  if (current !== null && Math.abs(sampleOffset(sample) - current) > sampleRtt(sample) / 2 + 1000) return [sample]
  return [...samples, sample].slice(-keep)
}
