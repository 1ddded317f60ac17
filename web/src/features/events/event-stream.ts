import { stringifyDocument } from '@urql/core'
import type { Client as WsClient, ExecutionResult } from 'graphql-ws'
import { EventsSubscription } from '../../graphql/documents'
import type { EventsSubscription as EventsResult } from '../../graphql/generated/graphql'
import { backoffDelay } from '../../lib/backoff'

export type StreamEvent = EventsResult['events']

export interface EventStreamOptions {
  ws: WsClient
  /** the `eventSeq` read before the snapshot: everything after it is still to apply */
  afterSeq: number
  /** called once per event, in seq order, never twice for the same seq */
  onEvent: (event: StreamEvent) => void
  /** the subscription failed and will be restarted after a backoff */
  onError?: (error: unknown) => void
  retryDelay?: (attempt: number) => number
}

export interface EventStream {
  /** the highest seq applied so far */
  lastSeq(): number
  close(): void
}

/** True when `event` is new relative to `lastSeq` (replays after a resume are dropped). */
export const isNewEvent = (lastSeq: number, event: Pick<StreamEvent, 'seq'>) => event.seq > lastSeq

const EVENTS_QUERY = stringifyDocument(EventsSubscription)

/**
 * Subscribes to `events(afterSeq)` and keeps the stream gap-free across reconnects.
 *
 * graphql-ws re-sends a subscription's payload by itself whenever it reconnects, but
 * it sends the payload object it was first given. Going through urql would freeze
 * `afterSeq` at the value of the first subscribe, so each reconnect would replay
 * everything since page load. Here `variables` is a getter: the payload is serialised
 * afresh for every (re)subscribe and always asks for what follows the last event
 * applied. Events at or below that seq (the server's replay racing a live publish)
 * are dropped.
 *
 * Errors that graphql-ws treats as final (a GraphQL error, close codes such as 4500
 * or 4401) end its subscription; this restarts it after a backoff, again from the
 * last seq.
 */
export function openEventStream({
  ws,
  afterSeq,
  onEvent,
  onError,
  retryDelay = (n) => backoffDelay(n),
}: EventStreamOptions): EventStream {
  let lastSeq = afterSeq
  let closed = false
  let failures = 0
  let dispose: (() => void) | undefined
  let restartTimer: ReturnType<typeof setTimeout> | undefined

  const payload = {
    operationName: 'Events',
    query: EVENTS_QUERY,
    get variables() {
      return { afterSeq: lastSeq }
    },
  }

  function restartLater(error?: unknown) {
    dispose = undefined
    if (closed) return
    if (error !== undefined) onError?.(error)
    restartTimer = setTimeout(subscribe, retryDelay(failures++))
  }

  function subscribe() {
    if (closed) return
    dispose = ws.subscribe<EventsResult>(payload, {
      next(result: ExecutionResult<EventsResult>) {
        const event = result.data?.events
        if (!event) {
          if (result.errors?.length) onError?.(result.errors)
          return
        }
        failures = 0
        if (!isNewEvent(lastSeq, event)) return
        lastSeq = event.seq
        onEvent(event)
      },
      error: (err) => restartLater(err ?? new Error('subscription error')),
      // the server never ends this stream on purpose; treat an end as a drop
      complete: () => restartLater(),
    })
  }

  subscribe()

  return {
    lastSeq: () => lastSeq,
    close() {
      closed = true
      clearTimeout(restartTimer)
      dispose?.()
    },
  }
}
