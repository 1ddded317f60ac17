import { describe, expect, it } from 'vitest'
import { describeLink, formatOutage, initialLinkState, nextLinkState, type LinkSignal } from './link-state'

const run = (signals: Array<[LinkSignal, number]>) =>
  signals.reduce((s, [signal, at]) => nextLinkState(s, signal, at), initialLinkState(0))

describe('link state', () => {
  it('starts as connecting and says so', () => {
    expect(describeLink(initialLinkState(0), 1000)).toEqual({ tone: 'warn', label: '连接中…' })
  })

  it('is live once connected', () => {
    expect(describeLink(run([['connecting', 0], ['live', 300]]), 5000)).toEqual({ tone: 'ok', label: '实时' })
  })

  it('shows 重连中 during a short drop, then counts the outage from its start', () => {
    const s = run([['live', 0], ['lost', 60_000], ['connecting', 61_000], ['lost', 62_000], ['connecting', 65_000]])
    expect(s.downSince).toBe(60_000)
    expect(describeLink(s, 65_000)).toEqual({ tone: 'warn', label: '重连中' })
    expect(describeLink(s, 95_000)).toEqual({ tone: 'bad', label: '已断开 35 秒' })
  })

  it('a server unreachable since page load turns red after the grace period', () => {
    const s = run([['lost', 2000]])
    expect(s.phase).toBe('connecting')
    expect(describeLink(s, 9000).tone).toBe('warn')
    expect(describeLink(s, 12_000)).toEqual({ tone: 'bad', label: '已断开 12 秒' })
  })

  it('recovering clears the outage', () => {
    const s = run([['live', 0], ['lost', 1000], ['live', 4000]])
    expect(s).toEqual({ phase: 'live', downSince: null, everLive: true })
  })
})

describe('formatOutage', () => {
  it.each([
    [0, '0 秒'],
    [59_999, '59 秒'],
    [60_000, '1 分 00 秒'],
    [125_000, '2 分 05 秒'],
    [3_600_000 + 5 * 60_000 + 9_000, '1 小时 5 分'],
  ])('%i ms → %s', (ms, label) => {
    expect(formatOutage(ms)).toBe(label)
  })
})
