import type { Client } from '@urql/core'
import { shallowRef } from 'vue'
import { DeadlineConfigQuery } from '../../graphql/documents'
import { fetchFresh } from '../../graphql/query'
import { t } from '../../i18n'
import type { DeadlineSpans, Messages } from '../../i18n/zh-CN'

/**
 * A configured deadline as people say it: 2小时, 1小时30分, 45分钟, 8秒 (a test
 * server shortens the lines to seconds).
 */
export function formatSpan(sec: number, m: Messages = t): string {
  const s = Math.max(0, Math.round(sec))
  const h = Math.floor(s / 3600)
  const min = Math.floor((s % 3600) / 60)
  const rest = s % 60
  if (h > 0) return min > 0 ? m.span.hoursMinutes(h, min) : m.span.hours(h)
  if (min > 0) return rest > 0 ? m.span.minutesSeconds(min, rest) : m.span.minutes(min)
  return m.span.seconds(rest)
}

/** The regulation's lines until the server's configuration has been read. */
export const DEFAULT_SPANS = { lateAfterSec: 7_200, concealedAfterSec: 36_000 }

export const spansOf = (c: { lateAfterSec: number; concealedAfterSec: number }, m: Messages = t): DeadlineSpans => ({
  late: formatSpan(c.lateAfterSec, m),
  concealed: formatSpan(c.concealedAfterSec, m),
})

/** The deadline lines in force, formatted; every label reads them. */
export const deadlineSpans = shallowRef<DeadlineSpans>(spansOf(DEFAULT_SPANS))

let loaded: Promise<void> | undefined
/** Reads `deadlineConfig` once per page (again after a failure). */
export function loadDeadlineSpans(client: Client): Promise<void> {
  loaded ??= fetchFresh(client, DeadlineConfigQuery, {}).then(
    (d) => {
      deadlineSpans.value = spansOf(d.deadlineConfig)
    },
    () => {
      loaded = undefined
    },
  )
  return loaded
}

type Measure = keyof Messages['incident']['measure']
type Reason = keyof Messages['incident']['alertReason']
export const measureLabel = (m: Measure) => t.incident.measure[m](deadlineSpans.value)
export const alertReasonLabel = (r: Reason) => t.incident.alertReason[r](deadlineSpans.value)

/**
 * A crossed line as the timeline says it, from the server's name for it: `late`,
 * `concealed`, `warn-<seconds before the late line>` (距2小时报送时限还有30分钟), or
 * `followup-<n>` (第2次续报时限).
 */
export function deadlineLineLabel(line: string, d: DeadlineSpans = deadlineSpans.value, m: Messages = t): string {
  if (line === 'late') return m.detail.lines.late(d)
  if (line === 'concealed') return m.detail.lines.concealed(d)
  const [kind, n] = line.split('-')
  const count = Number(n)
  if (kind === 'warn' && Number.isInteger(count) && count > 0) return m.detail.lines.warn(d, formatSpan(count, m))
  if (kind === 'followup' && Number.isInteger(count) && count > 0) return m.detail.lines.followup(d, count)
  return line
}
