import type { Client as WsClient } from 'graphql-ws'
import { beforeEach, describe, expect, it } from 'vitest'
import { initialLinkState, nextLinkState } from './link-state'
import { isSignedOutError, liveNotice, liveStreams, NOTICE_GRACE_MS, socketLink, streamStarted } from './live-status'

const live = nextLinkState(initialLinkState(0), 'live', 0)
const downAt = (at: number) => nextLinkState(live, 'lost', at)

describe('the notice above a live screen', () => {
  it('says nothing while live, or when nothing on the page is meant to be live', () => {
    expect(liveNotice({ link: live, streams: 2, failing: 0, signedOut: 0, now: 99_000 })).toBeNull()
    expect(liveNotice({ link: downAt(0), streams: 0, failing: 0, signedOut: 0, now: 99_000 })).toBeNull()
  })

  it('says nothing for a drop shorter than the grace, then 重连中, then counts the outage', () => {
    expect(liveNotice({ link: downAt(10_000), streams: 1, failing: 0, signedOut: 0, now: 10_000 + NOTICE_GRACE_MS - 1 })).toBeNull()
    expect(liveNotice({ link: downAt(10_000), streams: 1, failing: 0, signedOut: 0, now: 10_000 + NOTICE_GRACE_MS })).toEqual({
      tone: 'warn',
      kind: 'LINK_DOWN',
      text: '实时连接中断（重连中），页面内容可能不是最新，恢复后自动更新',
    })
    expect(liveNotice({ link: downAt(10_000), streams: 1, failing: 0, signedOut: 0, now: 45_000 })).toEqual({
      tone: 'bad',
      kind: 'LINK_DOWN',
      text: '实时连接中断（已断开 35 秒），页面内容可能不是最新，恢复后自动更新',
    })
  })

  it('says at once when a screen cannot read its data, even with the socket up', () => {
    expect(liveNotice({ link: live, streams: 2, failing: 1, signedOut: 0, now: 0 })).toEqual({ tone: 'bad', kind: 'LOAD_FAILED', text: '无法从服务器获取数据，正在重试…' })
  })

  it('asks to sign in again when the server refused for want of a session, before anything else', () => {
    const notice = liveNotice({ link: downAt(0), streams: 2, failing: 2, signedOut: 1, now: 60_000 })
    expect(notice?.kind).toBe('SIGNED_OUT')
    expect(notice?.text).toContain('请重新登录')
  })

  it('tells a refusal for want of a session from other failures', () => {
    expect(isSignedOutError({ graphQLErrors: [{ message: '请先登录', extensions: { code: 'auth/unauthenticated' } }] })).toBe(true)
    expect(isSignedOutError({ graphQLErrors: [{ message: '无权访问', extensions: { code: 'auth/forbidden' } }] })).toBe(false)
    expect(isSignedOutError(new TypeError('Failed to fetch'))).toBe(false)
    expect(isSignedOutError(null)).toBe(false)
    // as a subscription ends
    expect(isSignedOutError([{ message: '请先登录', extensions: { code: 'auth/unauthenticated' } }])).toBe(true)
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
    liveStreams.signedOut.value = 0
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
    expect(liveNotice({ link: link.value, streams: liveStreams.active.value, failing: 0, signedOut: 0, now: 600_500 })).toBeNull()
    next.stop()
  })

  it('counts screens and their failed reads, each once, and forgets a screen that is gone', () => {
    const { ws } = fakeWs()
    const a = streamStarted(ws, () => 0)
    const b = streamStarted(ws, () => 0)
    expect(liveStreams.active.value).toBe(2)
    a.read('FAILED')
    a.read('FAILED')
    b.read('SIGNED_OUT')
    expect([liveStreams.failing.value, liveStreams.signedOut.value]).toEqual([2, 1])
    b.read('FAILED')
    expect([liveStreams.failing.value, liveStreams.signedOut.value]).toEqual([2, 0])
    b.read('OK')
    expect(liveStreams.failing.value).toBe(1)
    a.read('SIGNED_OUT')
    a.stop()
    a.stop()
    a.read('FAILED')
    expect([liveStreams.active.value, liveStreams.failing.value, liveStreams.signedOut.value]).toEqual([1, 0, 0])
    b.stop()
    expect(liveStreams.active.value).toBe(0)
  })
})
