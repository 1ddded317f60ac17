import { expect, it } from 'vitest'
import { graphqlEndpoints } from './endpoints'

it.each([
  [{ protocol: 'http:', host: 'localhost:5173' }, 'ws://localhost:5173/graphql'],
  [{ protocol: 'https:', host: 'xinbao.example.gov.cn' }, 'wss://xinbao.example.gov.cn/graphql'],
])('derives the websocket URL from the page (%o)', (loc, ws) => {
  expect(graphqlEndpoints(loc)).toEqual({ http: '/graphql', ws })
})
