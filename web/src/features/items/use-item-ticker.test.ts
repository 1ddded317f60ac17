import { CombinedError, type Client } from '@urql/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import type { TickerItem } from './use-item-ticker'
import { useItemTicker } from './use-item-ticker'

// A server in memory: `items` is what it would answer; `down` makes it unreachable.
function fakeServer(initial: TickerItem[]) {
  const server = {
    items: new Map(initial.map((i) => [i.id, i])),
    down: false,
    forbidden: new Set<string>(),
    calls: [] as string[],
  }
  const client = {
    query(document: { definitions: Array<{ name?: { value: string } }> }, variables: { id?: string; first?: number }) {
      const name = document.definitions[0]?.name?.value ?? ''
      server.calls.push(variables.id ? `${name}:${variables.id}` : name)
      return {
        toPromise: async () => {
          if (server.down) return { error: new CombinedError({ networkError: new Error('offline') }) }
          if (name === 'ItemById') {
            const id = variables.id ?? ''
            if (server.forbidden.has(id)) return { error: new CombinedError({ graphQLErrors: ['forbidden'] }) }
            return { data: { item: server.items.get(id) ?? null } }
          }
          const newest = [...server.items.values()].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
          return { data: { items: newest.slice(0, variables.first) } }
        },
      }
    },
  }
  return { server, client: client as unknown as Client }
}

const item = (n: number, status: TickerItem['status'] = 'SUBMITTED'): TickerItem => ({
  id: `i${n}`,
  title: `信息 ${n}`,
  category: 'WORK_PROGRESS',
  status,
  adoptionLevel: null,
  submittedAt: new Date(Date.UTC(2026, 10, 25, 0, n)).toISOString(),
  version: 1,
  unit: { id: 'u1', name: '东风社区', kind: 'COMMUNITY' },
})

describe('useItemTicker', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  async function setup(initial: TickerItem[], limit = 3) {
    const { server, client } = fakeServer(initial)
    const scope = effectScope()
    const ticker = scope.run(() => useItemTicker(client, { limit, burstThreshold: 2 }))!
    await ticker.load()
    server.calls.length = 0
    return { server, ticker, scope, ids: () => ticker.items.value.map((i) => i.id) }
  }

  it('loads the newest items, then merges changed items by id', async () => {
    const { server, ticker, ids } = await setup([item(1), item(2), item(3), item(4)])
    expect(ids()).toEqual(['i4', 'i3', 'i2'])
    expect(ticker.state.value).toBe('ready')

    server.items.set('i5', item(5))
    server.items.set('i4', item(4, 'ADOPTED'))
    ticker.itemChanged('i5')
    ticker.itemChanged('i4')
    ticker.itemChanged('i4')
    await vi.advanceTimersByTimeAsync(200)

    expect(server.calls).toEqual(['ItemById:i5', 'ItemById:i4'])
    expect(ids()).toEqual(['i5', 'i4', 'i3'])
    expect(ticker.items.value[1]?.status).toBe('ADOPTED')
  })

  it('reloads the list instead of fetching a burst one by one', async () => {
    const { server, ticker, ids } = await setup([item(1)])
    for (const n of [2, 3, 4]) {
      server.items.set(`i${n}`, item(n))
      ticker.itemChanged(`i${n}`)
    }
    await vi.advanceTimersByTimeAsync(200)
    expect(server.calls).toEqual(['LatestItems'])
    expect(ids()).toEqual(['i4', 'i3', 'i2'])
  })

  it('keeps the changes of a failed fetch and applies them once the server is back', async () => {
    const { server, ticker, ids } = await setup([item(1)])
    server.down = true
    server.items.set('i2', item(2))
    ticker.itemChanged('i2')
    await vi.advanceTimersByTimeAsync(200)
    expect(ids()).toEqual(['i1'])
    server.down = false
    await vi.advanceTimersByTimeAsync(5_200)
    expect(ids()).toEqual(['i2', 'i1'])
  })

  it('drops an item that can no longer be read instead of retrying it forever', async () => {
    const { server, ticker, ids } = await setup([item(1), item(2)])
    server.forbidden.add('i2')
    ticker.itemChanged('i2')
    await vi.advanceTimersByTimeAsync(200)
    expect(ids()).toEqual(['i1'])
    server.calls.length = 0
    await vi.advanceTimersByTimeAsync(20_000)
    expect(server.calls).toEqual([])
  })

  it('stops when its scope is disposed', async () => {
    const { server, ticker, scope } = await setup([item(1)])
    ticker.itemChanged('i1')
    scope.stop()
    await vi.advanceTimersByTimeAsync(1000)
    expect(server.calls).toEqual([])
  })
})
