import { Client, fetchExchange, subscriptionExchange } from '@urql/core'
import { createClient, type Client as WsClient } from 'graphql-ws'
import type { InjectionKey } from 'vue'
import { inject } from 'vue'
import { backoffDelay, sleep } from '../lib/backoff'
import { currentAccessToken } from './auth'

export interface Api {
  /** queries and mutations over HTTP; subscriptions are forwarded to `ws` */
  urql: Client
  /** the one websocket of the page (graphql-transport-ws protocol) */
  ws: WsClient
}

export interface ApiOptions {
  httpUrl: string
  wsUrl: string
  token: string | null
  /** how often to ping the server; a silent server is noticed within ping + pongTimeout */
  keepAliveMs?: number
  pongTimeoutMs?: number
  /** tests pass a fake WebSocket class; browsers use their own */
  webSocketImpl?: unknown
}

/**
 * The server closes a socket with this code when its person's grants changed (roles,
 * unit, units in charge; server/src/app.ts has the same number).
 */
export const CLOSE_GRANTS_CHANGED = 4205

/** Whether graphql-ws's `closed` event says the person's grants changed. */
export function grantsChanged(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { code?: unknown }).code === CLOSE_GRANTS_CHANGED
}

/**
 * A websocket client that never gives up: a wall display runs for weeks through
 * server restarts, network drops and laptops going to sleep.
 */
export function createWs({
  wsUrl,
  token,
  keepAliveMs = 10_000,
  pongTimeoutMs = 5_000,
  webSocketImpl,
}: Omit<ApiOptions, 'httpUrl'>): WsClient {
  let pongTimer: ReturnType<typeof setTimeout> | undefined
  const client: WsClient = createClient({
    url: wsUrl,
    webSocketImpl,
    lazy: true,
    // brief gaps between subscriptions (a restart after an error) keep the socket
    lazyCloseTimeout: 3_000,
    // a fresh credential on every attempt (a reconnect after re-issuing the token uses the new one)
    connectionParams: () => {
      const current = currentAccessToken(token)
      return current ? { authorization: `Bearer ${current}` } : {}
    },
    retryAttempts: Infinity,
    shouldRetry: () => true,
    // a township has a handful of displays, so a 15 s ceiling costs the server nothing
    retryWait: (retries) => sleep(backoffDelay(retries, { capMs: 15_000 })),
    connectionAckWaitTimeout: 10_000,
    keepAlive: keepAliveMs,
    on: {
      // graphql-ws sends pings but does not itself notice a missing pong; a half-open
      // TCP connection (Wi-Fi gone, server frozen) would look healthy forever.
      // terminate() closes at once with 4499, which graphql-ws retries.
      ping: (received) => {
        if (received) return
        clearTimeout(pongTimer)
        pongTimer = setTimeout(() => client.terminate(), pongTimeoutMs)
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer)
      },
      closed: () => clearTimeout(pongTimer),
    },
  })
  return client
}

export function createApi(options: ApiOptions): Api {
  const ws = createWs(options)
  const urql = new Client({
    url: options.httpUrl,
    // No document cache: every screen here refetches on live events anyway, and on a
    // wall that runs for weeks a cache keyed by query and variables (one entry per
    // item fetched by id) would only grow.
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' }
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink)
              return { unsubscribe }
            },
          }
        },
      }),
    ],
    // The server's CSRF prevention refuses requests a plain HTML form could send;
    // this header marks them as coming from the app (queries go out as GET).
    fetchOptions: () => {
      const headers: Record<string, string> = { 'x-graphql-csrf': '1' }
      const current = currentAccessToken(options.token)
      if (current) headers.authorization = `Bearer ${current}`
      return { headers }
    },
  })
  return { urql, ws }
}

export const apiKey: InjectionKey<Api> = Symbol('xinbao-api')

export function useApi(): Api {
  const api = inject(apiKey)
  if (!api) throw new Error('useApi() called outside the app: provide(apiKey, createApi(…)) first')
  return api
}
