import type { Client as WsClient } from 'graphql-ws'
import { onBeforeUnmount, onMounted, readonly, ref } from 'vue'
import { backoffDelay, sleep } from '../../lib/backoff'
import { openEventStream, type EventStream, type StreamEvent } from './event-stream'
import { isSignedOutError, socketLink, streamStarted, type StreamRegistration } from './live-status'

export interface EventStreamSetup {
  ws: WsClient
  /**
   * Loads the screen's snapshot and returns the seq to subscribe after. It must read
   * `eventSeq` BEFORE the data: an event committed in between is then both in the
   * snapshot and replayed, which merging by id absorbs; the other order would lose it.
   */
  loadSnapshot: () => Promise<number>
  onEvent: (event: StreamEvent) => void
  /** the socket came back after a drop; the stream resumes by itself, this is for extra healing */
  onReconnected?: () => void
  /** monotonic clock for outage durations (unaffected by clock sync or PC clock changes) */
  now?: () => number
}

/** Snapshot first, then the live stream; retried until the server answers. */
export function useEventStream({ ws, loadSnapshot, onEvent, onReconnected, now = () => performance.now() }: EventStreamSetup) {
  // the page's one socket, whose state every screen shares (see live-status.ts)
  const link = socketLink(ws, now)
  const lastSeq = ref<number | null>(null)
  const lastEventAt = ref<string | null>(null)
  /** the last snapshot attempt failed (the server is unreachable); cleared on success */
  const snapshotFailed = ref(false)

  let stream: EventStream | undefined
  let stopped = false
  let registration: StreamRegistration | undefined
  // a connection after this screen has seen the link live is a reconnection: read the
  // snapshot again (a screen opened while the socket was already up has seen it live)
  let seenLive = link.value.phase === 'live'
  const unlisten = [
    ws.on('connected', () => {
      if (seenLive) onReconnected?.()
      seenLive = true
    }),
  ]

  async function start() {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        const seq = await loadSnapshot()
        snapshotFailed.value = false
        registration?.read('OK')
        if (stopped) return
        lastSeq.value = seq
        stream = openEventStream({
          ws,
          afterSeq: seq,
          onEvent(event) {
            lastSeq.value = event.seq
            lastEventAt.value = event.at
            onEvent(event)
          },
          onError: (err) => {
            console.warn('[events] subscription failed, restarting', err)
            // the session ended while the screen was open: it is no longer live, and retrying will not make it so
            if (isSignedOutError(err)) registration?.read('SIGNED_OUT')
          },
        })
        return
      } catch (err) {
        console.warn('[events] snapshot failed, retrying', err)
        snapshotFailed.value = true
        registration?.read(isSignedOutError(err) ? 'SIGNED_OUT' : 'FAILED')
        await sleep(backoffDelay(attempt, { capMs: 15_000 }))
      }
    }
  }

  onMounted(() => {
    registration = streamStarted(ws, now)
    void start()
  })
  onBeforeUnmount(() => {
    stopped = true
    registration?.stop()
    stream?.close()
    for (const off of unlisten) off()
  })

  return {
    link: readonly(link),
    lastSeq: readonly(lastSeq),
    lastEventAt: readonly(lastEventAt),
    snapshotFailed: readonly(snapshotFailed),
  }
}
