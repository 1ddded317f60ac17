import type { InjectionKey, Ref } from 'vue'

/**
 * The wall is laid out once, for a 1920×1080 canvas, and scaled to the screen: a
 * 4K panel shows the same picture twice as sharp rather than four times as empty.
 * The canvas keeps the screen's shape (one side is exactly the base size, the
 * other at least), so a 16:10 or 21:9 screen is filled without bars.
 */
export function stageSize(viewportW: number, viewportH: number, baseW = 1920, baseH = 1080) {
  const scale = Math.max(0.1, Math.min(viewportW / baseW, viewportH / baseH))
  return { scale, width: Math.round(viewportW / scale), height: Math.round(viewportH / scale) }
}

/** Charts render their canvas at devicePixelRatio × stage scale so they stay crisp when scaled up. */
export const chartPixelRatioKey: InjectionKey<Readonly<Ref<number>>> = Symbol('chart-pixel-ratio')
