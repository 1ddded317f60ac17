import { describe, expect, it } from 'vitest'
import { contrast, palette } from './palette'

describe('palette', () => {
  it('computes WCAG contrast', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
  })

  // Text and status colours that carry meaning as text must be readable across the
  // room: at least 4.5:1 on the panels and on the page background.
  const textColours = {
    text: palette.text,
    textDim: palette.textDim,
    textFaint: palette.textFaint,
    ok: palette.ok,
    warn: palette.warn,
    bad: palette.bad,
    accent: palette.accent,
  }
  it.each(Object.entries(textColours))('%s is readable on panel and background', (_, colour) => {
    expect(contrast(colour, palette.panel)).toBeGreaterThanOrEqual(4.5)
    expect(contrast(colour, palette.bg)).toBeGreaterThanOrEqual(4.5)
  })

  // Bars are large graphics (WCAG asks 3:1 for those).
  it.each(Object.entries(palette.quota))('%s bars stand out from the panel', (_, colour) => {
    expect(contrast(colour, palette.panel)).toBeGreaterThanOrEqual(3)
  })
})

describe('severity chips', () => {
  it.each(Object.keys(palette.severity) as Array<keyof typeof palette.severity>)('%s label is readable on its colour', (s) => {
    expect(contrast(palette.severityInk[s], palette.severity[s])).toBeGreaterThanOrEqual(3)
  })
})
