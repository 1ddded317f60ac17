import { t } from '../../i18n'

// The state of the live link to the server, as the duty room needs to see it:
// is what is on the wall current, and if not, since when.

export type LinkPhase = 'connecting' | 'live' | 'reconnecting'

export interface LinkState {
  phase: LinkPhase
  /** local ms since which the wall has not been live (page load at first) */
  downSince: number | null
  /** whether the link was ever live, to tell "连接中…" from "重连中" */
  everLive: boolean
}

export type LinkSignal = 'connecting' | 'live' | 'lost'

export const initialLinkState = (now: number): LinkState => ({ phase: 'connecting', downSince: now, everLive: false })

export function nextLinkState(state: LinkState, signal: LinkSignal, now: number): LinkState {
  switch (signal) {
    case 'live':
      return { phase: 'live', downSince: null, everLive: true }
    case 'connecting':
    case 'lost':
      return {
        phase: state.everLive ? 'reconnecting' : 'connecting',
        // keep the moment the outage began across retries
        downSince: state.downSince ?? now,
        everLive: state.everLive,
      }
  }
}

export type LinkTone = 'ok' | 'warn' | 'bad'

/** How long a drop may last before the badge turns red and starts counting. */
export const LINK_GRACE_MS = 10_000

export function formatOutage(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const c = t.connection
  if (total < 60) return c.seconds(total)
  if (total < 3600) return c.minutesSeconds(Math.floor(total / 60), total % 60)
  return c.hoursMinutes(Math.floor(total / 3600), Math.floor((total % 3600) / 60))
}

export function describeLink(state: LinkState, now: number): { tone: LinkTone; label: string } {
  if (state.phase === 'live') return { tone: 'ok', label: t.connection.live }
  const down = now - (state.downSince ?? now)
  if (down >= LINK_GRACE_MS) return { tone: 'bad', label: t.connection.disconnected(formatOutage(down)) }
  return { tone: 'warn', label: state.phase === 'connecting' ? t.connection.connecting : t.connection.reconnecting }
}
