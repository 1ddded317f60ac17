import { CombinedError, type Client } from '@urql/core'
import { ref, shallowRef } from 'vue'
import { MyItemByIdQuery, UnitItemsQuery } from '../../graphql/documents'
import type { ItemFilter, MyItemFieldsFragment } from '../../graphql/generated/graphql'
import { fetchFresh } from '../../graphql/query'
import { mergeTickerItems } from './ticker-merge'

export type MyItem = MyItemFieldsFragment
export type LoadState = 'loading' | 'ready' | 'error'

/** The last review of an item (the comment an informant must act on), if any. */
export function lastReview(item: Pick<MyItem, 'reviews'>) {
  return item.reviews.length ? item.reviews[item.reviews.length - 1]! : null
}

export type ItemReader = (id: string) => Promise<MyItem | null>

/**
 * Reads an item by id, sharing the read while it is in flight: several lists of one
 * screen told of the same event read the item once.
 */
export function sharedItemReader(client: Client): ItemReader {
  const inFlight = new Map<string, Promise<MyItem | null>>()
  return (id) => {
    let read = inFlight.get(id)
    if (!read) {
      read = fetchFresh(client, MyItemByIdQuery, { id })
        .then((data) => data.item ?? null)
        .finally(() => inFlight.delete(id))
      inFlight.set(id, read)
    }
    return read
  }
}

/**
 * A unit's items, newest first, kept live: ITEM_* events name an item, which is
 * re-read and merged by id (a review changes its status in place). With `keeps`, an
 * item that no longer matches the filter (e.g. a returned item once revised) leaves.
 */
export function useUnitItems(
  client: Client,
  filter: () => ItemFilter,
  limit = 30,
  keeps: (item: MyItem) => boolean = () => true,
  readItem: ItemReader = sharedItemReader(client),
) {
  const items = shallowRef<MyItem[]>([])
  const state = ref<LoadState>('loading')
  let chain: Promise<unknown> = Promise.resolve()

  async function load() {
    try {
      const data = await fetchFresh(client, UnitItemsQuery, { filter: filter(), first: limit })
      items.value = mergeTickerItems([], data.items, [], limit)
      state.value = 'ready'
    } catch (err) {
      if (state.value !== 'ready') state.value = 'error'
      throw err
    }
  }

  function itemChanged(id: string) {
    chain = chain.then(async () => {
      try {
        const item = await readItem(id)
        items.value = item && keeps(item) ? mergeTickerItems(items.value, [item], [], limit) : mergeTickerItems(items.value, [], [id], limit)
      } catch (err) {
        if (err instanceof CombinedError && !err.networkError) items.value = mergeTickerItems(items.value, [], [id], limit)
      }
    })
    return chain
  }

  /** put an item the viewer just saved on the list at once (the event will confirm it) */
  function upsert(item: MyItem) {
    items.value = keeps(item) ? mergeTickerItems(items.value, [item], [], limit) : mergeTickerItems(items.value, [], [item.id], limit)
  }

  return { items, state, load, itemChanged, upsert, refresh: () => load().catch(() => undefined) }
}
