import { computed, onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue'
import { nextWallPage, type WallPage, type WallPageConfig } from './wall-pages'

/**
 * Which page the wall shows. It turns every `rotateSec`, except while something is
 * urgent (an incident past or near a line, an unacknowledged alert): then the
 * overview stays, so nobody has to wait for the figures to come round again.
 */
export function useWallRotation(config: WallPageConfig, available: Readonly<Ref<readonly WallPage[]>>, suspended: Readonly<Ref<boolean>>) {
  const pages = computed(() => config.pages.filter((p) => available.value.includes(p)))
  const current = ref<WallPage>(config.pages[0] ?? 'overview')
  let timer: ReturnType<typeof setInterval> | undefined

  watch(pages, (list) => {
    if (!list.includes(current.value) && list[0]) current.value = list[0]
  })
  watch(suspended, (on) => {
    if (on && pages.value[0]) current.value = pages.value[0]
  })
  onMounted(() => {
    if (config.rotateSec > 0)
      timer = setInterval(() => {
        if (!suspended.value) current.value = nextWallPage(pages.value, current.value)
      }, config.rotateSec * 1000)
  })
  onBeforeUnmount(() => clearInterval(timer))
  return { current, pages }
}
