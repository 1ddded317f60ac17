import { computed, onBeforeUnmount, onMounted, provide, ref } from 'vue'
import { chartPixelRatioKey, stageSize } from './stage'

/** Scales a fixed-size layout to the window (see stageSize); charts inside render sharp. */
export function useStage(baseW = 1920, baseH = 1080) {
  const viewport = ref({ w: window.innerWidth, h: window.innerHeight, dpr: window.devicePixelRatio || 1 })
  const onResize = () =>
    (viewport.value = { w: window.innerWidth, h: window.innerHeight, dpr: window.devicePixelRatio || 1 })
  onMounted(() => window.addEventListener('resize', onResize))
  onBeforeUnmount(() => window.removeEventListener('resize', onResize))

  const size = computed(() => stageSize(viewport.value.w, viewport.value.h, baseW, baseH))
  provide(
    chartPixelRatioKey,
    computed(() => Math.round(viewport.value.dpr * size.value.scale * 100) / 100),
  )
  const style = computed(() => ({
    width: `${size.value.width}px`,
    height: `${size.value.height}px`,
    transform: `scale(${size.value.scale})`,
    transformOrigin: '0 0',
  }))
  return { size, style }
}
