import type { Client as WsClient } from 'graphql-ws'
import { beforeEach, describe, expect, it } from 'vitest'
import { initialLinkState, nextLinkState } from './link-state'
import { liveNotice, liveStreams, NOTICE_GRACE_MS, socketLink, streamStarted } from './live-status'

const live = nextLinkState(initialLinkState(0), 'live', 0)
const downAt = (at: number) => nextLinkState(live, 'lost', at)

describe('the notice above a live screen', () => {
  it('says nothing while live, or when nothing on the page is meant to be live', () => {
    expect(liveNotice({ link: live, streams: 2, failing: 0, now: 99_000 })).toBeNull()
    expect(liveNotice({ link: downAt(0), streams: 0, failing: 0, now: 99_000 })).toBeNull()
  })

  it('says nothing for a drop shorter than the grace, then 重连中, then counts the outage', () => {
    expect(liveNotice({ link: downAt(10_000), streams: 1, failing: 0, now: 10_000 + NOTICE_GRACE_MS - 1 })).toBeNull()
    expect(liveNotice({ link: downAt(10_000), streams: 1, failing: 0, now: 10_000 + NOTICE_GRACE_MS })).toEqual({
      tone: 'warn',
      kind: 'LINK_DOWN',
      text: '实时连接中断（重连中），页面内容可能不是最新，恢复后自动更新',
    })
    expect(liveNotice({ link: downAt(10_000), streams: 1, failing: 0, now: 45_000 })).toEqual({
      tone: 'bad',
      kind: 'LINK_DOWN',
      text: '实时连接中断（已断开 35 秒），页面内容可能不是最新，恢复后自动更新',
    })
  })

  it('says at once when a screen cannot read its data, even with the socket up', () => {
    expect(liveNotice({ link: live, streams: 2, failing: 1, now: 0 })).toEqual({ tone: 'bad', kind: 'LOAD_FAILED', text: '无法从服务器获取数据，正在重试…' })
  })
})

/** a socket whose events the test fires */
function fakeWs() {
  const listeners = new Map<string, Array<() => void>>()
  const ws = {
    on(event: string, fn: () => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), fn])
      return () => undefined
    },
  } as unknown as WsClient
  return { ws, fire: (event: 'connecting' | 'connected' | 'closed') => listeners.get(event)?.forEach((fn) => fn()) }
}

describe('the page’s socket and its live screens', () => {
  beforeEach(() => {
    liveStreams.active.value = 0
    liveStreams.failing.value = 0
  })

  it('follows the socket once per page, whoever asks', () => {
    const { ws, fire } = fakeWs()
    const link = socketLink(ws, () => 0)
    expect(socketLink(ws, () => 0)).toBe(link)
    fire('connected')
    expect(link.value.phase).toBe('live')
    fire('closed')
    expect(link.value.phase).toBe('reconnecting')
  })

  it('does not count the lazy socket closed while no screen wanted it as an outage', () => {
    const { ws, fire } = fakeWs()
    let clock = 0
    const link = socketLink(ws, () => clock)
    fire('connected')
    const first = streamStarted(ws, () => clock)
    first.stop()
    clock = 1_000
    fire('closed') // nobody subscribes: the socket closes, as it should
    clock = 600_000
    const next = streamStarted(ws, () => clock)
    expect(link.value.downSince).toBe(600_000)
    expect(liveNotice({ link: link.value, streams: liveStreams.active.value, failing: 0, now: 600_500 })).toBeNull()
    next.stop()
  })

  it('counts screens and their failed reads, each once, and forgets a screen that is gone', () => {
    const { ws } = fakeWs()
    const a = streamStarted(ws, () => 0)
    const b = streamStarted(ws, () => 0)
    expect(liveStreams.active.value).toBe(2)
    a.failed(true)
    a.failed(true)
    b.failed(true)
    expect(liveStreams.failing.value).toBe(2)
    b.failed(false)
    expect(liveStreams.failing.value).toBe(1)
    a.stop()
    a.stop()
    a.failed(true)
    expect(liveStreams).toMatchObject({ active: { value: 1 }, failing: { value: 0 } })
    b.stop()
    expect(liveStreams.active.value).toBe(0)
  })
})
