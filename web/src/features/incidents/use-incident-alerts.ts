import { computed, shallowRef, watch, type Ref } from 'vue'
import {
  acknowledgeAlerts,
  crossingReason,
  detectNewTimes,
  detectStatusEntries,
  detectCrossings,
  emptyAlerts,
  raiseAlert,
  type AlertReason,
  type AlertState,
} from './incident-alerts'
import { clocksOf, incidentClock, URGENT_PHASES } from './incident-clock'
import type { WallIncident } from './use-open-incidents'

const subjectOf = (i: WallIncident) => ({
  id: i.id,
  title: i.title,
  unitName: i.unit.name,
  severity: i.severity,
  kind: i.kind,
})

/**
 * The clock of every open incident at the current server second, and the alerts
 * the wall raises: a new incident, or any line crossed while the wall watches
 * (found by comparing each tick with the previous one, so a crossing is noticed
 * on time even if its INCIDENT_DEADLINE event is late or lost).
 */
export function useIncidentAlerts(
  incidents: Readonly<Ref<readonly WallIncident[]>>,
  now: Readonly<Ref<number>>,
  /** false until the clock is synced with the server: a wrong PC clock must not raise crossings */
  enabled: Readonly<Ref<boolean>>,
  /**
   * `statusAlerts`: also alert when an incident enters a status (for the office,
   * APPROVED: consent given); `consentRequests`: on each request for the main
   * leader's consent (a main leader's screens); `unitUpdates`: on each development
   * a unit reports (the office's screens)
   */
  options: { statusAlerts?: Partial<Record<WallIncident['status'], AlertReason>>; consentRequests?: boolean; unitUpdates?: boolean } = {},
) {
  const alerts = shallowRef<AlertState>(emptyAlerts())
  let lines = new Map<string, string>()

  const views = computed(() => clocksOf(incidents.value, now.value))

  function raise(incident: WallIncident, reason: AlertReason, line: string) {
    alerts.value = raiseAlert(alerts.value, { key: `${incident.id}:${line}`, reason, subject: subjectOf(incident), raisedAt: now.value })
  }

  watch(
    views,
    (current) => {
      if (!enabled.value) return
      const byId = new Map(incidents.value.map((i) => [i.id, i]))
      const result = detectCrossings(
        lines,
        [...current].map(([id, v]) => ({ id, line: v.line, phase: v.phase })),
      )
      lines = result.lines
      for (const c of result.crossed) {
        const incident = byId.get(c.id)
        const reason = crossingReason(c.phase)
        if (incident && reason) raise(incident, reason, c.line)
      }
    },
    { immediate: true },
  )

  const statusAlerts = Object.entries(options.statusAlerts ?? {}) as [WallIncident['status'], AlertReason][]
  if (statusAlerts.length) {
    let statuses = new Map<string, string>()
    /** how many times each incident has entered a status on this screen: one key per entry */
    const entries = new Map<string, number>()
    watch(
      incidents,
      (list) => {
        const seen = statuses
        for (const [status, reason] of statusAlerts) {
          const result = detectStatusEntries(seen, list, status)
          statuses = result.statuses
          // each entry its own key: an incident may enter a status more than once
          for (const id of result.entered) {
            const incident = list.find((i) => i.id === id)
            const n = (entries.get(`${id}:${status}`) ?? 0) + 1
            entries.set(`${id}:${status}`, n)
            if (incident) raise(incident, reason, `${status}#${n}`)
          }
        }
      },
      { immediate: true },
    )
  }

  /** alerts for each new time `at` reads off an incident, keyed by that time */
  function alertOnNewTimes(reason: AlertReason, at: (i: WallIncident) => string | null | undefined) {
    let times = new Map<string, string | null>()
    watch(
      incidents,
      (list) => {
        const result = detectNewTimes(times, list, at)
        times = result.times
        for (const r of result.raised) {
          const incident = list.find((i) => i.id === r.id)
          if (incident) raise(incident, reason, `${reason}@${r.at}`)
        }
      },
      { immediate: true },
    )
  }
  if (options.consentRequests) alertOnNewTimes('CONSENT', (i) => i.consentRequestedAt)
  if (options.unitUpdates) alertOnNewTimes('UNIT_UPDATE', (i) => i.lastUnitUpdateAt)

  /** A new incident arrived while the wall was watching. */
  function incidentArrived(incident: WallIncident) {
    raise(incident, 'NEW', 'new')
  }

  /** The server announced a crossing (INCIDENT_DEADLINE): alert for the line it is now past. */
  function deadlineCrossed(incident: WallIncident) {
    const view = incidentClock(incident, now.value)
    const reason = crossingReason(view.phase)
    if (reason) raise(incident, reason, view.line)
  }

  const active = computed(() => alerts.value.active)
  /** Something on the wall needs the duty officer: rotation stops for it. */
  const urgent = computed(() => active.value.length > 0 || [...views.value.values()].some((v) => URGENT_PHASES.has(v.phase)))

  return {
    views,
    active,
    urgent,
    incidentArrived,
    deadlineCrossed,
    acknowledge: () => (alerts.value = acknowledgeAlerts(alerts.value)),
  }
}
