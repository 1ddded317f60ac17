import { db } from '../../db.js';
import { AppError } from '../../errors.js';
import { writeWithEvents } from '../../events/event-log.js';
import { eventKinds } from '../../events/kinds.js';
import type { Viewer } from '../../context.js';
import type { ItemCategory, UnitKind } from '../../generated/sqlite/enums.js';
import { deadlineConfig } from '../incident/deadline-config.js';
import { timeliness } from '../incident/incident.rules.js';
import { holderAt } from '../incident/accountability.service.js';
import { lastMonths, monthKey, monthsOf, parsePeriod, periodContaining, type Period } from '../period/period.rules.js';
import { countsByUnitAndStatus, loadQuotaBook, parsePeriodOrThrow, raisesNote } from '../stats/stats.service.js';
import type { QuotaRaise } from '../../generated/sqlite/client.js';
import type { QuotaBook } from '../stats/quota.rules.js';
import { adoptionRate, firstRecordedMonth } from '../stats/stats.rules.js';
import { DEFAULT_SCHEME, LEVELS, quotaProgress, rank, schemeProblems, score, type Level, type QuotaProgress, type ScoringScheme, type Tally } from './assessment.rules.js';

const activeUnits = () =>
  db().unit.findMany({ where: { active: true, kind: { not: 'OFFICE' } }, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] });

async function countsByUnit(period: Period): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const r of await countsByUnitAndStatus(period)) out.set(r.unitId, (out.get(r.unitId) ?? 0) + r.count);
  return out;
}

export interface QuotaRow {
  unitId: string;
  month: QuotaProgress | null;
  quarter: QuotaProgress | null;
  /** 阶段性定额 raising this month's or quarter's minimum for the unit's kind */
  monthRaise: QuotaRaise | null;
  quarterRaise: QuotaRaise | null;
  /** changes of the kind's standing rules from a later month */
  upcoming: ReturnType<QuotaBook['upcoming']>;
}

/** Quota progress of every unit for the current month and quarter (rules from the database). */
export async function quotaBoard(now = new Date()) {
  const month = periodContaining('MONTH', now);
  const quarter = periodContaining('QUARTER', now);
  const [units, book, m, q] = await Promise.all([activeUnits(), loadQuotaBook(), countsByUnit(month), countsByUnit(quarter)]);
  const rows: QuotaRow[] = units.map((u) => {
    const mMin = book.month(u.kind, month.key);
    const qMin = book.quarter(u.kind, quarter.key);
    return {
      unitId: u.id,
      month: mMin === null ? null : quotaProgress(m.get(u.id) ?? 0, mMin, month, now),
      quarter: qMin === null ? null : quotaProgress(q.get(u.id) ?? 0, qMin, quarter, now),
      monthRaise: book.raise(u.kind, month.key),
      quarterRaise: book.raise(u.kind, quarter.key),
      upcoming: book.upcoming(u.kind, month.key),
    };
  });
  return { month, quarter, rows };
}

/** 催报: records a reminder to each unit behind its quota and tells their screens. */
export async function sendReminders(viewer: Viewer, unitIds: string[], message: string | null, now = new Date()) {
  if (!viewer.roles.has('OFFICE')) throw new AppError('auth/forbidden', '只有党政办可以催报');
  if (unitIds.length === 0) throw new AppError('input/invalid', '请选择要催报的单位');
  const text = message?.trim() || '请抓紧报送本期信息，按时完成报送任务。';
  if ([...text].length > 500) throw new AppError('input/too_long', '催报内容不能超过 500 字');
  const units = await db().unit.findMany({ where: { id: { in: unitIds }, active: true } });
  if (units.length !== new Set(unitIds).size) throw new AppError('unit/not_found', '部分单位不存在');
  const period = periodContaining('MONTH', now).key;
  return writeWithEvents(async (tx, s) => {
    const out = [];
    for (const u of units) {
      const r = await tx.reminder.create({ data: { unitId: u.id, period, message: text, sentById: viewer.personId, createdAt: now } });
      s.emit({ kind: eventKinds.REMINDER_SENT, entityId: r.id, unitId: u.id });
      s.audit({ action: 'reminder.send', actorId: viewer.personId, actorRoles: [...viewer.roles].join(','), entityType: 'Reminder', entityId: r.id, after: { unitId: u.id, message: text } });
      out.push(r);
    }
    return out;
  });
}

export interface StatsRow {
  key: string;
  name: string;
  unitKind: UnitKind | null;
  submitted: number;
  adopted: number;
  adoptionRate: number;
  byCategory: { category: ItemCategory; count: number }[];
  byLevel: { level: Level; count: number }[];
  quotaMinimum: number | null;
  quotaMet: boolean | null;
  rank: number;
}

/** Items of a unit or a person in a period: counts, by category, and adoptions by level. */
interface PeriodTally {
  submitted: number;
  adopted: number;
  byCategory: Map<ItemCategory, number>;
  byLevel: Map<Level, number>;
}
function tallyOf(map: Map<string, PeriodTally>, key: string): PeriodTally {
  let t = map.get(key);
  if (!t) map.set(key, (t = { submitted: 0, adopted: 0, byCategory: new Map(), byLevel: new Map() }));
  return t;
}
function countInto(t: PeriodTally, g: { status: string; category: ItemCategory; adoptionLevel: Level | null }, n: number): void {
  t.submitted += n;
  t.byCategory.set(g.category, (t.byCategory.get(g.category) ?? 0) + n);
  if (g.status !== 'ADOPTED') return;
  t.adopted += n;
  if (g.adoptionLevel) t.byLevel.set(g.adoptionLevel, (t.byLevel.get(g.adoptionLevel) ?? 0) + n);
}

/**
 * Statistics for any period (CST): per unit and per person, with category and
 * adoption-level breakdowns, quota met or not, ranked by adopted then submitted.
 */
export async function statistics(periodKey: string, now = new Date()) {
  const period = parsePeriodOrThrow(periodKey);
  // One pass over the period's items, grouped as finely as every figure below needs
  // (a year of a county's items is read once, not six times), then summed per unit
  // and per person.
  const [units, book, groups] = await Promise.all([
    activeUnits(),
    loadQuotaBook(),
    db().item.groupBy({
      by: ['unitId', 'authorId', 'status', 'category', 'adoptionLevel'],
      where: { submittedAt: { gte: period.start, lt: period.end } },
      _count: { _all: true },
    }),
  ]);
  const byUnit = new Map<string, PeriodTally>();
  const byAuthor = new Map<string, PeriodTally>();
  for (const g of groups) {
    for (const t of [tallyOf(byUnit, g.unitId), tallyOf(byAuthor, g.authorId)]) countInto(t, g, g._count._all);
  }
  const build = (key: string, name: string, unitKind: UnitKind | null, t: PeriodTally | undefined, minimum: number | null): StatsRow => {
    const submitted = t?.submitted ?? 0;
    const adopted = t?.adopted ?? 0;
    return {
      key,
      name,
      unitKind,
      submitted,
      adopted,
      adoptionRate: adoptionRate(submitted, adopted),
      byCategory: [...(t?.byCategory ?? [])].sort(([a], [b]) => a.localeCompare(b)).map(([category, count]) => ({ category, count })),
      byLevel: [...(t?.byLevel ?? [])].sort(([a], [b]) => a.localeCompare(b)).map(([level, count]) => ({ level, count })),
      quotaMinimum: minimum,
      quotaMet: minimum === null ? null : submitted >= minimum,
      rank: 0,
    };
  };
  const unitRows = units.map((u) =>
    build(
      u.id,
      u.name,
      u.kind,
      byUnit.get(u.id),
      book.minimum(u.kind, period),
    ),
  );
  const people = await db().person.findMany({ where: { id: { in: [...byAuthor.keys()] } }, include: { unit: { select: { name: true } } } });
  const personRows = people.map((p) => build(p.id, p.unit ? `${p.name}（${p.unit.name}）` : p.name, null, byAuthor.get(p.id), null));
  const ranked = (rows: StatsRow[]) =>
    rank(rows.map((r) => ({ ...r, total: r.adopted * 10_000 + r.submitted }))).map(({ total: _t, ...r }) => r);
  const submitted = unitRows.reduce((n, r) => n + r.submitted, 0);
  const adopted = unitRows.reduce((n, r) => n + r.adopted, 0);
  // the minimums above a kind's rule, said under the table (a quarter or year: with their month or quarter)
  const quotaNote = raisesNote(book, period, units.map((u) => u.kind));
  return { period, submitted, adopted, adoptionRate: adoptionRate(submitted, adopted), units: ranked(unitRows), people: ranked(personRows), quotaNote };
}

/**
 * Submitted and adopted per month for the `months` months ending with `now`'s
 * (optionally one unit), read from the month rollup (ItemMonthStat): the wall asks
 * for it after every burst of events. A month before the township's first item is
 * not `recorded`: reporting then went on outside Xinbao, so its zeros are no figures.
 */
export async function monthlyTrend(months: number, unitId: string | null, now = new Date()) {
  const n = Math.min(Math.max(months, 1), 36);
  const periods = lastMonths(now, n);
  const [rows, first] = await Promise.all([
    db().itemMonthStat.groupBy({
      by: ['month', 'status'],
      where: { month: { in: periods.map((p) => p.key) }, ...(unitId ? { unitId } : {}) },
      _sum: { count: true },
    }),
    // the earliest month in the rollup's key order: its index finds it without a scan
    db().itemMonthStat.findFirst({ where: { count: { gt: 0 } }, orderBy: { month: 'asc' }, select: { month: true } }),
  ]);
  const recordedFrom = firstRecordedMonth(first?.month ?? null, monthKey(now));
  return periods.map((p) => {
    const mine = rows.filter((r) => r.month === p.key);
    const submitted = mine.reduce((sum, r) => sum + (r._sum.count ?? 0), 0);
    const adopted = mine.filter((r) => r.status === 'ADOPTED').reduce((sum, r) => sum + (r._sum.count ?? 0), 0);
    return { period: p, submitted, adopted, adoptionRate: adoptionRate(submitted, adopted), recorded: p.key >= recordedFrom };
  });
}

// ───────────────────────────── 公示栏 monthly notice ─────────────────────────────

/**
 * A month's notice from the items as they are now: every active unit, in display order,
 * and the 阶段性定额 that applied to the month in words.
 */
async function noticeContent(period: Period) {
  const [units, book, statusRows] = await Promise.all([activeUnits(), loadQuotaBook(), countsByUnitAndStatus(period)]);
  const quotaNote = raisesNote(book, period, units.map((u) => u.kind));
  const rows = units.map((u, i) => {
    const submitted = statusRows.filter((r) => r.unitId === u.id).reduce((n, r) => n + r.count, 0);
    const adopted = statusRows.filter((r) => r.unitId === u.id && r.status === 'ADOPTED').reduce((n, r) => n + r.count, 0);
    const minimum = book.month(u.kind, period.key);
    return { unitId: u.id, unitName: u.name, unitKind: u.kind, submitted, adopted, quotaMinimum: minimum, quotaMet: minimum === null ? null : submitted >= minimum, sortOrder: i };
  });
  return { rows, quotaNote };
}

/** What a notice states, one line per unit and its quota note, for comparing a draft with the data now. */
const noticeFigures = (n: { rows: { unitId: string; submitted: number; adopted: number; quotaMinimum: number | null }[]; quotaNote: string | null }) =>
  [...n.rows.map((r) => `${r.unitId}:${r.submitted}:${r.adopted}:${r.quotaMinimum ?? '-'}`), n.quotaNote ?? '-'].join('\n');

/** Two people making the same month's new revision at once: the second is told to look again. */
async function busyOnClash<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') throw new AppError('notice/busy', '公示草稿刚刚被他人生成或发布，请刷新后再试');
    throw err;
  }
}

/**
 * Generates (or regenerates) the draft notice for a month from the items as they
 * are now. A month whose latest revision is published gets a new draft revision:
 * the published one is never changed — a correction is a visible new revision.
 */
export async function generateNotice(viewer: Viewer, monthKey: string, note: string | null, now = new Date()) {
  if (!viewer.roles.has('OFFICE')) throw new AppError('auth/forbidden', '只有党政办可以生成公示');
  const period = parsePeriodOrThrow(monthKey);
  if (period.kind !== 'MONTH') throw new AppError('period/invalid', '公示按月生成，期间应为 2026-11 这样的月份');
  const { rows, quotaNote } = await noticeContent(period);
  return busyOnClash(() => writeWithEvents(async (tx, s) => {
    const latest = await tx.monthlyNotice.findFirst({ where: { month: period.key }, orderBy: { revision: 'desc' } });
    let notice;
    if (latest && latest.status === 'DRAFT') {
      // claimed from the state read above: two drafts made at the same moment (or a
      // publish in between) do not interleave their rows
      const claimed = await tx.monthlyNotice.updateMany({ where: { id: latest.id, status: 'DRAFT', generatedAt: latest.generatedAt }, data: { generatedAt: now, note: note?.trim() || latest.note, quotaNote } });
      if (claimed.count !== 1) throw new AppError('notice/busy', '公示草稿刚刚被他人生成或发布，请刷新后再试');
      await tx.noticeRow.deleteMany({ where: { noticeId: latest.id } });
      notice = await tx.monthlyNotice.findUniqueOrThrow({ where: { id: latest.id } });
    } else {
      if (latest && !note?.trim()) throw new AppError('input/invalid', '该月公示已发布；生成更正版须填写更正说明');
      notice = await tx.monthlyNotice.create({ data: { month: period.key, revision: (latest?.revision ?? 0) + 1, generatedAt: now, note: note?.trim() || null, quotaNote } });
    }
    await tx.noticeRow.createMany({ data: rows.map((r) => ({ ...r, noticeId: notice.id })) });
    s.emit({ kind: eventKinds.NOTICE_CHANGED, entityId: notice.id });
    s.audit({ action: 'notice.generate', actorId: viewer.personId, actorRoles: [...viewer.roles].join(','), entityType: 'MonthlyNotice', entityId: notice.id, after: { month: period.key, revision: notice.revision } });
    return notice;
  }));
}

/** Publishes a draft: from now on it is a fixed record. */
export async function publishNotice(viewer: Viewer, id: string, now = new Date()) {
  if (!viewer.roles.has('OFFICE')) throw new AppError('auth/forbidden', '只有党政办可以发布公示');
  // a draft is published only as the data stands: an item sent, reviewed or revised
  // since it was generated (or a unit added) would make the fixed record wrong
  const draft = await db().monthlyNotice.findUnique({ where: { id }, include: { rows: { orderBy: { sortOrder: 'asc' } } } });
  if (draft && draft.status === 'DRAFT' && noticeFigures(draft) !== noticeFigures(await noticeContent(parsePeriodOrThrow(draft.month)))) {
    throw new AppError('notice/stale', '草稿生成后数据有变化（新报送、审核或单位调整），请重新生成草稿后再发布');
  }
  return writeWithEvents(async (tx, s) => {
    const notice = await tx.monthlyNotice.findUnique({ where: { id } });
    if (!notice) throw new AppError('notice/not_found', '公示不存在');
    if (notice.status === 'PUBLISHED') throw new AppError('notice/published', '该公示已发布，不能再修改');
    // published once, and only the draft that was checked above (not one made again meanwhile)
    const claimed = await tx.monthlyNotice.updateMany({ where: { id, status: 'DRAFT', generatedAt: draft?.generatedAt ?? notice.generatedAt }, data: { status: 'PUBLISHED', publishedAt: now, publishedById: viewer.personId } });
    if (claimed.count !== 1) throw new AppError('notice/busy', '公示草稿刚刚被他人生成或发布，请刷新后再试');
    const published = await tx.monthlyNotice.findUniqueOrThrow({ where: { id } });
    s.emit({ kind: eventKinds.NOTICE_CHANGED, entityId: id });
    s.audit({ action: 'notice.publish', actorId: viewer.personId, actorRoles: [...viewer.roles].join(','), entityType: 'MonthlyNotice', entityId: id, after: { month: notice.month, revision: notice.revision } });
    return published;
  });
}

// ───────────────────────────── 年终考核 scoring ─────────────────────────────

export const SCORING_KEY = 'assessment.scoring';

export async function loadScheme(): Promise<ScoringScheme> {
  const row = await db().setting.findUnique({ where: { key: SCORING_KEY } });
  if (!row) return DEFAULT_SCHEME;
  try {
    const s = { ...DEFAULT_SCHEME, ...(JSON.parse(row.value) as Partial<ScoringScheme>) };
    return schemeProblems(s).length ? DEFAULT_SCHEME : s;
  } catch {
    return DEFAULT_SCHEME;
  }
}

export async function saveScheme(viewer: Viewer, scheme: ScoringScheme) {
  if (!viewer.roles.has('OFFICE')) throw new AppError('auth/forbidden', '只有党政办可以修改考核办法');
  const problems = schemeProblems(scheme);
  if (problems.length) throw new AppError('config/invalid', `考核办法无效：${problems.map((p) => p.message).join('；')}`, { fields: problems.map((p) => p.field) });
  const before = await loadScheme();
  await writeWithEvents(async (tx, s) => {
    const value = JSON.stringify(scheme);
    await tx.setting.upsert({ where: { key: SCORING_KEY }, create: { key: SCORING_KEY, value }, update: { value } });
    s.audit({ action: 'assessment.scheme', actorId: viewer.personId, actorRoles: [...viewer.roles].join(','), entityType: 'Setting', entityId: SCORING_KEY, before, after: scheme });
  });
  return scheme;
}

/**
 * Year-end assessment: units and persons ranked by score, each with the breakdown
 * behind it. Quotas count per month and per quarter of the year that have ended
 * (or the whole year once it is over); incident deductions use the 2-hour and
 * 10-hour classification, charged to the unit and to the person holding the
 * incident at the 2-hour line.
 */
export async function yearScores(year: number, now = new Date()) {
  const period = parsePeriodOrThrow(String(year));
  const scheme = await loadScheme();
  const cfg = await deadlineConfig();
  const where = { submittedAt: { gte: period.start, lt: period.end } };
  // One pass over the year's items (per unit and author at once) and one read of the
  // month rollup for every month and quarter: at county scale each scan of a year's
  // items costs hundreds of milliseconds.
  const [units, book, groups, monthRows, incidents] = await Promise.all([
    activeUnits(),
    loadQuotaBook(),
    db().item.groupBy({ by: ['unitId', 'authorId', 'adoptionLevel'], where, _count: { _all: true } }),
    db().itemMonthStat.groupBy({ by: ['month', 'unitId'], where: { month: { in: monthsOf(period) } }, _sum: { count: true } }),
    db().incident.findMany({
      where: { occurredAt: { gte: period.start, lt: period.end } },
      include: {
        reportedBy: { select: { id: true, name: true } },
        unit: { select: { id: true, name: true } },
        approvals: { orderBy: { requestedAt: 'asc' }, include: { approver: { select: { id: true, name: true } } } },
        reports: { where: { direction: 'OFFICE_TO_COUNTY' }, orderBy: { sentAt: 'asc' }, take: 1, include: { sentBy: { select: { id: true, name: true } } } },
      },
    }),
  ]);
  const blank = (): Tally => ({ items: 0, adoptions: {}, monthsQuotaMet: 0, quartersQuotaMet: 0, lateReports: 0, concealedReports: 0 });
  const unitTally = new Map(units.map((u) => [u.id, blank()]));
  const personTally = new Map<string, Tally>();
  const add = (t: Tally, level: Level | null, n: number) => {
    t.items += n;
    if (level) t.adoptions[level] = (t.adoptions[level] ?? 0) + n;
  };
  for (const r of groups) {
    const ut = unitTally.get(r.unitId);
    if (ut) add(ut, r.adoptionLevel, r._count._all);
    const pt = personTally.get(r.authorId) ?? blank();
    add(pt, r.adoptionLevel, r._count._all);
    personTally.set(r.authorId, pt);
  }
  // Quotas: only periods already over count (a running month is not yet failed or met).
  const ended = (p: Period) => p.end <= now;
  const inMonth = new Map<string, Map<string, number>>();
  for (const r of monthRows) {
    const m = inMonth.get(r.month) ?? new Map<string, number>();
    m.set(r.unitId, r._sum.count ?? 0);
    inMonth.set(r.month, m);
  }
  const countsIn = (p: Period) => {
    const out = new Map<string, number>();
    for (const key of monthsOf(p)) for (const [unitId, n] of inMonth.get(key) ?? []) out.set(unitId, (out.get(unitId) ?? 0) + n);
    return out;
  };
  const months = Array.from({ length: 12 }, (_, i) => parsePeriod(`${year}-${String(i + 1).padStart(2, '0')}`)).filter(ended);
  const quarters = [1, 2, 3, 4].map((q) => parsePeriod(`${year}-Q${q}`)).filter(ended);
  const monthCounts = months.map(countsIn);
  const quarterCounts = quarters.map(countsIn);
  for (const u of units) {
    const t = unitTally.get(u.id)!;
    // each month and quarter against its own minimum (a raised one asks for more)
    t.monthsQuotaMet = months.filter((p, i) => {
      const min = book.month(u.kind, p.key);
      return min !== null && (monthCounts[i]!.get(u.id) ?? 0) >= min;
    }).length;
    t.quartersQuotaMet = quarters.filter((p, i) => {
      const min = book.quarter(u.kind, p.key);
      return min !== null && (quarterCounts[i]!.get(u.id) ?? 0) >= min;
    }).length;
  }
  for (const i of incidents) {
    const t = timeliness(i.occurredAt, i.firstCountyReportAt, now, cfg);
    if (t !== 'LATE' && t !== 'CONCEALED') continue;
    const field = t === 'LATE' ? 'lateReports' : 'concealedReports';
    const ut = unitTally.get(i.unitId);
    if (ut) ut[field]++;
    const h = holderAt(i, new Date(i.occurredAt.getTime() + cfg.lateAfterSec * 1000), { id: i.acknowledgedById, name: null });
    if (h.id) {
      const pt = personTally.get(h.id) ?? blank();
      pt[field]++;
      personTally.set(h.id, pt);
    }
  }
  const people = await db().person.findMany({ where: { id: { in: [...personTally.keys()] } }, include: { unit: { select: { name: true } } } });
  const unitRows = units.map((u) => ({ key: u.id, name: u.name, ...score(unitTally.get(u.id)!, scheme) }));
  const personRows = people.map((p) => ({ key: p.id, name: p.unit ? `${p.name}（${p.unit.name}）` : p.name, ...score(personTally.get(p.id)!, scheme) }));
  return { year, scheme, units: rank(unitRows), people: rank(personRows) };
}

export { LEVELS };
