export interface CoalescedTask {
  /** Ask for a run; requests within `delayMs` of the first one share a single run. */
  request(): void
  /** Run now (or right after the run in flight) and resolve when that run is done. */
  flush(): Promise<void>
  cancel(): void
}

/**
 * Runs `task` at most once per `delayMs` for any burst of requests, never two at a
 * time, and once more after a run if requests arrived while it was in flight.
 *
 * The window starts at the first request rather than restarting on every request:
 * a steady trickle of events (one every 200 ms during a busy morning) must still
 * refresh the chart, which a plain debounce would postpone forever.
 */
export function coalesce(task: () => Promise<void>, delayMs: number, onError?: (err: unknown) => void): CoalescedTask {
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<void> | undefined
  let again = false
  let cancelled = false

  async function runOnce(): Promise<void> {
    try {
      await task()
    } catch (err) {
      onError?.(err)
    }
  }

  function start(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = runOnce().finally(() => {
      running = undefined
      if (again && !cancelled) {
        again = false
        request()
      }
    })
    return running
  }

  function clearTimer() {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }

  function request() {
    if (cancelled || timer !== undefined) return
    timer = setTimeout(() => {
      timer = undefined
      void start()
    }, delayMs)
  }

  return {
    request,
    async flush() {
      cancelled = false
      clearTimer()
      if (running) {
        // let the stale run finish, then do a fresh one that sees the latest state
        await running
        clearTimer()
        again = false
      }
      await start()
    },
    cancel() {
      cancelled = true
      clearTimer()
    },
  }
}
