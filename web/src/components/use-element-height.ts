import { onScopeDispose, ref, watch, type Ref } from 'vue'

/** The rendered size of an element in CSS pixels, kept current as the layout changes. */
export function useElementSize(target: Ref<HTMLElement | undefined>, fallback = { width: 0, height: 0 }) {
  const width = ref(fallback.width)
  const height = ref(fallback.height)
  let observer: ResizeObserver | undefined
  watch(
    target,
    (el) => {
      observer?.disconnect()
      if (!el) return
      width.value = el.clientWidth || fallback.width
      height.value = el.clientHeight || fallback.height
      observer = new ResizeObserver(([entry]) => {
        if (!entry) return
        width.value = Math.round(entry.contentRect.width)
        height.value = Math.round(entry.contentRect.height)
      })
      observer.observe(el)
    },
    { immediate: true },
  )
  onScopeDispose(() => observer?.disconnect())
  return { width, height }
}

/** The rendered height of an element in CSS pixels, kept current as the layout changes. */
export function useElementHeight(target: Ref<HTMLElement | undefined>, fallback = 0) {
  return useElementSize(target, { width: 0, height: fallback }).height
}
