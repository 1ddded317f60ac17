import { db } from '../../db.js';
import type { Period } from '../period/period.rules.js';
import { deadlineConfig } from './deadline-config.js';
import { accountabilitySteps, UNDECIDED, type Holder } from './accountability.rules.js';
import { clockState, timeliness } from './incident.rules.js';

const withTrail = {
  reportedBy: { select: { id: true, name: true } },
  unit: { select: { id: true, name: true } },
  approvals: {
    orderBy: { requestedAt: 'asc' as const },
    include: { approver: { select: { id: true, name: true } }, requestedBy: { select: { id: true, name: true } } },
  },
  reports: {
    where: { direction: 'OFFICE_TO_COUNTY' as const },
    orderBy: { sentAt: 'asc' as const },
    take: 1,
    include: { sentBy: { select: { id: true, name: true } } },
  },
};

const loadTrail = (id: string) => db().incident.findUnique({ where: { id }, include: withTrail });

async function personName(id: string | null): Promise<Holder> {
  if (!id) return { id: null, name: null };
  const p = await db().person.findUnique({ where: { id }, select: { name: true } });
  return { id, name: p?.name ?? null };
}

/** 追责: the time an incident spent at each step on its way to the county, and who held it. */
export async function accountability(id: string, now = new Date()) {
  const i = await loadTrail(id);
  if (!i) return [];
  const first = i.reports[0] ?? null;
  return accountabilitySteps(
    {
      occurredAt: i.occurredAt,
      reportedAt: i.reportedAt,
      reportedBy: i.reportedBy,
      office: first ? first.sentBy : await personName(i.acknowledgedById),
      firstCountyReportAt: i.firstCountyReportAt,
      approvals: i.approvals,
    },
    now,
  );
}

/** Who held the incident at instant t (the moment a line was crossed). */
export function holderAt(
  i: {
    reportedAt: Date;
    reportedBy: { id: string; name: string };
    approvals: readonly { requestedAt: Date; decidedAt: Date | null; approver: { id: string; name: string } | null }[];
    reports: readonly { sentBy: { id: string; name: string } }[];
  },
  t: Date,
  acknowledgedBy: Holder,
): Holder {
  if (i.reportedAt > t) return { id: i.reportedBy.id, name: i.reportedBy.name };
  const pending = i.approvals.find((a) => a.requestedAt <= t && (!a.decidedAt || a.decidedAt > t));
  if (pending) return pending.approver ?? UNDECIDED;
  const first = i.reports[0];
  return first ? { id: first.sentBy.id, name: first.sentBy.name } : acknowledgedBy;
}

interface Row {
  key: string;
  name: string;
  total: number;
  onTime: number;
  late: number;
  concealed: number;
  pending: number;
  /** of the pending ones, those past the 2-hour line: late at best, whoever sends them now */
  overdue: number;
}

/** One incident of a period as the record lists it: its timeliness and, when late or concealed, who held it at the 2-hour line. */
export interface RecordEntry {
  id: string;
  unit: { id: string; name: string };
  kind: string;
  severity: string;
  title: string;
  occurredAt: Date;
  firstCountyReportAt: Date | null;
  closedAt: Date | null;
  timeliness: ReturnType<typeof timeliness>;
  /** not yet sent to the county and past the 2-hour line: it can no longer be on time */
  overdue: boolean;
  /** the person holding it when the 2-hour line passed (late, concealed and overdue ones only) */
  heldBy: Holder | null;
}

/** 事件台账: the incidents that happened in a period, oldest first. */
export async function incidentRecord(period: Period, now = new Date()): Promise<RecordEntry[]> {
  const cfg = await deadlineConfig();
  const incidents = await db().incident.findMany({
    where: { occurredAt: { gte: period.start, lt: period.end } },
    include: withTrail,
    orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
  });
  // who acknowledged each incident, read once for the whole period (a county's year has thousands)
  const ackIds = [...new Set(incidents.map((i) => i.acknowledgedById).filter((id): id is string => id !== null))];
  const names = new Map((await db().person.findMany({ where: { id: { in: ackIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const acknowledgedBy = (id: string | null): Holder => (id ? { id, name: names.get(id) ?? null } : { id: null, name: null });
  return incidents.map((i) => {
    const t = timeliness(i.occurredAt, i.firstCountyReportAt, now, cfg);
    const overdue = t === null && clockState(i.occurredAt, i.firstCountyReportAt, now, cfg) === 'LATE';
    const heldBy = t === 'LATE' || t === 'CONCEALED' || overdue ? holderAt(i, new Date(i.occurredAt.getTime() + cfg.lateAfterSec * 1000), acknowledgedBy(i.acknowledgedById)) : null;
    return { id: i.id, unit: i.unit, kind: i.kind, severity: i.severity, title: i.title, occurredAt: i.occurredAt, firstCountyReportAt: i.firstCountyReportAt, closedAt: i.closedAt, timeliness: t, overdue, heldBy };
  });
}

/**
 * Per unit (all incidents) and per person (the holder at the 2-hour line: late, concealed,
 * and not yet sent though past the line, since who held it then is already settled) for a period.
 */
export async function timelinessStats(period: Period, now = new Date()) {
  const byUnit = new Map<string, Row>();
  const byPerson = new Map<string, Row>();
  const bump = (m: Map<string, Row>, key: string, name: string, { timeliness: t, overdue }: RecordEntry) => {
    const r = m.get(key) ?? { key, name, total: 0, onTime: 0, late: 0, concealed: 0, pending: 0, overdue: 0 };
    r.total++;
    if (t === 'ON_TIME') r.onTime++;
    else if (t === 'LATE') r.late++;
    else if (t === 'CONCEALED') r.concealed++;
    else r.pending++;
    if (overdue) r.overdue++;
    m.set(key, r);
  };
  for (const e of await incidentRecord(period, now)) {
    bump(byUnit, e.unit.id, e.unit.name, e);
    if (e.heldBy) bump(byPerson, e.heldBy.id ?? 'unknown', e.heldBy.name ?? '未知', e);
  }
  const sort = (rows: Row[]) => rows.sort((a, b) => b.concealed - a.concealed || b.late - a.late || b.overdue - a.overdue || a.name.localeCompare(b.name, 'zh'));
  return { period, byUnit: sort([...byUnit.values()]), byPerson: sort([...byPerson.values()]) };
}
