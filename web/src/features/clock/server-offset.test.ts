import { describe, expect, it } from 'vitest'
import { addSample, chooseOffset, sampleOffset, type ClockSample } from './server-offset'

// A PC whose clock runs 90 s behind a server: the server answers 90 s "later".
const s = (sentAt: number, rtt: number, serverLead = 90_000): ClockSample => ({
  sentAt,
  receivedAt: sentAt + rtt,
  serverTime: sentAt + rtt / 2 + serverLead,
})

describe('server clock offset', () => {
  it('takes the midpoint of the round trip', () => {
    expect(sampleOffset({ sentAt: 1000, receivedAt: 1200, serverTime: 5100 })).toBe(4000)
  })

  it('is null without samples', () => {
    expect(chooseOffset([])).toBeNull()
  })

  it('trusts the sample with the shortest round trip', () => {
    const slowAndSkewed: ClockSample = { sentAt: 0, receivedAt: 2000, serverTime: 90_000 + 1900 }
    const quick = s(10_000, 40)
    expect(chooseOffset([slowAndSkewed, quick])).toBe(90_000)
  })

  it('keeps at most `keep` samples, newest last', () => {
    let samples: ClockSample[] = []
    for (let i = 0; i < 8; i++) samples = addSample(samples, s(i * 60_000, 50 + i), 5)
    expect(samples).toHaveLength(5)
    expect(samples[4]?.sentAt).toBe(7 * 60_000)
  })

  it('starts over when the local clock is changed (the offset jumps)', () => {
    let samples = [s(0, 30), s(60_000, 20)]
    // someone sets the PC clock one hour ahead: the server now appears 1 h - 90 s behind
    samples = addSample(samples, s(120_000 + 3_600_000, 200, 90_000 - 3_600_000))
    expect(samples).toHaveLength(1)
    expect(chooseOffset(samples)).toBe(90_000 - 3_600_000)
  })

  it('keeps history through normal jitter', () => {
    const samples = addSample([s(0, 30)], { sentAt: 60_000, receivedAt: 60_400, serverTime: 60_000 + 90_000 + 350 })
    expect(samples).toHaveLength(2)
    expect(chooseOffset(samples)).toBe(90_000)
  })
})
