import { onBeforeUnmount, onMounted } from 'vue'
import { useApi } from '../../graphql/client'
import { EventSeqQuery, ServerTimeQuery } from '../../graphql/documents'
import { fetchFresh } from '../../graphql/query'
import { useServerClock } from '../clock/use-server-clock'
import type { StreamEvent } from './event-stream'
import { useEventStream } from './use-event-stream'

/**
 * What every live screen does: the server clock, a snapshot, then the event stream
 * (see use-event-stream.ts for the order). `load` reads the screen's data;
 * `onEvent` applies one change. On reconnect the snapshot is read again. While the
 * tab is hidden nothing is polled; coming back re-reads the snapshot once.
 */
export function useLiveScreen({ load, onEvent }: { load: () => Promise<unknown>; onEvent: (e: StreamEvent) => void }) {
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
  let hiddenAt: number | null = null
  const onVisibility = () => {
    if (document.hidden) hiddenAt = Date.now()
    else if (hiddenAt !== null && Date.now() - hiddenAt > 30_000) {
      hiddenAt = null
      void load().catch(() => undefined)
      clock.resync()
    }
  }
  onMounted(() => document.addEventListener('visibilitychange', onVisibility))
  onBeforeUnmount(() => document.removeEventListener('visibilitychange', onVisibility))
  return { clock, live, urql }
}
