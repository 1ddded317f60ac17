import { builder } from '../../builder.js';
import { db } from '../../db.js';
import { IncidentKind, IncidentStatus, ReportDirection, ReportKind, Severity, ApprovalDecision } from '../../generated/sqlite/enums.js';
import { requireViewer } from '../auth/auth.service.js';
import { parsePeriodOrThrow } from '../stats/stats.service.js';
import { deadlineConfig } from './deadline-config.js';
import { clockState, chineseNumber, needsApproval, nextFollowUpDue, timeliness } from './incident.rules.js';
import {
  acknowledgeIncident,
  addIncidentUpdate,
  decideApproval,
  reportIncident,
  reportToCounty,
  requestApproval,
  UNIT_REPORT_METHOD,
} from './incident.service.js';
import { accountability, timelinessStats } from './accountability.service.js';
import { PeriodRef } from '../assessment/assessment.schema.js';
import { canReadIncident, canSeeIncidentSummary, incidentListWhere } from '../auth/policy.js';

const IncidentKindEnum = builder.enumType(IncidentKind, {
  name: 'IncidentKind',
  description: 'NATURAL_DISASTER 重大自然灾害, WORK_INJURY 工伤事故, PUBLIC_SECURITY 治安案件, SUDDEN_EVENT 突发性事件',
});
const SeverityEnum = builder.enumType(Severity, {
  name: 'Severity',
  description: 'GENERAL 一般(IV级), LARGE 较大(III级), MAJOR 重大(II级), EXTRAORDINARY 特别重大(I级)',
});
const IncidentStatusEnum = builder.enumType(IncidentStatus, {
  name: 'IncidentStatus',
  description: 'REPORTED 已接报, ACKNOWLEDGED 党政办已接收, AWAITING_APPROVAL 待主要领导同意, APPROVED 主要领导已同意, REPORTED_TO_COUNTY 已报县委办, CLOSED 已终报',
});
const DirectionEnum = builder.enumType(ReportDirection, { name: 'ReportDirection', description: 'UNIT_TO_OFFICE 单位→党政办, OFFICE_TO_COUNTY 党政办→县委办' });
const ReportKindEnum = builder.enumType(ReportKind, { name: 'ReportKind', description: 'INITIAL 初报/首报, UPDATE 事态发展, FOLLOW_UP 续报, FINAL 终报' });
const DecisionEnum = builder.enumType(ApprovalDecision, { name: 'ApprovalDecision' });
const ClockStateEnum = builder.enumType('ClockState', {
  description: 'Where the emergency clock stands now (server time)',
  values: {
    COUNTING: { description: '2 小时内，倒计时中' },
    WARNING: { description: '临近 2 小时报送时限' },
    LATE: { description: '已超过 2 小时未报县委办 (迟报)' },
    CONCEALED: { description: '已超过 10 小时未报 (漏报/瞒报)' },
    REPORTED: { description: '已向县委办首报' },
  } as const,
});
const TimelinessEnum = builder.enumType('Timeliness', {
  values: {
    ON_TIME: { description: '按时报送 (≤ 2 小时)' },
    LATE: { description: '迟报 (> 2 小时, ≤ 10 小时)' },
    CONCEALED: { description: '漏报/瞒报 (> 10 小时或未报)' },
  } as const,
});

builder.prismaObject('IncidentReport', {
  description: 'One entry of the report timeline: unit → office (初报, 事态发展) or office → county (首报, 续报, 终报)',
  fields: (t) => ({
    id: t.exposeID('id'),
    direction: t.expose('direction', { type: DirectionEnum }),
    kind: t.expose('kind', { type: ReportKindEnum }),
    number: t.exposeInt('number'),
    label: t.string({
      description: 'Chinese heading: 初报, 事态发展（二）, 首报, 续报一, 终报',
      resolve: (r) =>
        r.direction === 'UNIT_TO_OFFICE'
          ? r.kind === 'INITIAL' ? '初报' : `事态发展（${chineseNumber(r.number - 1)}）`
          : r.kind === 'INITIAL' ? '首报' : r.kind === 'FINAL' ? '终报' : `续报${chineseNumber(r.number - 1)}`,
    }),
    progress: t.exposeString('progress', { nullable: true, description: '事态进展' }),
    measures: t.exposeString('measures', { nullable: true, description: '处置措施' }),
    causes: t.exposeString('causes', { nullable: true, description: '事件原因' }),
    consequences: t.exposeString('consequences', { nullable: true, description: '后果' }),
    workDone: t.exposeString('workDone', { nullable: true, description: '开展的工作' }),
    results: t.exposeString('results', { nullable: true, description: '处理结果' }),
    method: t.exposeString('method', { nullable: true }),
    byMainLeaderPersonally: t.exposeBoolean('byMainLeaderPersonally', { description: '主要领导亲自汇报' }),
    sentAt: t.expose('sentAt', { type: 'DateTime' }),
    sentBy: t.relation('sentBy'),
  }),
});

builder.prismaObject('IncidentApproval', {
  fields: (t) => ({
    id: t.exposeID('id'),
    requestedAt: t.expose('requestedAt', { type: 'DateTime' }),
    requestedBy: t.relation('requestedBy'),
    approver: t.relation('approver', { nullable: true }),
    decision: t.expose('decision', { type: DecisionEnum }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    comment: t.exposeString('comment', { nullable: true }),
  }),
});

builder.prismaObject('IncidentLeaderNotice', {
  description: '分管领导已知悉',
  fields: (t) => ({
    leader: t.relation('leader'),
    method: t.exposeString('method'),
    notifiedAt: t.expose('notifiedAt', { type: 'DateTime' }),
  }),
});

builder.prismaObject('DeadlineCrossing', {
  description: 'A deadline line this incident crossed (warn-1800, warn-600, late, concealed, followup-n)',
  fields: (t) => ({
    line: t.exposeString('line'),
    dueAt: t.expose('dueAt', { type: 'DateTime' }),
    claimedAt: t.expose('claimedAt', { type: 'DateTime', description: 'when the engine announced it' }),
  }),
});

const StepRef = builder
  .objectRef<{ step: string; label: string; from: Date; to: Date | null; seconds: number; holderId: string | null; holderName: string | null }>('AccountabilityStep')
  .implement({
    description: '追责: how long the incident spent at one step and who held it',
    fields: (t) => ({
      step: t.exposeString('step', { description: 'UNIT_TO_OFFICE | OFFICE_TO_COUNTY, or with the main leader\'s consent OFFICE_TO_APPROVAL | APPROVAL | APPROVAL_TO_COUNTY; after a refusal REJECTED_TO_APPROVAL (asked again, or not yet) | REJECTED_TO_COUNTY' }),
      label: t.exposeString('label'),
      from: t.expose('from', { type: 'DateTime' }),
      to: t.expose('to', { type: 'DateTime', nullable: true, description: 'null while still at this step' }),
      seconds: t.exposeInt('seconds'),
      holderId: t.exposeID('holderId', { nullable: true }),
      holderName: t.exposeString('holderName', { nullable: true }),
    }),
  });

builder.prismaObject('Incident', {
  authScopes: (row, ctx) => canSeeIncidentSummary(ctx.viewer, row.unitId),
  description: '突发事件',
  fields: (t) => ({
    id: t.exposeID('id'),
    unit: t.relation('unit'),
    kind: t.expose('kind', { type: IncidentKindEnum }),
    severity: t.expose('severity', { type: SeverityEnum }),
    title: t.exposeString('title'),
    location: t.exposeString('location'),
    description: t.exposeString('description', { authScopes: (row, _args, ctx) => canReadIncident(ctx.viewer, row.unitId), description: '事件经过' }),
    casualties: t.exposeString('casualties', { authScopes: (row, _args, ctx) => canReadIncident(ctx.viewer, row.unitId), description: '伤亡情况' }),
    losses: t.exposeString('losses', { authScopes: (row, _args, ctx) => canReadIncident(ctx.viewer, row.unitId), description: '损失情况' }),
    measures: t.exposeString('measures', { authScopes: (row, _args, ctx) => canReadIncident(ctx.viewer, row.unitId), description: '已采取的措施' }),
    reporterName: t.exposeString('reporterName', { authScopes: (row, _args, ctx) => canReadIncident(ctx.viewer, row.unitId) }),
    reporterPhone: t.exposeString('reporterPhone', { authScopes: (row, _args, ctx) => canReadIncident(ctx.viewer, row.unitId) }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '事件发生时间: every deadline counts from here' }),
    reportedAt: t.expose('reportedAt', { type: 'DateTime', description: 'when the office received the first report' }),
    reportedBy: t.relation('reportedBy', { authScopes: (row, _args, ctx) => canReadIncident(ctx.viewer, row.unitId) }),
    enteredBy: t.relation('enteredBy', { authScopes: (row, _args, ctx) => canReadIncident(ctx.viewer, row.unitId) }),
    enteredByViewer: t.boolean({
      description: 'the viewer entered this incident themself (a unit\'s informant, or the office taking a phone report down): their own screens need not announce it to them as news',
      select: { enteredById: true },
      resolve: (row, _args, ctx) => ctx.viewer?.personId === row.enteredById,
    }),
    status: t.expose('status', { type: IncidentStatusEnum }),
    acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime', nullable: true }),
    firstCountyReportAt: t.expose('firstCountyReportAt', { type: 'DateTime', nullable: true, description: '首报县委办时间' }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    lateAt: t.field({
      type: 'DateTime',
      description: 'the 2-hour line: a first county report after this instant is 迟报',
      resolve: async (i) => new Date(i.occurredAt.getTime() + (await deadlineConfig()).lateAfterSec * 1000),
    }),
    concealedAt: t.field({
      type: 'DateTime',
      description: 'the 10-hour line: after this instant it is 漏报/瞒报',
      resolve: async (i) => new Date(i.occurredAt.getTime() + (await deadlineConfig()).concealedAfterSec * 1000),
    }),
    warningAt: t.field({
      type: ['DateTime'],
      description: 'warning moments before the 2-hour line',
      resolve: async (i) => {
        const cfg = await deadlineConfig();
        return cfg.warnBeforeSec.filter((s) => s < cfg.lateAfterSec).map((s) => new Date(i.occurredAt.getTime() + (cfg.lateAfterSec - s) * 1000));
      },
    }),
    nextFollowUpDueAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'when the next 续报 is due (open incidents already reported to the county)',
      select: { closedAt: true, reports: { where: { direction: 'OFFICE_TO_COUNTY' }, select: { sentAt: true }, orderBy: { sentAt: 'desc' }, take: 1 } },
      resolve: async (i) =>
        nextFollowUpDue({ closedAt: i.closedAt, lastCountyReportAt: i.reports[0]?.sentAt ?? null }, await deadlineConfig()),
    }),
    consentRequestedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'when the main leader\'s consent (主要领导同意) was last asked, while it is awaited; null otherwise. Each new request has its own time, so a screen that missed the refusal in between still sees a new request',
      select: { status: true, approvals: { where: { decision: 'PENDING' }, select: { requestedAt: true }, orderBy: { requestedAt: 'desc' }, take: 1 } },
      resolve: (i) => (i.status === 'AWAITING_APPROVAL' ? (i.approvals[0]?.requestedAt ?? null) : null),
    }),
    lastUnitUpdateAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'when the unit last sent a development (事态发展) to the office itself; null before the first. The office relays it to the county in a 续报. Developments the office took down by phone are not counted: the office has them already',
      select: {
        reports: {
          where: { direction: 'UNIT_TO_OFFICE', kind: 'UPDATE', method: UNIT_REPORT_METHOD.SENT },
          select: { sentAt: true },
          orderBy: { sentAt: 'desc' },
          take: 1,
        },
      },
      resolve: (i) => i.reports[0]?.sentAt ?? null,
    }),
    clockState: t.field({
      type: ClockStateEnum,
      description: 'state of the emergency clock at server time now',
      resolve: async (i) => clockState(i.occurredAt, i.firstCountyReportAt, new Date(), await deadlineConfig()),
    }),
    timeliness: t.field({
      type: TimelinessEnum,
      nullable: true,
      description: 'classification of the first county report; null while undecided',
      resolve: async (i) => timeliness(i.occurredAt, i.firstCountyReportAt, new Date(), await deadlineConfig()),
    }),
    needsApproval: t.boolean({
      description: '须经主要领导同意方可报县',
      resolve: async (i) => needsApproval(i.severity, await deadlineConfig()),
    }),
    reports: t.relation('reports', { authScopes: (row, _args, ctx) => canReadIncident(ctx.viewer, row.unitId), query: { orderBy: [{ sentAt: 'asc' }, { number: 'asc' }] } }),
    approvals: t.relation('approvals', { authScopes: (row, _args, ctx) => canReadIncident(ctx.viewer, row.unitId), query: { orderBy: { requestedAt: 'asc' } } }),
    leaderNotices: t.relation('leaderNotices', { authScopes: (row, _args, ctx) => canReadIncident(ctx.viewer, row.unitId), query: { orderBy: { notifiedAt: 'asc' } } }),
    crossings: t.relation('crossings', { query: { orderBy: { dueAt: 'asc' } } }),
    accountability: t.field({ authScopes: (row, _args, ctx) => canReadIncident(ctx.viewer, row.unitId),
      type: [StepRef],
      description: '追责: time spent at each step and who held it',
      resolve: (i) => accountability(i.id),
    }),
  }),
});

const ReportIncidentInput = builder.inputType('ReportIncidentInput', {
  description: '初报 fields, as Chinese first reports require',
  fields: (t) => ({
    unitId: t.id({ required: true }),
    kind: t.field({ type: IncidentKindEnum, required: true }),
    severity: t.field({ type: SeverityEnum, required: true }),
    title: t.string({ required: true }),
    occurredAt: t.field({ type: 'DateTime', required: true, description: 'when it happened; never later than now' }),
    location: t.string({ required: true }),
    description: t.string({ required: true, description: '事件经过' }),
    casualties: t.string({ required: true, description: '伤亡情况 so far' }),
    losses: t.string({ required: true, description: '损失情况 so far' }),
    measures: t.string({ required: true, description: '已采取的措施' }),
    reporterName: t.string({ required: true }),
    reporterPhone: t.string({ required: true }),
    idempotencyKey: t.string({ description: 'client-generated per filled-in form; a retried report with the same key returns the first incident' }),
  }),
});

const IncidentUpdateInput = builder.inputType('IncidentUpdateInput', {
  fields: (t) => ({
    progress: t.string({ required: true, description: '事态发展' }),
    measures: t.string(),
    casualties: t.string(),
    idempotencyKey: t.string({ description: 'client-generated per filled-in form; the same report sent again is recorded once' }),
  }),
});

const CountyReportKindEnum = builder.enumType('CountyReportKind', {
  values: { INITIAL: { description: '首报' }, FOLLOW_UP: { description: '续报' }, FINAL: { description: '终报 (closes the incident)' } } as const,
});

const CountyReportInput = builder.inputType('CountyReportInput', {
  fields: (t) => ({
    kind: t.field({ type: CountyReportKindEnum, required: true }),
    progress: t.string({ description: '事态进展' }),
    measures: t.string({ description: '处置措施' }),
    causes: t.string({ description: '事件原因' }),
    consequences: t.string({ description: '后果' }),
    workDone: t.string({ description: '针对事件开展的工作' }),
    results: t.string({ description: '处理结果' }),
    method: t.string({ description: '报送方式, e.g. 电话, 书面' }),
    byMainLeaderPersonally: t.boolean({ description: '主要领导亲自汇报 (main leader only; audited)' }),
    idempotencyKey: t.string({ description: 'client-generated per filled-in form; the same report sent again is recorded once' }),
  }),
});

const TimelinessRowRef = builder
  .objectRef<{ key: string; name: string; total: number; onTime: number; late: number; concealed: number; pending: number; overdue: number }>('TimelinessRow')
  .implement({
    fields: (t) => ({
      key: t.exposeID('key', { description: 'unit id or person id' }),
      name: t.exposeString('name'),
      total: t.exposeInt('total'),
      onTime: t.exposeInt('onTime'),
      late: t.exposeInt('late', { description: '迟报' }),
      concealed: t.exposeInt('concealed', { description: '漏报/瞒报' }),
      pending: t.exposeInt('pending', { description: 'not yet decided' }),
      overdue: t.exposeInt('overdue', { description: 'of the pending ones, past the 2-hour line (已超 2 小时尚未报县: late at best)' }),
    }),
  });

const TimelinessStatsRef = builder.objectRef<Awaited<ReturnType<typeof timelinessStats>>>('TimelinessStats').implement({
  fields: (t) => ({
    period: t.field({ type: PeriodRef, resolve: (s) => s.period }),
    byUnit: t.field({ type: [TimelinessRowRef], resolve: (s) => s.byUnit }),
    byPerson: t.field({ type: [TimelinessRowRef], description: 'by the person holding the incident when the 2-hour line passed (late, concealed, and pending past the line)', resolve: (s) => s.byPerson }),
  }),
});

const DeadlineConfigRef = builder.objectRef<Awaited<ReturnType<typeof deadlineConfig>>>('DeadlineConfig').implement({
  description: 'The emergency clock in force (configurable; the regulation’s defaults are 2 h and 10 h)',
  fields: (t) => ({
    lateAfterSec: t.exposeInt('lateAfterSec', { description: '迟报 line, seconds after the event (default 7200)' }),
    concealedAfterSec: t.exposeInt('concealedAfterSec', { description: '漏报/瞒报 line (default 36000)' }),
    warnBeforeSec: t.exposeIntList('warnBeforeSec', { description: 'warnings before the late line (default 1800, 600)' }),
    followUpEverySec: t.exposeInt('followUpEverySec', { description: '续报 cadence (default 7200)' }),
    approvalFrom: t.expose('approvalFrom', { type: SeverityEnum, description: 'severity from which the main leader must consent' }),
  }),
});

builder.queryFields((t) => ({
  deadlineConfig: t.field({
    type: DeadlineConfigRef,
    authScopes: { signedIn: true },
    resolve: () => deadlineConfig(),
  }),
  incidents: t.prismaField({
    authScopes: { dashboard: true },
    type: ['Incident'],
    description: 'Incidents: open ones first by event time, or those that happened in a period',
    args: { open: t.arg.boolean(), period: t.arg.string(), unitId: t.arg.id(), first: t.arg.int({ defaultValue: 50 }) },
    resolve: (query, _root, args, ctx) => {
      const period = args.period ? parsePeriodOrThrow(args.period) : null;
      return db().incident.findMany({
        ...query,
        where: {
          ...incidentListWhere(ctx.viewer),
          ...(args.open === true ? { closedAt: null } : args.open === false ? { closedAt: { not: null } } : {}),
          ...(args.unitId ? { AND: [{ unitId: args.unitId }] } : {}),
          ...(period ? { occurredAt: { gte: period.start, lt: period.end } } : {}),
        },
        orderBy: [{ occurredAt: 'desc' }],
        take: Math.min(Math.max(args.first ?? 50, 0), 500),
      });
    },
  }),
  incident: t.prismaField({
    authScopes: { dashboard: true },
    type: 'Incident',
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args) => db().incident.findUnique({ ...query, where: { id: args.id } }),
  }),
  incidentTimeliness: t.field({
    authScopes: { assessment: true },
    type: TimelinessStatsRef,
    description: '迟报/瞒报 counts per unit and per person for incidents that happened in a period',
    args: { period: t.arg.string({ required: true }) },
    resolve: (_root, args) => timelinessStats(parsePeriodOrThrow(args.period)),
  }),
}));

builder.mutationFields((t) => ({
  reportIncident: t.prismaField({
    authScopes: { actor: true },
    type: 'Incident',
    description: '报告突发事件 (初报): an informant for their unit, or the office after a phone call',
    args: { input: t.arg({ type: ReportIncidentInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const i = await reportIncident(requireViewer(ctx.viewer), input);
      return db().incident.findUniqueOrThrow({ ...query, where: { id: i.id } });
    },
  }),
  acknowledgeIncident: t.prismaField({
    authScopes: { office: true },
    type: 'Incident',
    description: '党政办确认接收; with leaderMethod, records that the leader in charge was told and how',
    args: { id: t.arg.id({ required: true }), leaderMethod: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      await acknowledgeIncident(requireViewer(ctx.viewer), args.id, args.leaderMethod ?? null);
      return db().incident.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  addIncidentUpdate: t.prismaField({
    authScopes: { actor: true },
    type: 'Incident',
    description: '报告事态发展',
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: IncidentUpdateInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      await addIncidentUpdate(requireViewer(ctx.viewer), args.id, args.input);
      return db().incident.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  requestIncidentApproval: t.prismaField({
    authScopes: { office: true },
    type: 'Incident',
    description: '提请主要领导同意',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      await requestApproval(requireViewer(ctx.viewer), args.id);
      return db().incident.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  decideIncidentApproval: t.prismaField({
    authScopes: { mainLeader: true },
    type: 'Incident',
    description: '主要领导同意/不同意报县',
    args: { id: t.arg.id({ required: true }), approve: t.arg.boolean({ required: true }), comment: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      await decideApproval(requireViewer(ctx.viewer), args.id, args.approve, args.comment ?? null);
      return db().incident.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  reportIncidentToCounty: t.prismaField({
    authScopes: { actor: true },
    type: 'Incident',
    description: '向县委办报送 (首报/续报/终报): the office only — no skipping levels',
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: CountyReportInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      await reportToCounty(requireViewer(ctx.viewer), args.id, args.input);
      return db().incident.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
}));
