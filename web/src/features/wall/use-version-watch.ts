import { onBeforeUnmount, onMounted, type Ref } from 'vue'
import { checkForNewBuild } from '../../lib/stale-build'

/**
 * A wall runs for months: when a new version is deployed (index.html names a new
 * hashed entry script) it reloads itself — but not while an alert waits for the
 * duty officer, whose acknowledgement would be lost.
 */
export function useVersionWatch(hold: Readonly<Ref<boolean>>, everyMs = 3 * 60_000) {
  let timer: ReturnType<typeof setInterval> | undefined

  async function check() {
    if ((await checkForNewBuild()) && !hold.value) window.location.reload()
  }

  onMounted(() => (timer = setInterval(check, everyMs)))
  onBeforeUnmount(() => clearInterval(timer))
  return { check }
}
