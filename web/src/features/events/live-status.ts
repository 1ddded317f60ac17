import { ref, shallowRef, type ShallowRef } from 'vue'
import type { Client as WsClient } from 'graphql-ws'
import { t } from '../../i18n'
import { describeLink, initialLinkState, nextLinkState, type LinkState } from './link-state'

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
  now: number
}

export type LiveNotice = { tone: 'warn' | 'bad'; kind: 'LOAD_FAILED' | 'LINK_DOWN'; text: string } | null

/** The notice a screen shows about its live data, or null when all is well. */
export function liveNotice({ link, streams, failing, now }: LiveStatusInput): LiveNotice {
  if (streams === 0) return null
  if (failing > 0) return { tone: 'bad', kind: 'LOAD_FAILED', text: t.liveNotice.loadFailed }
  if (link.phase === 'live') return null
  const down = now - (link.downSince ?? now)
  if (down < NOTICE_GRACE_MS) return null
  const { tone, label } = describeLink(link, now)
  return { tone: tone === 'bad' ? 'bad' : 'warn', kind: 'LINK_DOWN', text: t.liveNotice.linkDown(label) }
}

/** The page's event streams and how many of them failed to read their data. */
export const liveStreams = { active: ref(0), failing: ref(0) }

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
  /** the stream's last attempt to read its data failed (true) or succeeded (false) */
  failed(yes: boolean): void
  /** the screen is gone */
  stop(): void
}

/** A live screen starts wanting the socket (see `socketLink`) and reports how its reads go. */
export function streamStarted(ws: WsClient, now: () => number = () => performance.now()): StreamRegistration {
  const link = socketLink(ws, now)
  if (liveStreams.active.value++ === 0 && link.value.phase !== 'live') link.value = { ...link.value, downSince: now() }
  let failing = false
  let stopped = false
  return {
    failed(yes) {
      if (stopped || yes === failing) return
      failing = yes
      liveStreams.failing.value += yes ? 1 : -1
    },
    stop() {
      if (stopped) return
      stopped = true
      liveStreams.active.value--
      if (failing) liveStreams.failing.value--
    },
  }
}
