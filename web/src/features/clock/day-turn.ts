import { onScopeDispose, watch, type Ref } from 'vue'
import { cstDayNumber } from '../../lib/cst'

/**
 * Calls `onTurn` when the CST day of `now` changes — at midnight in China a screen's
 * "today", "this month", "this quarter" are new periods and its figures must be read
 * again, whether or not anything is reported then. It waits `settleMs` after the turn,
 * so that a display clock slightly ahead of the server's does not ask before the
 * server's day has turned too.
 */
export function onCstDayTurn(now: Readonly<Ref<number>>, onTurn: () => void, settleMs = 2_000): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const stop = watch(
    () => cstDayNumber(now.value),
    () => {
      clearTimeout(timer)
      timer = setTimeout(onTurn, settleMs)
    },
  )
  onScopeDispose(() => {
    stop()
    clearTimeout(timer)
  })
}
