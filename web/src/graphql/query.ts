import type { AnyVariables, Client, CombinedError, TypedDocumentNode } from '@urql/core'

/** A transport failure (server down, proxy error), as opposed to a GraphQL error. */
export const isNetworkError = (error: CombinedError | undefined) => Boolean(error?.networkError)

/** Whether the server answered with this error code: a query's CombinedError, or the errors a subscription ends with. */
export function hasErrorCode(err: unknown, code: string): boolean {
  type Errors = { extensions?: { code?: unknown } }[]
  const errors: Errors = Array.isArray(err) ? err : ((err as { graphQLErrors?: Errors } | null)?.graphQLErrors ?? [])
  return errors.some((e) => e?.extensions?.code === code)
}

/** The server refused this viewer the thing asked for (`auth/forbidden`): asking again will not help. */
export const isForbiddenError = (err: unknown) => hasErrorCode(err, 'auth/forbidden')

/**
 * One network-only query as a promise that rejects on any error. Live screens refetch
 * after an event told them something changed, so a cached answer is never what they want.
 */
export async function fetchFresh<Data, Variables extends AnyVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const result = await client.query(document, variables, { requestPolicy: 'network-only' }).toPromise()
  if (result.error) throw result.error
  if (!result.data) throw new Error('empty response')
  return result.data
}

/** One mutation as a promise that rejects on any error (the caller shows `errorMessage`). */
export async function mutate<Data, Variables extends AnyVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Data> {
  const result = await client.mutation(document, variables).toPromise()
  if (result.error) throw result.error
  if (!result.data) throw new Error('empty response')
  return result.data
}
