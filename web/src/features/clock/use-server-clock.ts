import { computed, onBeforeUnmount, onMounted, readonly, ref, shallowRef } from 'vue'
import { parseInstant } from '../../lib/cst'
import { addSample, chooseOffset, type ClockSample } from './server-offset'

export type ClockSync = 'syncing' | 'synced' | 'unsynced'

export interface ServerClockOptions {
  /** Reads the server's clock (the `serverTime` query); rejects when unreachable. */
  fetchServerTime: () => Promise<string>
  /** Re-measure this often; drift and PC clock changes are corrected at this pace. */
  resyncMs?: number
  /** Until the first success, retry this often instead. */
  retryMs?: number
}

/**
 * A clock that shows the server's time whatever the PC's clock and time zone say:
 * it keeps `server − local` and adds it to Date.now() on every tick. `now` ticks on
 * the server's second boundary so the displayed seconds change when the server's do.
 */
export function useServerClock({ fetchServerTime, resyncMs = 60_000, retryMs = 5_000 }: ServerClockOptions) {
  const samples = shallowRef<ClockSample[]>([])
  const offsetMs = computed(() => chooseOffset(samples.value))
  const sync = ref<ClockSync>('syncing')
  const now = ref(Date.now())

  /** Best estimate of the server's clock right now (local clock until the first sync). */
  const serverNow = () => Date.now() + (offsetMs.value ?? 0)

  let tickTimer: ReturnType<typeof setTimeout> | undefined
  let syncTimer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  // each (re)start of the sync loop bumps this; an older loop that wakes up stops
  let generation = 0

  function tick() {
    now.value = serverNow()
    // wake just after the next server-second boundary
    tickTimer = setTimeout(tick, 1000 - (now.value % 1000) + 5)
  }

  async function measure(): Promise<boolean> {
    const sentAt = Date.now()
    try {
      const serverTime = parseInstant(await fetchServerTime())
      const receivedAt = Date.now()
      if (serverTime === null) return false
      samples.value = addSample(samples.value, { sentAt, receivedAt, serverTime })
      sync.value = 'synced'
      return true
    } catch {
      if (samples.value.length === 0) sync.value = 'unsynced'
      return false
    }
  }

  async function loop() {
    const mine = ++generation
    const ok = await measure()
    if (stopped || mine !== generation) return
    clearTimeout(tickTimer)
    tick()
    syncTimer = setTimeout(loop, ok || samples.value.length > 0 ? resyncMs : retryMs)
  }

  /** Measure again now, e.g. after a reconnect (a sleeping PC may have drifted). */
  function resync() {
    clearTimeout(syncTimer)
    void loop()
  }

  /** Stop ticking and re-measuring (a hidden tab: nobody reads it). */
  function pause() {
    if (stopped) return
    stopped = true
    generation++ // a measurement in flight must not restart the loop
    clearTimeout(tickTimer)
    clearTimeout(syncTimer)
  }

  /** Tick again from the current second, and re-measure now. */
  function resume() {
    if (!stopped) return
    stopped = false
    tick()
    resync()
  }

  onMounted(() => {
    stopped = false
    tick()
    void loop()
  })
  onBeforeUnmount(() => {
    stopped = true
    clearTimeout(tickTimer)
    clearTimeout(syncTimer)
  })

  return { now: readonly(now), offsetMs, sync: readonly(sync), serverNow, resync, pause, resume }
}
