import type { Client } from '@urql/core'
import { onScopeDispose, ref, shallowRef } from 'vue'
import { UnitSummaryQuery } from '../../graphql/documents'
import type { UnitSummaryQuery as UnitSummaryResult } from '../../graphql/generated/graphql'
import { fetchFresh } from '../../graphql/query'
import { coalesce } from '../../lib/coalesce'

export type PeriodSummary = UnitSummaryResult['unitSummary']
export type UnitSummaryRow = PeriodSummary['rows'][number]
export type LoadState = 'loading' | 'ready' | 'error'

/**
 * This period's per-unit figures (the current CST month unless `period` is given).
 * Events only say "something changed", so a burst of them becomes one refetch
 * (`delayMs`) and the chart is updated in place with the new numbers.
 */
export function useUnitSummary(client: Client, { period = null as string | null, delayMs = 300 } = {}) {
  const summary = shallowRef<PeriodSummary | null>(null)
  const state = ref<LoadState>('loading')
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  /** Reads the figures now; rejects on failure. */
  async function load() {
    try {
      const data = await fetchFresh(client, UnitSummaryQuery, { period })
      summary.value = data.unitSummary
      state.value = 'ready'
    } catch (err) {
      if (!summary.value) state.value = 'error'
      throw err
    }
  }

  const refetch = coalesce(load, delayMs, () => {
    clearTimeout(retryTimer)
    retryTimer = setTimeout(() => refetch.request(), 5_000)
  })

  onScopeDispose(() => {
    refetch.cancel()
    clearTimeout(retryTimer)
  })

  return {
    summary,
    state,
    load,
    /** an event may have changed the figures: refetch soon, once per burst */
    invalidate: () => refetch.request(),
    /** refetch now (reconnect, new month) */
    refresh: () => refetch.flush(),
  }
}
