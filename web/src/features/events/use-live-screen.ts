import { onBeforeUnmount, onMounted } from 'vue'
import { useApi } from '../../graphql/client'
import { EventSeqQuery, ServerTimeQuery } from '../../graphql/documents'
import { fetchFresh } from '../../graphql/query'
import { onCstDayTurn } from '../clock/day-turn'
import { useServerClock } from '../clock/use-server-clock'
import type { StreamEvent } from './event-stream'
import { useEventStream } from './use-event-stream'

/**
 * What every live screen does: the server clock, a snapshot, then the event stream
 * (see use-event-stream.ts for the order). `load` reads the screen's data;
 * `onEvent` applies one change. On reconnect the snapshot is read again, and at
 * midnight in China (today's and this month's figures are new periods). While the
 * tab is hidden nothing runs on a timer (the clock neither ticks nor re-measures;
 * live events still arrive and are applied); coming back after more than
 * `staleAfterMs` re-reads the snapshot once and re-measures the clock.
 */
export function useLiveScreen({
  load,
  onEvent,
  staleAfterMs = 30_000,
}: {
  load: () => Promise<unknown>
  onEvent: (e: StreamEvent) => void
  staleAfterMs?: number
}) {
  const { urql, ws } = useApi()
  const clock = useServerClock({ fetchServerTime: async () => (await fetchFresh(urql, ServerTimeQuery, {})).serverTime })
  const live = useEventStream({
    ws,
    async loadSnapshot() {
      const { eventSeq } = await fetchFresh(urql, EventSeqQuery, {})
      await load()
      return eventSeq
    },
    onEvent,
    onReconnected: () => {
      void load().catch(() => undefined)
      clock.resync()
    },
  })
  onCstDayTurn(clock.now, () => void load().catch(() => undefined))
  let hiddenAt: number | null = null
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') {
      hiddenAt ??= Date.now()
      clock.pause()
      return
    }
    const away = hiddenAt === null ? 0 : Date.now() - hiddenAt
    hiddenAt = null
    clock.resume() // ticks again and re-measures
    if (away > staleAfterMs) void load().catch(() => undefined)
  }
  onMounted(() => {
    document.addEventListener('visibilitychange', onVisibility)
    // opened in a background tab: start paused
    if (document.visibilityState === 'hidden') onVisibility()
  })
  onBeforeUnmount(() => document.removeEventListener('visibilitychange', onVisibility))
  return { clock, live, urql }
}
