import { t } from '../../i18n'

/**
 * A unit's 定额 cell in the office's tables: "5 · 达标", "5 · 未达标", or "5 · 尚未达标"
 * while the period still runs; null when no quota applies to the period (the table shows —).
 */
export function quotaCellText(minimum: number | null, met: boolean | null, underWay = false): string | null {
  if (minimum == null) return null
  const standing = met ? t.office.quotaMet : underWay ? t.office.quotaNotYetMet : t.office.quotaNotMet
  return `${minimum} · ${standing}`
}
