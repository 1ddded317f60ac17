import { onBeforeUnmount, onMounted, readonly, ref, watch, type Ref } from 'vue'
import { createAlarm, type AlarmState } from '../../lib/alarm'

/**
 * Sounds the alarm while `active` is true. Any click or key on the page unlocks
 * audio in a browser that blocked it, so one touch on a fresh display is enough.
 */
export function useAlarm(active: Readonly<Ref<boolean>>) {
  const alarm = createAlarm()
  const state = ref<AlarmState>(alarm.state)
  const off = alarm.onChange((s) => (state.value = s))
  const unlock = () => alarm.unlock()

  watch(active, (on) => (on ? alarm.start() : alarm.stop()), { immediate: true })
  onMounted(() => {
    window.addEventListener('pointerdown', unlock, true)
    window.addEventListener('keydown', unlock, true)
  })
  onBeforeUnmount(() => {
    alarm.stop()
    off()
    window.removeEventListener('pointerdown', unlock, true)
    window.removeEventListener('keydown', unlock, true)
  })
  return { state: readonly(state) }
}
