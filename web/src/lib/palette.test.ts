import { describe, expect, it } from 'vitest'
import { contrast, highContrastPalette, palette } from './palette'
import { pickContrast } from './contrast-mode'

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

describe('high contrast (?contrast=high)', () => {
  const p = highContrastPalette
  const text = { text: p.text, textDim: p.textDim, textFaint: p.textFaint, ok: p.ok, warn: p.warn, bad: p.bad, accent: p.accent }
  it.each(Object.entries(text))('%s is at least 7:1 on black', (_, colour) => {
    expect(p.bg).toBe('#000000')
    expect(contrast(colour, p.bg)).toBeGreaterThanOrEqual(7)
    expect(contrast(colour, p.panel)).toBeGreaterThanOrEqual(7)
  })
  it.each(Object.entries(p.quota))('%s bars are at least 4.5:1', (_, colour) => {
    expect(contrast(colour, p.panel)).toBeGreaterThanOrEqual(4.5)
  })
  it.each(Object.keys(p.severity) as Array<keyof typeof p.severity>)('%s chip ink is at least 7:1', (s) => {
    expect(contrast(p.severityInk[s], p.severity[s])).toBeGreaterThanOrEqual(7)
  })
  it('is asked for in the address, then remembered', () => {
    expect(pickContrast('?contrast=high', null)).toBe('high')
    expect(pickContrast('', 'high')).toBe('high')
    expect(pickContrast('?contrast=normal', 'high')).toBe('normal')
    expect(pickContrast('', null)).toBe('normal')
  })
})
