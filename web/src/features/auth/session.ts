import { CombinedError, type Client } from '@urql/core'
import { shallowRef } from 'vue'
import { clearAccessToken, readAccessToken, saveAccessToken } from '../../graphql/auth'
import { SignInMutation, SignOutMutation, ViewerQuery } from '../../graphql/documents'
import type { ViewerQuery as ViewerResult } from '../../graphql/generated/graphql'
import { fetchFresh } from '../../graphql/query'

export type Viewer = NonNullable<ViewerResult['viewer']>

/**
 * The signed-in person for this page load. The token is read once at start-up and
 * every request carries it; signing in or out reloads the page, so no screen (and no
 * cached query result, and no open websocket) ever outlives the person it was for.
 */
export const viewer = shallowRef<Viewer | null>(null)
export type ViewerStatus = 'unknown' | 'signed-in' | 'signed-out' | 'unreachable'
export const viewerStatus = shallowRef<ViewerStatus>('unknown')
/** signed out because the token this device kept was refused (expired, revoked), not because it had none */
export const tokenRefused = shallowRef(false)

let pending: Promise<ViewerStatus> | undefined

/** Loads `viewer` once (the router awaits it before the first screen). */
export function loadViewer(client: Client): Promise<ViewerStatus> {
  if (viewerStatus.value === 'signed-in' || viewerStatus.value === 'signed-out') return Promise.resolve(viewerStatus.value)
  pending ??= (async (): Promise<ViewerStatus> => {
    if (!readAccessToken()) return (viewerStatus.value = 'signed-out')
    try {
      const data = await fetchFresh(client, ViewerQuery, {})
      viewer.value = data.viewer ?? null
      // an expired or revoked token answers null: forget it
      if (!data.viewer) {
        clearAccessToken()
        tokenRefused.value = true
      }
      return (viewerStatus.value = data.viewer ? 'signed-in' : 'signed-out')
    } catch (err) {
      if (err instanceof CombinedError && !err.networkError) {
        clearAccessToken()
        tokenRefused.value = true
        return (viewerStatus.value = 'signed-out')
      }
      return (viewerStatus.value = 'unreachable')
    } finally {
      pending = undefined
    }
  })()
  return pending
}

/** The server's Chinese message for a failed call, or a generic one for a network failure. */
export function errorMessage(err: unknown, networkText: string): string {
  if (err instanceof CombinedError) {
    if (err.networkError) return networkText
    const first = err.graphQLErrors[0]
    if (first) return first.message
  }
  return err instanceof Error && err.message ? err.message : networkText
}

export async function signIn(client: Client, login: string, password: string) {
  const result = await client.mutation(SignInMutation, { login: login.trim(), password }).toPromise()
  if (result.error) throw result.error
  const data = result.data?.signIn
  if (!data) throw new Error('empty response')
  saveAccessToken(data.token)
  return data.person
}

/** Ends the session on the server (best effort) and forgets the token. */
export async function signOut(client: Client): Promise<void> {
  try {
    await client.mutation(SignOutMutation, {}).toPromise()
  } finally {
    clearAccessToken()
  }
}
