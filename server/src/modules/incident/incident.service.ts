import type { AuditAction } from '../audit/actions.js';
import { db, type Tx } from '../../db.js';
import { AppError } from '../../errors.js';
import { writeWithEvents } from '../../events/event-log.js';
import { isUniqueClash, oncePerKey } from '../../idempotency.js';
import { eventKinds } from '../../events/kinds.js';
import type { Viewer } from '../../context.js';
import type { IncidentKind, ReportKind, Severity } from '../../generated/sqlite/enums.js';
import { loadDeadlineConfig } from './deadline-config.js';
import { eventTimeProblem, needsApproval } from './incident.rules.js';

const roles = (v: Viewer) => [...v.roles].join(',');

/** how a report from the unit reached the office: sent by the unit itself through Xinbao, or
 * taken down by the office from a phone call (the office then knows it already) */
export const UNIT_REPORT_METHOD = { SENT: '系统', TAKEN_BY_OFFICE: '电话' } as const;
const isOffice = (v: Viewer) => v.roles.has('OFFICE');
const isMainLeader = (v: Viewer) => v.roles.has('MAIN_LEADER');

export interface ReportIncidentInput {
  unitId: string;
  kind: IncidentKind;
  severity: Severity;
  title: string;
  occurredAt: Date;
  location: string;
  description: string;
  casualties: string;
  losses: string;
  measures: string;
  reporterName: string;
  reporterPhone: string;
  /** client-generated per filled-in form; a retried report with the same key returns the first incident */
  idempotencyKey?: string | null;
}

const TEXT_LIMITS: [keyof ReportIncidentInput, string, number][] = [
  ['title', '事件标题', 200],
  ['location', '发生地点', 200],
  ['description', '事件经过', 5000],
  ['casualties', '伤亡情况', 1000],
  ['losses', '损失情况', 1000],
  ['measures', '已采取的措施', 2000],
  ['reporterName', '报告人', 50],
  ['reporterPhone', '联系电话', 30],
];

function validateReport(input: ReportIncidentInput, now: Date): void {
  const problems: string[] = [];
  const fields: string[] = [];
  for (const [field, label, max] of TEXT_LIMITS) {
    const v = String(input[field] ?? '').trim();
    if (!v) problems.push(`${label}不能为空`);
    else if ([...v].length > max) problems.push(`${label}不能超过 ${max} 字`);
    else continue;
    fields.push(field);
  }
  if (input.reporterPhone?.trim() && !/^[0-9+\-() ]{5,30}$/.test(input.reporterPhone.trim())) {
    problems.push('联系电话格式不正确');
    fields.push('reporterPhone');
  }
  if (input.idempotencyKey && input.idempotencyKey.length > 100) {
    problems.push('提交键不能超过 100 个字符');
    fields.push('idempotencyKey');
  }
  const t = eventTimeProblem(input.occurredAt, now);
  if (t) {
    problems.push(t);
    fields.push('occurredAt');
  }
  if (problems.length) throw new AppError('input/invalid', problems.join('；'), { fields });
}

/** Audits a refused attempt in its own transaction, then throws the refusal. */
async function refuse(viewer: Viewer, action: AuditAction, incidentId: string, error: AppError): Promise<never> {
  await writeWithEvents(async (_tx, s) =>
    s.audit({ action, actorId: viewer.personId, actorRoles: roles(viewer), entityType: 'Incident', entityId: incidentId, after: { refused: error.code } }),
  );
  throw error;
}

async function loadIncident(tx: Tx | ReturnType<typeof db>, id: string) {
  const incident = await tx.incident.findUnique({ where: { id } });
  if (!incident) throw new AppError('incident/not_found', `突发事件不存在: ${id}`);
  return incident;
}

/**
 * 初报: the first report of an emergency to the office, by the unit's informant,
 * or entered by the office itself after a phone call (then it is received at once).
 */
export async function reportIncident(viewer: Viewer, input: ReportIncidentInput, now = new Date()) {
  validateReport(input, now);
  const key = input.idempotencyKey?.trim() || null;
  const recorded = async (k: string) => {
    const existing = await db().incident.findUnique({ where: { idempotencyKey: k } });
    return existing && sameReporter(existing, viewer, input);
  };
  return oncePerKey(key, recorded, () => createIncident(viewer, input, key, now));
}

function sameReporter<T extends { reportedById: string; unitId: string }>(incident: T, viewer: Viewer, input: ReportIncidentInput): T {
  if (incident.reportedById !== viewer.personId || incident.unitId !== input.unitId) {
    throw new AppError('incident/idempotency_conflict', '该提交键已被另一起事件使用');
  }
  return incident;
}

async function createIncident(viewer: Viewer, input: ReportIncidentInput, key: string | null, now: Date) {
  const unit = await db().unit.findUnique({ where: { id: input.unitId } });
  if (!unit || !unit.active) throw new AppError('unit/not_found', `单位不存在: ${input.unitId}`);
  const ownUnit = viewer.roles.has('INFORMANT') && viewer.unitId === unit.id;
  if (!ownUnit && !isOffice(viewer)) throw new AppError('auth/forbidden', '只能报告本单位的突发事件');
  const byOffice = !ownUnit;
  const text = Object.fromEntries(TEXT_LIMITS.map(([f]) => [f, String(input[f]).trim()])) as Record<string, string>;
  return writeWithEvents(async (tx, s) => {
    const incident = await tx.incident.create({
      data: {
        unitId: unit.id,
        kind: input.kind,
        severity: input.severity,
        occurredAt: input.occurredAt,
        title: text.title!,
        location: text.location!,
        description: text.description!,
        casualties: text.casualties!,
        losses: text.losses!,
        measures: text.measures!,
        reporterName: text.reporterName!,
        reporterPhone: text.reporterPhone!,
        reportedAt: now,
        reportedById: viewer.personId,
        enteredById: viewer.personId,
        status: byOffice ? 'ACKNOWLEDGED' : 'REPORTED',
        acknowledgedAt: byOffice ? now : null,
        acknowledgedById: byOffice ? viewer.personId : null,
        idempotencyKey: key,
      },
    });
    await tx.incidentReport.create({
      data: {
        incidentId: incident.id,
        direction: 'UNIT_TO_OFFICE',
        kind: 'INITIAL',
        number: 1,
        progress: text.description,
        measures: text.measures,
        method: byOffice ? UNIT_REPORT_METHOD.TAKEN_BY_OFFICE : UNIT_REPORT_METHOD.SENT,
        sentAt: now,
        sentById: viewer.personId,
      },
    });
    s.emit({ kind: eventKinds.INCIDENT_REPORTED, entityId: incident.id, unitId: unit.id });
    s.audit({ action: 'incident.report', actorId: viewer.personId, actorRoles: roles(viewer), entityType: 'Incident', entityId: incident.id, after: { ...text, unitId: unit.id, kind: input.kind, severity: input.severity, occurredAt: input.occurredAt } });
    return incident;
  });
}

/**
 * 党政办确认接收, and records that the unit's leader in charge was told (who, when, how).
 * Once: of two clerks confirming at the same moment (or one double click) only the one
 * that takes the confirmation records the leader's notice; the other gets the incident
 * as it now stands, and nothing is recorded twice.
 */
export async function acknowledgeIncident(viewer: Viewer, id: string, leaderMethod: string | null, now = new Date()) {
  if (!isOffice(viewer)) throw new AppError('auth/forbidden', '只有党政办可以确认接收');
  return writeWithEvents(async (tx, s) => {
    const incident = await loadIncident(tx, id);
    if (incident.closedAt) throw new AppError('incident/closed', '事件已终报，不能再修改');
    if (incident.acknowledgedAt) return incident;
    const claimed = await tx.incident.updateMany({
      where: { id, acknowledgedAt: null },
      data: { acknowledgedAt: now, acknowledgedById: viewer.personId, ...(incident.status === 'REPORTED' ? { status: 'ACKNOWLEDGED' as const } : {}) },
    });
    if (claimed.count === 0) return loadIncident(tx, id);
    const unit = await tx.unit.findUniqueOrThrow({ where: { id: incident.unitId } });
    if (leaderMethod?.trim() && unit.leaderInChargeId) {
      await tx.incidentLeaderNotice.create({ data: { incidentId: id, leaderId: unit.leaderInChargeId, method: leaderMethod.trim().slice(0, 50), notifiedAt: now } });
    }
    s.emit({ kind: eventKinds.INCIDENT_UPDATED, entityId: id, unitId: incident.unitId });
    s.audit({ action: 'incident.acknowledge', actorId: viewer.personId, actorRoles: roles(viewer), entityType: 'Incident', entityId: id, after: { leaderMethod } });
    return loadIncident(tx, id);
  });
}

export interface UpdateInput {
  /** client-generated per filled-in form; the same update sent again is recorded once */
  idempotencyKey?: string | null;
  progress: string;
  measures?: string | null;
  casualties?: string | null;
}

/** 事态发展: a numbered update from the unit (or the office on its behalf). */
export async function addIncidentUpdate(viewer: Viewer, id: string, input: UpdateInput, now = new Date()) {
  const progress = input.progress?.trim();
  if (!progress) throw new AppError('input/invalid', '事态发展内容不能为空', { fields: ['progress'] });
  if ([...progress].length > 5000) throw new AppError('input/too_long', '事态发展内容不能超过 5000 字', { fields: ['progress'] });
  const incident = await loadIncident(db(), id);
  const ownUnit = viewer.roles.has('INFORMANT') && viewer.unitId === incident.unitId;
  if (!ownUnit && !isOffice(viewer)) throw new AppError('auth/forbidden', '只能报告本单位事件的事态发展');
  const key = input.idempotencyKey?.trim() || null;
  return recordReport(viewer, id, key, async () => {
    if (incident.closedAt) throw new AppError('incident/closed', '事件已终报，不能再修改');
    return writeWithEvents(async (tx, s) => {
      const count = await tx.incidentReport.count({ where: { incidentId: id, direction: 'UNIT_TO_OFFICE' } });
      const report = await tx.incidentReport.create({
        data: {
          incidentId: id,
          direction: 'UNIT_TO_OFFICE',
          kind: 'UPDATE',
          number: count + 1,
          progress,
          measures: input.measures?.trim() || null,
          consequences: input.casualties?.trim() || null,
          method: ownUnit ? UNIT_REPORT_METHOD.SENT : UNIT_REPORT_METHOD.TAKEN_BY_OFFICE,
          sentAt: now,
          sentById: viewer.personId,
          idempotencyKey: key,
        },
      });
      s.emit({ kind: eventKinds.INCIDENT_UPDATED, entityId: id, unitId: incident.unitId });
      s.audit({ action: 'incident.update', actorId: viewer.personId, actorRoles: roles(viewer), entityType: 'Incident', entityId: id, after: { number: report.number, progress } });
      return report;
    });
  });
}

/** 提请主要领导同意: the office asks the main leader before a major incident goes to the county. */
export async function requestApproval(viewer: Viewer, id: string, now = new Date()) {
  if (!isOffice(viewer)) throw new AppError('auth/forbidden', '只有党政办可以提请主要领导同意');
  return writeWithEvents(async (tx, s) => {
    const incident = await loadIncident(tx, id);
    if (incident.closedAt) throw new AppError('incident/closed', '事件已终报，不能再修改');
    if (incident.firstCountyReportAt) throw new AppError('incident/approval_state', '已向县委办报送，无需再提请同意');
    const pending = await tx.incidentApproval.findFirst({ where: { incidentId: id, decision: { in: ['PENDING', 'APPROVED'] } } });
    if (pending) throw new AppError('incident/approval_state', pending.decision === 'PENDING' ? '已提请，正在等待主要领导同意' : '主要领导已同意');
    // only from the state read above: a second request at the same moment is refused
    const claimed = await tx.incident.updateMany({
      where: { id, status: incident.status, firstCountyReportAt: null, closedAt: null },
      data: { status: 'AWAITING_APPROVAL', acknowledgedAt: incident.acknowledgedAt ?? now, acknowledgedById: incident.acknowledgedById ?? viewer.personId },
    });
    if (claimed.count !== 1) throw new AppError('incident/approval_state', '已提请，正在等待主要领导同意');
    const approval = await tx.incidentApproval.create({ data: { incidentId: id, requestedAt: now, requestedById: viewer.personId } });
    s.emit({ kind: eventKinds.INCIDENT_UPDATED, entityId: id, unitId: incident.unitId });
    s.audit({ action: 'incident.request_approval', actorId: viewer.personId, actorRoles: roles(viewer), entityType: 'Incident', entityId: id });
    return approval;
  });
}

/** 主要领导同意 / 不同意. */
export async function decideApproval(viewer: Viewer, id: string, approve: boolean, comment: string | null, now = new Date()) {
  if (!isMainLeader(viewer)) throw new AppError('auth/forbidden', '只有主要领导可以审批');
  return writeWithEvents(async (tx, s) => {
    const incident = await loadIncident(tx, id);
    const pending = await tx.incidentApproval.findFirst({ where: { incidentId: id, decision: 'PENDING' }, orderBy: { requestedAt: 'desc' } });
    if (!pending) throw new AppError('incident/approval_state', '没有待审批的请求');
    // decided once: the same request decided twice at the same moment keeps the first decision
    const claimed = await tx.incidentApproval.updateMany({
      where: { id: pending.id, decision: 'PENDING' },
      data: { decision: approve ? 'APPROVED' : 'REJECTED', decidedAt: now, approverId: viewer.personId, comment: comment?.trim() || null },
    });
    if (claimed.count !== 1) throw new AppError('incident/approval_state', '该请求刚刚已经审批');
    const decided = await tx.incidentApproval.findUniqueOrThrow({ where: { id: pending.id } });
    await tx.incident.update({ where: { id }, data: { status: approve ? 'APPROVED' : 'ACKNOWLEDGED' } });
    s.emit({ kind: eventKinds.INCIDENT_UPDATED, entityId: id, unitId: incident.unitId });
    s.audit({ action: approve ? 'incident.approve' : 'incident.reject', actorId: viewer.personId, actorRoles: roles(viewer), entityType: 'Incident', entityId: id, after: { comment } });
    return decided;
  });
}

export interface CountyReportInput {
  kind: Exclude<ReportKind, 'UPDATE'>;
  progress?: string | null;
  measures?: string | null;
  causes?: string | null;
  consequences?: string | null;
  workDone?: string | null;
  results?: string | null;
  method?: string | null;
  /** The main leader reports in person (主要领导亲自汇报): an explicit, audited override of approval. */
  byMainLeaderPersonally?: boolean | null;
  /** client-generated per filled-in form; the same report sent again is recorded once */
  idempotencyKey?: string | null;
}

/**
 * A report sent again with the key of one already recorded (its answer was lost, or a
 * double click) gets that report back, whatever has happened since (a 终报 sent again
 * must not answer "already closed"); a key used by someone else, or for another
 * incident, is refused. Null when the key is new.
 */
async function recordedReport(viewer: Viewer, incidentId: string, key: string) {
  const existing = await db().incidentReport.findUnique({ where: { idempotencyKey: key } });
  if (!existing) return null;
  if (existing.sentById !== viewer.personId || existing.incidentId !== incidentId) {
    throw new AppError('incident/idempotency_conflict', '该提交键已被另一份报告使用');
  }
  return existing;
}

type Report = NonNullable<Awaited<ReturnType<typeof recordedReport>>>;

/**
 * Records one report of an incident, once per key (`oncePerKey`). On PostgreSQL two
 * people may take the same number at once (续报二 twice): a clash that is not this
 * report's key already recorded is numbered again.
 */
async function recordReport(viewer: Viewer, incidentId: string, key: string | null, create: () => Promise<Report>): Promise<Report> {
  if (key && key.length > 100) throw new AppError('input/invalid', '提交键不能超过 100 个字符', { fields: ['idempotencyKey'] });
  const numbered = async (): Promise<Report> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await create();
      } catch (err) {
        if (!isUniqueClash(err) || attempt >= 5 || (key && (await recordedReport(viewer, incidentId, key)))) throw err;
      }
    }
  };
  return oncePerKey(key, (k) => recordedReport(viewer, incidentId, k), numbered);
}

/**
 * 向县委办报送: first report (首报), follow-ups (续报) and the final report (终报,
 * which closes the incident). Only the office records these — no skipping levels —
 * except that the main leader may report in person. Major incidents need the main
 * leader's consent first. Every refusal is audited.
 */
export async function reportToCounty(viewer: Viewer, id: string, input: CountyReportInput, now = new Date()) {
  const incident = await loadIncident(db(), id);
  const personally = Boolean(input.byMainLeaderPersonally);
  if (personally && !isMainLeader(viewer)) {
    return refuse(viewer, 'incident.report_to_county_refused', id, new AppError('auth/forbidden', '只有主要领导本人可以亲自汇报'));
  }
  if (!isOffice(viewer) && !personally) {
    return refuse(viewer, 'incident.report_to_county_refused', id, new AppError('incident/no_skipping_levels', '严禁越级上报：只能由党政办向县委办报送'));
  }
  const key = input.idempotencyKey?.trim() || null;
  return recordReport(viewer, id, key, async () => {
    if (incident.closedAt) throw new AppError('incident/closed', '事件已终报，不能再报送');
    const cfg = await loadDeadlineConfig();
    const first = !incident.firstCountyReportAt;
    if (first && input.kind !== 'INITIAL') throw new AppError('incident/wrong_report_kind', '尚未首报，请先报送首报');
    if (!first && input.kind === 'INITIAL') throw new AppError('incident/wrong_report_kind', '已首报，请报送续报或终报');
    if (first && needsApproval(incident.severity, cfg) && !personally) {
      const approved = await db().incidentApproval.findFirst({ where: { incidentId: id, decision: 'APPROVED' } });
      if (!approved) {
        return refuse(viewer, 'incident.report_to_county_refused', id, new AppError('incident/approval_required', '重大及以上突发事件须经主要领导同意或由主要领导亲自汇报后方可报送县委办'));
      }
    }
    const text = (v: string | null | undefined) => v?.trim().slice(0, 5000) || null;
    const content = {
      progress: text(input.progress),
      measures: text(input.measures),
      causes: text(input.causes),
      consequences: text(input.consequences),
      workDone: text(input.workDone),
      results: text(input.results),
    };
    if (!Object.values(content).some(Boolean)) throw new AppError('input/invalid', '报送内容不能为空（事态进展、处置措施、原因、后果、工作情况或处理结果至少填写一项）');
    return writeWithEvents(async (tx, s) => {
      const closing = input.kind === 'FINAL';
      // only from the state read above: a second 首报, or a report after a 终报 sent at
      // the same moment, is refused rather than recorded beside it
      const claimed = await tx.incident.updateMany({
        where: { id, closedAt: null, firstCountyReportAt: first ? null : { not: null } },
        data: {
          firstCountyReportAt: incident.firstCountyReportAt ?? now,
          status: closing ? 'CLOSED' : 'REPORTED_TO_COUNTY',
          closedAt: closing ? now : null,
          acknowledgedAt: incident.acknowledgedAt ?? now,
          acknowledgedById: incident.acknowledgedById ?? viewer.personId,
        },
      });
      if (claimed.count !== 1) {
        throw first ? new AppError('incident/wrong_report_kind', '已首报，请报送续报或终报') : new AppError('incident/closed', '事件已终报，不能再报送');
      }
      const count = await tx.incidentReport.count({ where: { incidentId: id, direction: 'OFFICE_TO_COUNTY' } });
      const report = await tx.incidentReport.create({
        data: {
          incidentId: id,
          direction: 'OFFICE_TO_COUNTY',
          kind: input.kind,
          number: count + 1,
          ...content,
          method: text(input.method)?.slice(0, 50) ?? '书面',
          byMainLeaderPersonally: personally,
          sentAt: now,
          sentById: viewer.personId,
          idempotencyKey: key,
        },
      });
      s.emit({ kind: eventKinds.INCIDENT_UPDATED, entityId: id, unitId: incident.unitId });
      s.audit({
        action: personally ? 'incident.report_to_county_personally' : 'incident.report_to_county',
        actorId: viewer.personId,
        actorRoles: roles(viewer),
        entityType: 'Incident',
        entityId: id,
        after: { kind: input.kind, number: report.number, ...content },
      });
      return report;
    });
  });
}
