import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createWs } from '../../graphql/client'
import { openEventStream, type StreamEvent } from './event-stream'

// A stand-in for the browser WebSocket that plays the server side of the
// graphql-transport-ws protocol, so the test drives real graphql-ws client code.
interface Msg {
  type: string
  id?: string
  payload?: { variables?: { afterSeq?: number } } & Record<string, unknown>
}

class FakeSocket {
  static CONNECTING = 0
  static OPEN = 1
  static CLOSING = 2
  static CLOSED = 3
  static all: FakeSocket[] = []
  static answerPings = true

  readyState = FakeSocket.CONNECTING
  sent: Msg[] = []
  onopen: (() => void) | null = null
  onmessage: ((e: { data: string }) => void) | null = null
  onclose: ((e: { code: number; reason: string; wasClean: boolean }) => void) | null = null
  onerror: ((e: unknown) => void) | null = null

  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    FakeSocket.all.push(this)
    setTimeout(() => {
      this.readyState = FakeSocket.OPEN
      this.onopen?.()
    }, 0)
  }

  send(data: string) {
    const msg = JSON.parse(data) as Msg
    this.sent.push(msg)
    if (msg.type === 'connection_init') this.push({ type: 'connection_ack' })
    if (msg.type === 'ping' && FakeSocket.answerPings) this.push({ type: 'pong' })
  }

  push(msg: object) {
    this.onmessage?.({ data: JSON.stringify(msg) })
  }

  /** the server publishes an event to this socket's subscription */
  emit(seq: number) {
    const sub = this.subscribes().at(-1)
    const event: StreamEvent = {
      seq,
      kind: 'ITEM_SUBMITTED',
      entityId: `item-${seq}`,
      unitId: 'u1',
      at: '2026-11-25T08:00:00.000Z',
    }
    this.push({ type: 'next', id: sub?.id, payload: { data: { events: event } } })
  }

  subscribes() {
    return this.sent.filter((m) => m.type === 'subscribe')
  }

  close(code = 1000, reason = '') {
    if (this.readyState === FakeSocket.CLOSED) return
    this.readyState = FakeSocket.CLOSED
    this.onclose?.({ code, reason, wasClean: true })
  }

  /** the network goes away under the connection */
  drop(code = 1006) {
    this.readyState = FakeSocket.CLOSED
    this.onclose?.({ code, reason: '', wasClean: false })
  }
}

const latest = () => FakeSocket.all.at(-1)!
const afterSeqOf = (m: Msg | undefined) => m?.payload?.variables?.afterSeq

describe('openEventStream', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    FakeSocket.all = []
    FakeSocket.answerPings = true
  })
  afterEach(() => vi.useRealTimers())

  function setup(afterSeq: number) {
    const ws = createWs({ wsUrl: 'ws://wall.test/graphql', token: 'tok', webSocketImpl: FakeSocket })
    const seen: number[] = []
    const stream = openEventStream({ ws, afterSeq, onEvent: (e) => seen.push(e.seq), retryDelay: () => 1000 })
    return { ws, seen, stream }
  }

  it('subscribes after the snapshot seq and applies each event once', async () => {
    const { seen, stream } = setup(10)
    await vi.advanceTimersByTimeAsync(1)
    const socket = latest()
    expect(socket.sent[0]).toEqual({ type: 'connection_init', payload: { authorization: 'Bearer tok' } })
    expect(afterSeqOf(socket.subscribes()[0])).toBe(10)

    socket.emit(9) // older than the snapshot: already in it
    socket.emit(11)
    socket.emit(12)
    socket.emit(12)
    expect(seen).toEqual([11, 12])
    expect(stream.lastSeq()).toBe(12)
    stream.close()
  })

  it('resumes from the last seq seen after the connection drops', async () => {
    const { seen, stream } = setup(10)
    await vi.advanceTimersByTimeAsync(1)
    latest().emit(11)
    latest().emit(12)
    latest().drop()

    await vi.advanceTimersByTimeAsync(1100) // backoff of the first retry is at most 1 s
    expect(FakeSocket.all).toHaveLength(2)
    expect(afterSeqOf(latest().subscribes()[0])).toBe(12)

    latest().emit(12) // a replay racing the live publish
    latest().emit(13)
    expect(seen).toEqual([11, 12, 13])

    latest().drop()
    await vi.advanceTimersByTimeAsync(1100)
    expect(afterSeqOf(latest().subscribes()[0])).toBe(13)
    stream.close()
  })

  it('notices a silent server by its missing pong and reconnects', async () => {
    const { stream } = setup(5)
    await vi.advanceTimersByTimeAsync(1)
    latest().emit(6)
    FakeSocket.answerPings = false
    await vi.advanceTimersByTimeAsync(10_000 + 5_000 + 1_100) // ping, pong timeout, backoff
    expect(FakeSocket.all.length).toBeGreaterThanOrEqual(2)
    FakeSocket.answerPings = true
    await vi.advanceTimersByTimeAsync(1)
    expect(afterSeqOf(latest().subscribes().at(-1))).toBe(6)
    stream.close()
  })

  it('restarts from the last seq after a close graphql-ws treats as final', async () => {
    const errors: unknown[] = []
    const ws = createWs({ wsUrl: 'ws://wall.test/graphql', token: null, webSocketImpl: FakeSocket })
    const stream = openEventStream({ ws, afterSeq: 0, onEvent: () => {}, onError: (e) => errors.push(e), retryDelay: () => 2000 })
    await vi.advanceTimersByTimeAsync(1)
    latest().emit(1)
    latest().emit(2)
    latest().drop(4500) // internal server error: graphql-ws gives up on its own
    await vi.advanceTimersByTimeAsync(2100)
    expect(errors).toHaveLength(1)
    const resubscribe = FakeSocket.all.flatMap((s) => s.subscribes()).at(-1)
    expect(afterSeqOf(resubscribe)).toBe(2)
    expect(FakeSocket.all.flatMap((s) => s.subscribes())).toHaveLength(2)
    stream.close()
  })

  it('stops for good when closed', async () => {
    const { stream } = setup(0)
    await vi.advanceTimersByTimeAsync(1)
    const socket = latest()
    stream.close()
    expect(socket.sent.at(-1)?.type).toBe('complete')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(FakeSocket.all).toHaveLength(1)
  })
})
