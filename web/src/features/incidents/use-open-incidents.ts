import { CombinedError, type Client } from '@urql/core'
import { onScopeDispose, ref, shallowRef } from 'vue'
import { IncidentSummaryQuery, OpenIncidentsQuery } from '../../graphql/documents'
import type { WallIncidentFieldsFragment } from '../../graphql/generated/graphql'
import { fetchFresh } from '../../graphql/query'
import { mergeOpenIncidents } from './incident-merge'

export type WallIncident = WallIncidentFieldsFragment
export type LoadState = 'loading' | 'ready' | 'error'

export interface IncidentChange {
  /** the incident as now read, or null when it closed or can no longer be read */
  incident: WallIncident | null
  /** it was not on the list before this change */
  arrived: boolean
}

/**
 * Every open incident (`incidents(open: true)`), kept current by re-reading the
 * incident an event names and merging it by id. Reads are chained one after the
 * other, so a slow answer can never overwrite a newer one.
 */
export function useOpenIncidents(
  client: Client,
  /** an incident joined the list after the first snapshot (an event, or a re-read after an outage) */
  onArrived?: (incident: WallIncident) => void,
) {
  const incidents = shallowRef<WallIncident[]>([])
  const state = ref<LoadState>('loading')
  let chain: Promise<unknown> = Promise.resolve()
  const retryTimers = new Set<ReturnType<typeof setTimeout>>()
  let disposed = false

  async function load() {
    try {
      const data = await fetchFresh(client, OpenIncidentsQuery, {})
      const before = new Set(incidents.value.map((i) => i.id))
      const first = state.value !== 'ready'
      incidents.value = mergeOpenIncidents([], data.incidents)
      state.value = 'ready'
      if (!first) for (const i of incidents.value) if (!before.has(i.id)) onArrived?.(i)
    } catch (err) {
      if (state.value !== 'ready') state.value = 'error'
      throw err
    }
  }

  async function read(id: string): Promise<WallIncident | null> {
    try {
      return (await fetchFresh(client, IncidentSummaryQuery, { id })).incident ?? null
    } catch (err) {
      if (err instanceof CombinedError && !err.networkError) return null // refused or gone
      throw err
    }
  }

  /**
   * An event named this incident: read it again and merge. Resolves with what
   * changed; on a network failure it retries by itself and resolves null.
   */
  function incidentChanged(id: string): Promise<IncidentChange | null> {
    const run = chain.then(async () => {
      const known = incidents.value.some((i) => i.id === id)
      try {
        const incident = await read(id)
        incidents.value = incident ? mergeOpenIncidents(incidents.value, [incident]) : mergeOpenIncidents(incidents.value, [], [id])
        const open = incident && incident.status !== 'CLOSED' ? incident : null
        if (!known && open) onArrived?.(open)
        return { incident: open, arrived: !known && open !== null }
      } catch {
        if (!disposed) {
          const timer = setTimeout(() => {
            retryTimers.delete(timer)
            void incidentChanged(id)
          }, 5_000)
          retryTimers.add(timer)
        }
        return null
      }
    })
    chain = run
    return run
  }

  /** Re-read the whole list (reconnect, periodic healing). */
  function refresh() {
    const run = chain.then(() => load().catch(() => undefined))
    chain = run
    return run
  }

  onScopeDispose(() => {
    disposed = true
    for (const t of retryTimers) clearTimeout(t)
  })

  return { incidents, state, load, incidentChanged, refresh }
}
