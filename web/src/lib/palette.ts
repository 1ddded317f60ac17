import type { QuotaStatus, Severity } from '../graphql/generated/graphql'
import { highContrast } from './contrast-mode'

/**
 * Colours of the dark wall theme, in one place for both CSS (as custom properties,
 * see App.vue) and ECharts (which needs literal values). Text colours keep a
 * contrast of at least 4.5:1 against `panel` (checked in palette.test.ts).
 */
export const normalPalette = {
  bg: '#060d1a',
  panel: '#0c1729',
  panelEdge: '#1b2a44',
  grid: '#1a2740',
  text: '#eef3fb',
  textDim: '#b3c1d6',
  textFaint: '#8d9db5',
  ok: '#34d399',
  warn: '#fbbf24',
  bad: '#f87171',
  accent: '#5eead4',
  adoption: '#2dd4bf',
  quotaMark: '#f8fafc',
  quota: {
    MET: '#22c55e',
    ON_PACE: '#3b82f6',
    BEHIND: '#f97316',
    NO_QUOTA: '#64748b',
  } satisfies Record<QuotaStatus, string>,
  /** national incident colours: 一般 blue, 较大 yellow, 重大 orange, 特别重大 red */
  severity: {
    GENERAL: '#3b82f6',
    LARGE: '#facc15',
    MAJOR: '#f97316',
    EXTRAORDINARY: '#ef4444',
  } satisfies Record<Severity, string>,
  /** text on a severity-coloured chip */
  severityInk: {
    GENERAL: '#ffffff',
    LARGE: '#1c1400',
    MAJOR: '#1c0a00',
    EXTRAORDINARY: '#ffffff',
  } satisfies Record<Severity, string>,
}

export type Palette = typeof normalPalette

/**
 * `?contrast=high`: black background, white and yellow text, every text colour at
 * least 7:1 on the background (WCAG AAA), bars at least 4.5:1.
 */
export const highContrastPalette: Palette = {
  bg: '#000000',
  panel: '#000000',
  panelEdge: '#9a9a9a',
  grid: '#4a4a4a',
  text: '#ffffff',
  textDim: '#ffffff',
  textFaint: '#ffe14d',
  ok: '#5cf08e',
  warn: '#ffd400',
  bad: '#ff7a7a',
  accent: '#ffe14d',
  adoption: '#5cf08e',
  quotaMark: '#ffffff',
  quota: {
    MET: '#5cf08e',
    ON_PACE: '#7fb2ff',
    BEHIND: '#ff9f43',
    NO_QUOTA: '#b0b0b0',
  },
  severity: {
    GENERAL: '#7fb2ff',
    LARGE: '#ffe14d',
    MAJOR: '#ff9f43',
    EXTRAORDINARY: '#ff6b6b',
  },
  severityInk: {
    GENERAL: '#000000',
    LARGE: '#000000',
    MAJOR: '#000000',
    EXTRAORDINARY: '#000000',
  },
}

/** The palette of this page load (see contrast-mode.ts). */
export const palette: Palette = highContrast ? highContrastPalette : normalPalette

export const fontStack =
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
  const [r, g, b] = c.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG contrast ratio between two #rrggbb colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}
