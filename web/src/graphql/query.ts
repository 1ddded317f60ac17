import type { AnyVariables, Client, CombinedError, TypedDocumentNode } from '@urql/core'

/** A transport failure (server down, proxy error), as opposed to a GraphQL error. */
export const isNetworkError = (error: CombinedError | undefined) => Boolean(error?.networkError)

/** The server refused this viewer the thing asked for (`auth/forbidden`): asking again will not help. */
export function isForbiddenError(err: unknown): boolean {
  const errors = (err as { graphQLErrors?: { extensions?: { code?: unknown } }[] } | null)?.graphQLErrors ?? []
  return errors.some((e) => e?.extensions?.code === 'auth/forbidden')
}

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
