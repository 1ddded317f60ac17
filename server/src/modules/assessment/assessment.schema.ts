import { builder } from '../../builder.js';
import { db } from '../../db.js';
import { requireViewer } from '../auth/auth.service.js';
import { AdoptionLevelEnum, CategoryCountRef } from '../item/item.schema.js';
import { UnitKindEnum } from '../unit/unit.schema.js';
import { QuotaStatusEnum } from '../stats/stats.schema.js';
import type { QuotaProgress, ScoreLine, ScoringScheme } from './assessment.rules.js';
import { scoreRules } from './assessment.rules.js';
import {
  generateNotice,
  loadScheme,
  monthlyTrend,
  publishNotice,
  quotaBoard,
  saveScheme,
  sendReminders,
  statistics,
  yearScores,
  type QuotaRow,
  type StatsRow,
} from './assessment.service.js';
import { adoptionRate } from '../stats/stats.rules.js';
import { isUnderWay, monthKey, parsePeriod, type Period } from '../period/period.rules.js';
import type { QuotaRaise, QuotaRule } from '../../generated/sqlite/client.js';
import { listQuotaRaises, listQuotaRules, removeQuotaRaise, removeQuotaRule, setQuotaRaise, setQuotaRule } from '../stats/quota.service.js';
import { quotaRuleVersions } from '../stats/quota.rules.js';
import { isOffice, itemListWhere } from '../auth/policy.js';

export const PeriodRef = builder.objectRef<Period>('Period').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    label: t.exposeString('label'),
    start: t.expose('start', { type: 'DateTime' }),
    end: t.expose('end', { type: 'DateTime', description: 'exclusive' }),
    underWay: t.boolean({
      description: 'true while the period is running (server time): its figures can still change and a quota not met yet may still be',
      resolve: (p) => isUnderWay(p, new Date()),
    }),
  }),
});

const QuotaProgressRef = builder.objectRef<QuotaProgress>('QuotaProgress').implement({
  description: '定额进度',
  fields: (t) => ({
    minimum: t.exposeInt('minimum'),
    submitted: t.exposeInt('submitted'),
    needed: t.exposeInt('needed', { description: '还需报送条数' }),
    daysLeft: t.exposeInt('daysLeft', { description: '剩余天数 (CST, today included)' }),
    status: t.expose('status', { type: QuotaStatusEnum }),
  }),
});

/** a raise as stored, with who set it where the query read that */
type QuotaRaiseRow = QuotaRaise & { setBy?: { name: string } };
const QuotaRaiseRef = builder.objectRef<QuotaRaiseRow>('QuotaRaise').implement({
  description: '阶段性定额: a month\'s or quarter\'s minimum raised for one kind of unit by central or phased work',
  fields: (t) => ({
    id: t.exposeID('id'),
    period: t.exposeString('period', { description: '2026-12 or 2026-Q4' }),
    periodLabel: t.string({ resolve: (r) => parsePeriod(r.period).label }),
    unitKind: t.field({ type: UnitKindEnum, resolve: (r) => r.unitKind }),
    minimum: t.exposeInt('minimum'),
    reason: t.exposeString('reason', { description: 'the work that asks for it' }),
    setByName: t.string({ nullable: true, resolve: (r) => r.setBy?.name ?? null }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    over: t.boolean({ description: 'its period has ended (it can no longer be changed)', resolve: (r) => parsePeriod(r.period).end.getTime() <= Date.now() }),
  }),
});

const QuotaPeriodEnum = builder.enumType('QuotaPeriod', {
  values: { MONTH: { description: '月度定额' }, QUARTER: { description: '季度定额' } } as const,
});

const QuotaChangeRef = builder.objectRef<QuotaRow['upcoming'][number]>('QuotaChange').implement({
  description: 'a change of a kind\'s standing rule from a later month',
  fields: (t) => ({
    period: t.field({ type: QuotaPeriodEnum, resolve: (c) => c.period }),
    minimum: t.exposeInt('minimum', { description: '0: no such quota from then on' }),
    effectiveFrom: t.exposeString('effectiveFrom'),
    effectiveFromLabel: t.string({ resolve: (c) => parsePeriod(c.effectiveFrom).label }),
  }),
});

const QuotaRowRef = builder.objectRef<QuotaRow>('QuotaRow').implement({
  fields: (t) => ({
    unit: t.prismaField({ type: 'Unit', resolve: (q, r) => db().unit.findUniqueOrThrow({ ...q, where: { id: r.unitId } }) }),
    month: t.field({ type: QuotaProgressRef, nullable: true, resolve: (r) => r.month }),
    quarter: t.field({ type: QuotaProgressRef, nullable: true, resolve: (r) => r.quarter }),
    monthRaise: t.field({ type: QuotaRaiseRef, nullable: true, description: 'this month\'s minimum raised for the unit\'s kind', resolve: (r) => r.monthRaise }),
    quarterRaise: t.field({ type: QuotaRaiseRef, nullable: true, description: 'this quarter\'s minimum raised for the unit\'s kind', resolve: (r) => r.quarterRaise }),
    upcoming: t.field({ type: [QuotaChangeRef], description: 'changes of the unit kind\'s standing rules from a later month, the soonest first', resolve: (r) => r.upcoming }),
  }),
});


const QuotaRuleRef = builder.objectRef<QuotaRule>('QuotaRule').implement({
  description: '常规定额 (五.2): one version of a kind\'s monthly or quarterly minimum, in force from a month on',
  fields: (t) => ({
    id: t.exposeID('id'),
    unitKind: t.field({ type: UnitKindEnum, resolve: (r) => r.unitKind }),
    period: t.field({ type: QuotaPeriodEnum, resolve: (r) => r.period }),
    minimum: t.exposeInt('minimum', { description: '0: no quota of this period from then on' }),
    effectiveFrom: t.exposeString('effectiveFrom', { description: 'the first month it applies to (2027-01)' }),
    effectiveFromLabel: t.string({ resolve: (r) => parsePeriod(r.effectiveFrom).label }),
  }),
});

const QuotaRuleVersionsRef = builder.objectRef<{ unitKind: QuotaRule['unitKind']; period: QuotaRule['period']; current: QuotaRule | null; scheduled: QuotaRule[]; past: QuotaRule[] }>('QuotaRuleVersions').implement({
  description: 'one kind\'s monthly or quarterly rule through time',
  fields: (t) => ({
    unitKind: t.field({ type: UnitKindEnum, resolve: (v) => v.unitKind }),
    period: t.field({ type: QuotaPeriodEnum, resolve: (v) => v.period }),
    current: t.field({ type: QuotaRuleRef, nullable: true, description: 'in force this month', resolve: (v) => v.current }),
    scheduled: t.field({ type: [QuotaRuleRef], description: 'in force from later months, the soonest first', resolve: (v) => v.scheduled }),
    past: t.field({ type: [QuotaRuleRef], description: 'replaced before this month, the latest first', resolve: (v) => v.past }),
  }),
});

const QuotaRaiseInput = builder.inputType('QuotaRaiseInput', {
  fields: (t) => ({
    period: t.string({ required: true, description: '2026-12 or 2026-Q4, not yet over' }),
    unitKind: t.field({ type: UnitKindEnum, required: true }),
    minimum: t.int({ required: true, description: 'above the kind\'s own minimum for such a period' }),
    reason: t.string({ required: true, description: 'the central or phased work that asks for it (2–60 characters)' }),
  }),
});

const QuotaBoardRef = builder.objectRef<Awaited<ReturnType<typeof quotaBoard>>>('QuotaBoard').implement({
  fields: (t) => ({
    month: t.field({ type: PeriodRef, resolve: (b) => b.month }),
    quarter: t.field({ type: PeriodRef, resolve: (b) => b.quarter }),
    rows: t.field({ type: [QuotaRowRef], resolve: (b) => b.rows }),
    behind: t.field({
      type: [QuotaRowRef],
      description: '进度落后的单位 (month or quarter behind pace)',
      resolve: (b) => b.rows.filter((r) => r.month?.status === 'BEHIND' || r.quarter?.status === 'BEHIND'),
    }),
  }),
});

const LevelCountRef = builder.objectRef<{ level: string; count: number }>('LevelCount').implement({
  fields: (t) => ({ level: t.field({ type: AdoptionLevelEnum, resolve: (c) => c.level as never }), count: t.exposeInt('count') }),
});

const StatsRowRef = builder.objectRef<StatsRow>('StatsRow').implement({
  fields: (t) => ({
    key: t.exposeID('key', { description: 'unit id or person id' }),
    name: t.exposeString('name'),
    unitKind: t.field({ type: UnitKindEnum, nullable: true, resolve: (r) => r.unitKind }),
    submitted: t.exposeInt('submitted'),
    adopted: t.exposeInt('adopted'),
    adoptionRate: t.exposeFloat('adoptionRate'),
    byCategory: t.field({ type: [CategoryCountRef], resolve: (r) => r.byCategory }),
    byLevel: t.field({ type: [LevelCountRef], resolve: (r) => r.byLevel }),
    quotaMinimum: t.exposeInt('quotaMinimum', { nullable: true }),
    quotaMet: t.exposeBoolean('quotaMet', { nullable: true }),
    rank: t.exposeInt('rank', { description: 'by adopted, then submitted; equal figures share a rank' }),
  }),
});

const StatisticsRef = builder.objectRef<Awaited<ReturnType<typeof statistics>>>('Statistics').implement({
  fields: (t) => ({
    period: t.field({ type: PeriodRef, resolve: (s) => s.period }),
    submitted: t.exposeInt('submitted'),
    adopted: t.exposeInt('adopted'),
    adoptionRate: t.exposeFloat('adoptionRate'),
    units: t.field({ type: [StatsRowRef], resolve: (s) => s.units }),
    people: t.field({ type: [StatsRowRef], resolve: (s) => s.people }),
    quotaNote: t.exposeString('quotaNote', { nullable: true, description: '阶段性定额 that apply within the period, in words' }),
  }),
});

const TrendPointRef = builder.objectRef<Awaited<ReturnType<typeof monthlyTrend>>[number]>('TrendPoint').implement({
  fields: (t) => ({
    period: t.field({ type: PeriodRef, resolve: (p) => p.period }),
    submitted: t.exposeInt('submitted'),
    adopted: t.exposeInt('adopted'),
    adoptionRate: t.exposeFloat('adoptionRate'),
    recorded: t.exposeBoolean('recorded', {
      description: 'false for a month before the township’s first item in Xinbao: its zeros are no figures (reporting went on elsewhere)',
    }),
  }),
});

const NoticeStatusEnum = builder.enumType('NoticeStatus', { values: { DRAFT: { description: '草稿' }, PUBLISHED: { description: '已发布 (fixed record)' } } as const });

builder.prismaObject('NoticeRow', {
  fields: (t) => ({
    unitId: t.exposeID('unitId'),
    unitName: t.exposeString('unitName'),
    unitKind: t.expose('unitKind', { type: UnitKindEnum }),
    submitted: t.exposeInt('submitted', { description: '报送条数' }),
    adopted: t.exposeInt('adopted', { description: '采用条数' }),
    adoptionRate: t.float({ resolve: (r) => adoptionRate(r.submitted, r.adopted) }),
    quotaMinimum: t.exposeInt('quotaMinimum', { nullable: true }),
    quotaMet: t.exposeBoolean('quotaMet', { nullable: true, description: 'null when no monthly quota applies' }),
  }),
});

builder.prismaObject('MonthlyNotice', {
  description: '信息上报公示栏: one revision of a month’s notice',
  fields: (t) => ({
    id: t.exposeID('id'),
    month: t.exposeString('month'),
    revision: t.exposeInt('revision', { description: '1 = first publication; higher = a correction' }),
    status: t.expose('status', { type: NoticeStatusEnum }),
    note: t.exposeString('note', { nullable: true, description: '更正说明' }),
    quotaNote: t.exposeString('quotaNote', { nullable: true, description: '阶段性定额 that applied to the month, in words (fixed with the notice)' }),
    generatedAt: t.expose('generatedAt', { type: 'DateTime' }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    publishedBy: t.relation('publishedBy', { nullable: true }),
    rows: t.relation('rows', { query: { orderBy: { sortOrder: 'asc' } } }),
  }),
});

const ScoreLineRef = builder.objectRef<ScoreLine>('ScoreLine').implement({
  fields: (t) => ({ rule: t.exposeString('rule'), label: t.exposeString('label'), count: t.exposeInt('count'), points: t.exposeFloat('points') }),
});
const ScoreRowRef = builder.objectRef<{ key: string; name: string; total: number; rank: number; lines: ScoreLine[] }>('ScoreRow').implement({
  fields: (t) => ({
    key: t.exposeID('key'),
    name: t.exposeString('name'),
    total: t.exposeFloat('total'),
    rank: t.exposeInt('rank'),
    lines: t.field({ type: [ScoreLineRef], description: 'the breakdown behind the total', resolve: (r) => r.lines }),
  }),
});

const LevelPointsRef = builder.objectRef<ScoringScheme['perAdoption']>('AdoptionPoints').implement({
  fields: (t) => ({
    WEBSITE: t.exposeFloat('WEBSITE'),
    BULLETIN: t.exposeFloat('BULLETIN'),
    COUNTY: t.exposeFloat('COUNTY'),
    CITY: t.exposeFloat('CITY'),
    PROVINCE: t.exposeFloat('PROVINCE'),
  }),
});
const SchemeRef = builder.objectRef<ScoringScheme>('ScoringScheme').implement({
  description: '考核办法: points per item, per adoption by level, for quotas met; deductions for late and concealed reports',
  fields: (t) => ({
    perItem: t.exposeFloat('perItem'),
    perAdoption: t.field({ type: LevelPointsRef, resolve: (s) => s.perAdoption }),
    perMonthQuotaMet: t.exposeFloat('perMonthQuotaMet'),
    perQuarterQuotaMet: t.exposeFloat('perQuarterQuotaMet'),
    perLateReport: t.exposeFloat('perLateReport'),
    perConcealedReport: t.exposeFloat('perConcealedReport'),
  }),
});
const LevelPointsInput = builder.inputType('AdoptionPointsInput', {
  fields: (t) => ({
    WEBSITE: t.float({ required: true }),
    BULLETIN: t.float({ required: true }),
    COUNTY: t.float({ required: true }),
    CITY: t.float({ required: true }),
    PROVINCE: t.float({ required: true }),
  }),
});
const SchemeInput = builder.inputType('ScoringSchemeInput', {
  fields: (t) => ({
    perItem: t.float({ required: true }),
    perAdoption: t.field({ type: LevelPointsInput, required: true }),
    perMonthQuotaMet: t.float({ required: true }),
    perQuarterQuotaMet: t.float({ required: true }),
    perLateReport: t.float({ required: true, description: '≤ 0' }),
    perConcealedReport: t.float({ required: true, description: '≤ 0' }),
  }),
});

const ScoreColumnRef = builder.objectRef<ReturnType<typeof scoreRules>[number]>('ScoreColumn').implement({
  description: 'one line of the scheme as a table column: the rule a ScoreLine carries, its name, what one count is, and the points for each',
  fields: (t) => ({
    rule: t.exposeString('rule'),
    label: t.exposeString('label'),
    per: t.exposeString('per', { description: '条, 个月, 个季度 or 起' }),
    rate: t.exposeFloat('rate', { description: 'points for each count (negative: a deduction)' }),
  }),
});

const YearScoresRef = builder.objectRef<Awaited<ReturnType<typeof yearScores>>>('YearScores').implement({
  fields: (t) => ({
    year: t.exposeInt('year'),
    scheme: t.field({ type: SchemeRef, resolve: (y) => y.scheme }),
    unitColumns: t.field({ type: [ScoreColumnRef], description: 'the columns of the units table, in order', resolve: (y) => scoreRules(y.scheme, 'units') }),
    personColumns: t.field({ type: [ScoreColumnRef], description: 'the columns of the informants table (no quotas: they are a unit\'s)', resolve: (y) => scoreRules(y.scheme, 'people') }),
    units: t.field({ type: [ScoreRowRef], resolve: (y) => y.units }),
    people: t.field({ type: [ScoreRowRef], resolve: (y) => y.people }),
  }),
});

builder.prismaObject('Reminder', {
  description: '催报',
  fields: (t) => ({
    id: t.exposeID('id'),
    unit: t.relation('unit'),
    period: t.exposeString('period'),
    message: t.exposeString('message'),
    sentBy: t.relation('sentBy'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryFields((t) => ({
  quotaBoard: t.field({
    authScopes: { dashboard: true }, type: QuotaBoardRef, description: '定额进度: every unit for the current month and quarter', resolve: () => quotaBoard() }),
  statistics: t.field({
    authScopes: { assessment: true },
    type: StatisticsRef,
    description: '统计: per unit and per person for a period (2026-11 | 2026-Q4 | 2026 | 2026-11-25 | a..b)',
    args: { period: t.arg.string({ required: true }) },
    resolve: (_r, a) => statistics(a.period),
  }),
  monthlyTrend: t.field({
    authScopes: { dashboard: true },
    type: [TrendPointRef],
    description: '12-month trend of town-wide (or one unit’s) totals, oldest first; dashboard data',
    args: { months: t.arg.int({ defaultValue: 12 }), unitId: t.arg.id() },
    resolve: (_r, a) => monthlyTrend(a.months ?? 12, a.unitId ?? null),
  }),
  reminders: t.prismaField({
    authScopes: { actor: true },
    type: ['Reminder'],
    args: { unitId: t.arg.id(), first: t.arg.int({ defaultValue: 20 }) },
    resolve: (q, _r, a, ctx) =>
      db().reminder.findMany({ ...q, where: { AND: [a.unitId ? { unitId: a.unitId } : {}, itemListWhere(ctx.viewer)] }, orderBy: { createdAt: 'desc' }, take: Math.min(a.first ?? 20, 200) }),
  }),
  notices: t.prismaField({
    authScopes: { signedIn: true },
    type: ['MonthlyNotice'],
    description: 'notice revisions, newest month and revision first',
    args: { month: t.arg.string() },
    resolve: (q, _r, a, ctx) =>
      db().monthlyNotice.findMany({
        ...q,
        // Drafts are the office's working copies; everyone else sees what was published.
        where: { ...(a.month ? { month: a.month } : {}), ...(isOffice(ctx.viewer) ? {} : { status: 'PUBLISHED' as const }) },
        orderBy: [{ month: 'desc' }, { revision: 'desc' }], take: 100 }),
  }),
  notice: t.prismaField({
    authScopes: { signedIn: true },
    type: 'MonthlyNotice',
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (q, _r, a, ctx) =>
      db().monthlyNotice.findFirst({ ...q, where: { id: a.id, ...(isOffice(ctx.viewer) ? {} : { status: 'PUBLISHED' as const }) } }),
  }),
  scoringScheme: t.field({
    authScopes: { assessment: true }, type: SchemeRef, resolve: () => loadScheme() }),
  quotaRules: t.field({
    authScopes: { dashboard: true },
    type: [QuotaRuleVersionsRef],
    description: '常规定额 of each kind and period: the version in force this month and those scheduled, and the history',
    resolve: async () => quotaRuleVersions(await listQuotaRules(), monthKey(new Date())),
  }),
  quotaRaises: t.field({
    authScopes: { dashboard: true },
    type: [QuotaRaiseRef],
    description: '阶段性定额, the latest month or quarter first',
    resolve: () => listQuotaRaises(),
  }),
  yearScores: t.field({
    authScopes: { assessment: true },
    type: YearScoresRef,
    description: '年终考核: ranked units and persons with the breakdown behind every score',
    args: { year: t.arg.int({ required: true }) },
    resolve: (_r, a) => yearScores(a.year),
  }),
}));

builder.mutationFields((t) => ({
  setQuotaRaise: t.field({
    authScopes: { office: true },
    type: QuotaRaiseRef,
    description: '设置阶段性定额 for a kind of unit in a month or quarter not yet over (or change it); every quota screen follows live',
    args: { input: t.arg({ type: QuotaRaiseInput, required: true }) },
    resolve: async (_r, a, ctx) => {
      const raise = await setQuotaRaise(requireViewer(ctx.viewer), a.input, ctx.address);
      return db().quotaRaise.findUniqueOrThrow({ where: { id: raise.id }, include: { setBy: { select: { name: true } } } });
    },
  }),
  setQuotaRule: t.field({
    authScopes: { office: true },
    type: QuotaRuleRef,
    description: '调整常规定额 of a kind from a month on (this month or later); earlier months keep the version they were counted by',
    args: {
      unitKind: t.arg({ type: UnitKindEnum, required: true }),
      period: t.arg({ type: QuotaPeriodEnum, required: true }),
      minimum: t.arg.int({ required: true, description: '0: no such quota from then on' }),
      effectiveFrom: t.arg.string({ required: true, description: 'the first month (2027-01); a quarterly rule from a quarter\'s first month' }),
    },
    resolve: (_r, a, ctx) => setQuotaRule(requireViewer(ctx.viewer), a, ctx.address),
  }),
  removeQuotaRule: t.boolean({
    authScopes: { office: true },
    description: '撤回 a version not yet in force; the one before it goes on',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, a, ctx) => removeQuotaRule(requireViewer(ctx.viewer), String(a.id), ctx.address),
  }),
  removeQuotaRaise: t.boolean({
    authScopes: { office: true },
    description: '取消阶段性定额 while its period is not yet over: the kind\'s own minimum applies again',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, a, ctx) => removeQuotaRaise(requireViewer(ctx.viewer), String(a.id), ctx.address),
  }),
  sendReminders: t.prismaField({
    authScopes: { office: true },
    type: ['Reminder'],
    description: '一键催报 to the given units’ informants (recorded)',
    args: { unitIds: t.arg.idList({ required: true }), message: t.arg.string() },
    resolve: async (q, _r, a, ctx) => {
      const sent = await sendReminders(requireViewer(ctx.viewer), a.unitIds.map(String), a.message ?? null);
      return db().reminder.findMany({ ...q, where: { id: { in: sent.map((r) => r.id) } }, orderBy: { createdAt: 'asc' } });
    },
  }),
  generateNotice: t.prismaField({
    authScopes: { office: true },
    type: 'MonthlyNotice',
    description: '生成公示 draft for a month (regenerates a draft; after publication creates a correction revision, which needs a note)',
    args: { month: t.arg.string({ required: true }), note: t.arg.string() },
    resolve: async (q, _r, a, ctx) => {
      const n = await generateNotice(requireViewer(ctx.viewer), a.month, a.note ?? null);
      return db().monthlyNotice.findUniqueOrThrow({ ...q, where: { id: n.id } });
    },
  }),
  publishNotice: t.prismaField({
    authScopes: { office: true },
    type: 'MonthlyNotice',
    description: '发布公示: the draft becomes a fixed record',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (q, _r, a, ctx) => {
      await publishNotice(requireViewer(ctx.viewer), a.id);
      return db().monthlyNotice.findUniqueOrThrow({ ...q, where: { id: a.id } });
    },
  }),
  saveScoringScheme: t.field({
    authScopes: { office: true },
    type: SchemeRef,
    args: { input: t.arg({ type: SchemeInput, required: true }) },
    resolve: (_r, a, ctx) => saveScheme(requireViewer(ctx.viewer), a.input),
  }),
}));
