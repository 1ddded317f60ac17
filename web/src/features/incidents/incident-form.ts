import type { IncidentKind, Severity } from '../../graphql/generated/graphql'
import { fromCstInputValue } from '../../lib/cst'
import { parseEnvelope, serializeEnvelope, stringFields } from '../../lib/device-draft'

export const KINDS: readonly IncidentKind[] = ['WORK_INJURY', 'PUBLIC_SECURITY', 'NATURAL_DISASTER', 'SUDDEN_EVENT']
export const SEVERITIES: readonly Severity[] = ['GENERAL', 'LARGE', 'MAJOR', 'EXTRAORDINARY']

export interface IncidentDraft {
  kind: IncidentKind | null
  severity: Severity | null
  title: string
  occurredAt: string
  location: string
  description: string
  casualties: string
  losses: string
  measures: string
  reporterName: string
  reporterPhone: string
}

export type IncidentField = 'kind' | 'severity' | 'title' | 'occurredAt' | 'location' | 'description' | 'reporterName' | 'reporterPhone'

/**
 * What a first report (初报) needs before it can go: what, how bad, when, where,
 * and who to call back. Casualties, losses and measures may honestly be "不详" yet,
 * so blanks there are sent as such rather than holding the report up.
 */
export function validateIncidentDraft(draft: IncidentDraft, unitId: string, nowMs: number) {
  const missing: IncidentField[] = []
  const need = (f: IncidentField, v: string | null) => {
    if (!v || !v.trim()) missing.push(f)
  }
  need('kind', draft.kind)
  need('severity', draft.severity)
  need('title', draft.title)
  need('location', draft.location)
  need('description', draft.description)
  need('reporterName', draft.reporterName)
  need('reporterPhone', draft.reporterPhone)
  const occurred = fromCstInputValue(draft.occurredAt)
  if (occurred === null) missing.push('occurredAt')
  const future = occurred !== null && occurred > nowMs + 60_000
  if (missing.length || future || !draft.kind || !draft.severity || occurred === null) {
    return { ok: false as const, missing, future }
  }
  const orUnknown = (s: string) => s.trim() || '不详'
  return {
    ok: true as const,
    input: {
      unitId,
      kind: draft.kind,
      severity: draft.severity,
      title: draft.title.trim(),
      // never later than the server's now, even if the form was filled a minute ago
      occurredAt: new Date(Math.min(occurred, nowMs)).toISOString(),
      location: draft.location.trim(),
      description: draft.description.trim(),
      casualties: orUnknown(draft.casualties),
      losses: orUnknown(draft.losses),
      measures: orUnknown(draft.measures),
      reporterName: draft.reporterName.trim(),
      reporterPhone: draft.reporterPhone.trim(),
    },
  }
}

/** A 初报 form kept on the device (lib/device-draft.ts) with the key that makes its report one incident. */
export interface SavedIncidentDraft {
  savedAt: number
  idempotencyKey: string
  draft: IncidentDraft
}

/** an emergency draft older than this is stale: the report should have gone long ago */
export const INCIDENT_DRAFT_MAX_AGE_MS = 24 * 3_600_000

const TEXT_FIELDS = ['title', 'occurredAt', 'location', 'description', 'casualties', 'losses', 'measures', 'reporterName', 'reporterPhone'] as const

/** Nothing chosen or described yet (the time and the reporter are filled in anyway). */
export function isBlankIncidentDraft(d: IncidentDraft): boolean {
  return !d.kind && !d.severity && [d.title, d.location, d.description, d.casualties, d.losses, d.measures].every((s) => !s.trim())
}

export function serializeIncidentDraft(saved: SavedIncidentDraft): string {
  return serializeEnvelope({ ...saved })
}

/** Reads what `serializeIncidentDraft` wrote; anything damaged, foreign or older than a day is null. */
export function parseIncidentDraft(raw: string | null, nowMs: number): SavedIncidentDraft | null {
  const e = parseEnvelope(raw, nowMs, INCIDENT_DRAFT_MAX_AGE_MS)
  if (!e) return null
  const d = e.draft
  if (!(d.kind === null || KINDS.includes(d.kind as never)) || !(d.severity === null || SEVERITIES.includes(d.severity as never))) return null
  const texts = stringFields(d, TEXT_FIELDS)
  if (!texts) return null
  const draft = { kind: d.kind, severity: d.severity, ...texts } as IncidentDraft
  return { savedAt: e.savedAt, idempotencyKey: e.idempotencyKey, draft }
}
