import { ref, shallowRef, type ShallowRef } from 'vue'
import type { Client as WsClient } from 'graphql-ws'
import { t } from '../../i18n'
import { describeLink, initialLinkState, nextLinkState, type LinkState } from './link-state'
import { hasErrorCode } from '../../graphql/query'

// Whether what the office, a leader or an informant sees is live. The wall has its
// own badge; the other screens show a notice only when something is wrong: the page's
// data cannot be read, or the live link has been down for a few seconds (so a leader
// on a phone in a dead spot knows the clocks' incidents may have moved on).

/** A brief drop (a server restart, a phone changing cells) is not worth a notice. */
export const NOTICE_GRACE_MS = 3_000

export interface LiveStatusInput {
  link: LinkState
  /** live screens on the page (their event streams); none: nothing is meant to be live */
  streams: number
  /** of them, how many could not read their data at their last attempt */
  failing: number
  /** of those, how many were refused because the person is no longer signed in (session expired or ended) */
  signedOut: number
  now: number
}

export type LiveNotice = { tone: 'warn' | 'bad'; kind: 'SIGNED_OUT' | 'LOAD_FAILED' | 'LINK_DOWN'; text: string } | null

/** The notice a screen shows about its live data, or null when all is well. */
export function liveNotice({ link, streams, failing, signedOut, now }: LiveStatusInput): LiveNotice {
  if (streams === 0) return null
  // retrying cannot help: only signing in again can (what is typed on the page stays until then)
  if (signedOut > 0) return { tone: 'bad', kind: 'SIGNED_OUT', text: t.liveNotice.signedOut }
  if (failing > 0) return { tone: 'bad', kind: 'LOAD_FAILED', text: t.liveNotice.loadFailed }
  if (link.phase === 'live') return null
  const down = now - (link.downSince ?? now)
  if (down < NOTICE_GRACE_MS) return null
  const { tone, label } = describeLink(link, now)
  return { tone: tone === 'bad' ? 'bad' : 'warn', kind: 'LINK_DOWN', text: t.liveNotice.linkDown(label) }
}

/** The page's event streams, how many of them failed to read their data, and of those how many for want of a session. */
export const liveStreams = { active: ref(0), failing: ref(0), signedOut: ref(0) }

/** How a stream's last read went. */
export type ReadOutcome = 'OK' | 'FAILED' | 'SIGNED_OUT'

/** The server refused a read because nobody is signed in (the session expired, was revoked or ended elsewhere). */
export const isSignedOutError = (err: unknown) => hasErrorCode(err, 'auth/unauthenticated')

const links = new WeakMap<WsClient, ShallowRef<LinkState>>()

/**
 * The state of the page's one websocket, followed from the moment it is created (a
 * screen mounted while the socket is already open sees it live). The socket is lazy:
 * it closes when no screen subscribes, which is no outage, so an outage counts from
 * when a live screen wants the socket, not from when it closed.
 */
export function socketLink(ws: WsClient, now: () => number = () => performance.now()): ShallowRef<LinkState> {
  const known = links.get(ws)
  if (known) return known
  const link = shallowRef(initialLinkState(now()))
  ws.on('connecting', () => (link.value = nextLinkState(link.value, 'connecting', now())))
  ws.on('connected', () => (link.value = nextLinkState(link.value, 'live', now())))
  ws.on('closed', () => (link.value = nextLinkState(link.value, 'lost', now())))
  links.set(ws, link)
  return link
}

export interface StreamRegistration {
  /** how the stream's last attempt to read its data went */
  read(outcome: ReadOutcome): void
  /** the screen is gone */
  stop(): void
}

/** A live screen starts wanting the socket (see `socketLink`) and reports how its reads go. */
export function streamStarted(ws: WsClient, now: () => number = () => performance.now()): StreamRegistration {
  const link = socketLink(ws, now)
  if (liveStreams.active.value++ === 0 && link.value.phase !== 'live') link.value = { ...link.value, downSince: now() }
  let last: ReadOutcome = 'OK'
  let stopped = false
  const count = (outcome: ReadOutcome, by: number) => {
    if (outcome !== 'OK') liveStreams.failing.value += by
    if (outcome === 'SIGNED_OUT') liveStreams.signedOut.value += by
  }
  return {
    read(outcome) {
      if (stopped || outcome === last) return
      count(last, -1)
      count(outcome, 1)
      last = outcome
    },
    stop() {
      if (stopped) return
      stopped = true
      liveStreams.active.value--
      count(last, -1)
    },
  }
}
