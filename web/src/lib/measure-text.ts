// Text measuring for ECharts that does not keep every string ever measured.
//
// zrender measures label widths with measureText on a canvas of its own that is
// never drawn on. Chromium caches the shaping of each string measured or drawn on a
// canvas (blink::PlainTextNode + ShapeResult, about 1.5 KB per string), keyed by the
// string, and trims that cache only when the canvas paints a frame — which a canvas
// that only measures never does. So every distinct label ("1234 / 5",
// "56.3%  12/21", a new month's name) stays in the page's memory for the page's
// life, up to 32,768 strings per font. A wall that runs for weeks and shows
// ever-changing figures keeps adding to it (measured: +1.5 MB per 1,000 strings).
//
// zrender keeps its own bounded width cache (500 strings per font), so it calls
// this only for strings it has not measured recently; after `perCanvas` calls the
// measuring canvas is replaced, and Chromium's cache goes with the old one.

export interface TextMeasurer {
  (text: string, font?: string): { width: number }
}

export interface MeasurerOptions {
  /** a fresh 2D context to measure on (null where there is no canvas) */
  createContext: () => Pick<CanvasRenderingContext2D, 'font' | 'measureText'> | null
  /** measurements per canvas before it is replaced */
  perCanvas?: number
  /** zrender's default font, used when a label names none */
  defaultFont?: string
}

export function recyclingMeasurer({ createContext, perCanvas = 500, defaultFont = '12px sans-serif' }: MeasurerOptions): TextMeasurer {
  let ctx: ReturnType<MeasurerOptions['createContext']> = null
  let currentFont: string | undefined
  let used = 0
  return (text, font) => {
    if (!ctx || used >= perCanvas) {
      ctx = createContext()
      currentFont = undefined
      used = 0
    }
    const wanted = font || defaultFont
    if (!ctx) {
      // no canvas at all: a rough estimate, as zrender itself does without one
      const size = Number(/(\d+(?:\.\d+)?)px/.exec(wanted)?.[1] ?? 12)
      return { width: [...(text ?? '')].reduce((w, c) => w + (c.charCodeAt(0) < 128 ? size * 0.6 : size), 0) }
    }
    used++
    if (currentFont !== wanted) currentFont = ctx.font = wanted
    return ctx.measureText(text ?? '')
  }
}

/** A small detached canvas's 2D context, or null outside a browser. */
export function detachedContext(): CanvasRenderingContext2D | null {
  if (typeof document === 'undefined') return null
  const canvas = document.createElement('canvas')
  canvas.width = 1
  canvas.height = 1
  return canvas.getContext('2d')
}
