import { onBeforeUnmount, onMounted, type Ref } from 'vue'
import { entryScriptOf } from './wall-pages'

/**
 * A wall runs for months: when a new version is deployed (index.html names a new
 * hashed entry script) it reloads itself — but not while an alert waits for the
 * duty officer, whose acknowledgement would be lost.
 */
export function useVersionWatch(hold: Readonly<Ref<boolean>>, everyMs = 3 * 60_000) {
  let timer: ReturnType<typeof setInterval> | undefined
  const mine = entryScriptOf(document.documentElement.outerHTML)
  let pending = false

  async function check() {
    if (!mine) return // dev server: no hashed entry
    try {
      const res = await fetch('/index.html', { cache: 'no-store' })
      if (!res.ok) return
      const deployed = entryScriptOf(await res.text())
      if (deployed && deployed !== mine) pending = true
    } catch {
      return // server away: the connection badge already says so
    }
    if (pending && !hold.value) window.location.reload()
  }

  onMounted(() => (timer = setInterval(check, everyMs)))
  onBeforeUnmount(() => clearInterval(timer))
  return { check }
}
