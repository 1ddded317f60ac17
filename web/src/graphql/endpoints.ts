/** The API lives on the same origin as the page (the server serves web/dist at `/`). */
export function graphqlEndpoints(loc: Pick<Location, 'protocol' | 'host'>) {
  return {
    http: '/graphql',
    ws: `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/graphql`,
  }
}
