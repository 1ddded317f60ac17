import type { Severity } from '../../graphql/generated/graphql'
import { cstParts } from '../../lib/cst'

/** Night hours in China time, when a leader may mute minor incidents: 22:00–07:00. */
export const isCstNight = (nowMs: number) => {
  const h = cstParts(nowMs).hour
  return h >= 22 || h < 7
}

/**
 * Whether to sound and notify. Night mute (when switched on, at night) silences
 * 一般 and 较大 only: 重大 and 特别重大 always get through.
 */
export function shouldNotify(severity: Severity, nightMute: boolean, nowMs: number): boolean {
  if (severity === 'MAJOR' || severity === 'EXTRAORDINARY') return true
  return !(nightMute && isCstNight(nowMs))
}
