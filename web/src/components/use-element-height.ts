import { onScopeDispose, ref, watch, type Ref } from 'vue'

/** The rendered height of an element in CSS pixels, kept current as the layout changes. */
export function useElementHeight(target: Ref<HTMLElement | undefined>, fallback = 0) {
  const height = ref(fallback)
  let observer: ResizeObserver | undefined
  watch(
    target,
    (el) => {
      observer?.disconnect()
      if (!el) return
      height.value = el.clientHeight || fallback
      observer = new ResizeObserver(([entry]) => {
        if (entry) height.value = Math.round(entry.contentRect.height)
      })
      observer.observe(el)
    },
    { immediate: true },
  )
  onScopeDispose(() => observer?.disconnect())
  return height
}
