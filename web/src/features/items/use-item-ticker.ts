import { CombinedError, type Client } from '@urql/core'
import { onScopeDispose, ref, shallowRef } from 'vue'
import { ItemByIdQuery, LatestItemsQuery } from '../../graphql/documents'
import type { TickerItemFieldsFragment } from '../../graphql/generated/graphql'
import { fetchFresh } from '../../graphql/query'
import { coalesce } from '../../lib/coalesce'
import { mergeTickerItems } from './ticker-merge'

export type TickerItem = TickerItemFieldsFragment
export type LoadState = 'loading' | 'ready' | 'error'

export interface ItemTickerOptions {
  limit?: number
  /** beyond this many changed items in one batch, reloading the list is cheaper */
  burstThreshold?: number
}

/**
 * The latest items, newest first: a snapshot from `items(first)`, then kept current
 * by fetching each item an event names and merging it by id. Fetches are batched
 * and never overlap, so a slow answer cannot overwrite a newer one.
 */
export function useItemTicker(client: Client, { limit = 20, burstThreshold = 8 }: ItemTickerOptions = {}) {
  const items = shallowRef<TickerItem[]>([])
  const state = ref<LoadState>('loading')

  const changed = new Set<string>()
  let reloadAll = false
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  /** Replaces the list with the server's newest `limit`; rejects on failure. */
  async function load() {
    try {
      const data = await fetchFresh(client, LatestItemsQuery, { first: limit })
      items.value = mergeTickerItems([], data.items, [], limit)
      state.value = 'ready'
    } catch (err) {
      if (state.value !== 'ready') state.value = 'error'
      throw err
    }
  }

  /**
   * The item, or null when it cannot be read: gone, or refused to this viewer (a
   * GraphQL error). Only a transport failure rejects, so one unreadable item cannot
   * hold up the rest of the ticker by being retried forever.
   */
  async function fetchItem(id: string): Promise<TickerItem | null> {
    try {
      return (await fetchFresh(client, ItemByIdQuery, { id })).item
    } catch (err) {
      if (err instanceof CombinedError && !err.networkError) {
        console.warn(`[ticker] item ${id} not readable`, err.message)
        return null
      }
      throw err
    }
  }

  async function applyChanges() {
    const ids = [...changed]
    const reload = reloadAll || ids.length > burstThreshold
    changed.clear()
    reloadAll = false
    try {
      if (reload) return await load()
      if (ids.length === 0) return
      const answers = await Promise.all(ids.map(fetchItem))
      const updates = answers.flatMap((item) => (item ? [item] : []))
      const gone = ids.filter((_, i) => !answers[i])
      items.value = mergeTickerItems(items.value, updates, gone, limit)
    } catch (err) {
      // The events are already consumed, so keep their ids until a fetch succeeds.
      for (const id of ids) changed.add(id)
      reloadAll ||= reload
      throw err
    }
  }

  const batch = coalesce(applyChanges, 150, () => {
    clearTimeout(retryTimer)
    retryTimer = setTimeout(() => batch.request(), 5_000)
  })

  /** An event said this item changed (submitted, revised or reviewed). */
  function itemChanged(id: string) {
    changed.add(id)
    batch.request()
  }

  /** Re-read the whole list soon (after a reconnect, in case anything slipped by). */
  function refresh() {
    reloadAll = true
    return batch.flush()
  }

  onScopeDispose(() => {
    batch.cancel()
    clearTimeout(retryTimer)
  })

  return { items, state, load, itemChanged, refresh }
}
