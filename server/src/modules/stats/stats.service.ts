import { db } from '../../db.js';
import { AppError } from '../../errors.js';
import { elapsedFraction, monthsOf, parsePeriod, periodContaining, PeriodError, type Period } from '../period/period.rules.js';
import type { QuotaRaise } from '../../generated/sqlite/client.js';
import { QuotaBook, raisesInWords, RULE_KINDS } from './quota.rules.js';
import type { UnitKind } from '../../generated/sqlite/enums.js';
import { UNIT_KIND_LABEL } from '../unit/unit-kind.js';
import { adoptionRate, quotaStatus, type QuotaStatus } from './stats.rules.js';

export function parsePeriodOrThrow(key: string): Period {
  try {
    return parsePeriod(key);
  } catch (e) {
    if (e instanceof PeriodError) throw new AppError('period/invalid', e.message);
    throw e;
  }
}

export interface UnitSummaryRow {
  unitId: string;
  submitted: number;
  adopted: number;
  adoptionRate: number;
  quotaMinimum: number | null;
  quotaStatus: QuotaStatus;
}

export interface PeriodSummary {
  period: Period;
  submitted: number;
  adopted: number;
  adoptionRate: number;
  rows: UnitSummaryRow[];
  /** the 阶段性定额 within the period, in words (see `raisesNote`) */
  quotaNote: string | null;
}

/**
 * Item counts per unit and status. Whole months, quarters and years read the
 * month rollup (a few thousand rows at county scale); days and free ranges are
 * short, so they count the items themselves.
 */
export async function countsByUnitAndStatus(period: Period): Promise<{ unitId: string; status: string; count: number }[]> {
  if (period.kind === 'MONTH' || period.kind === 'QUARTER' || period.kind === 'YEAR') {
    const months = monthsOf(period);
    const rows = await db().itemMonthStat.groupBy({ by: ['unitId', 'status'], where: { month: { in: months } }, _sum: { count: true } });
    return rows.map((r) => ({ unitId: r.unitId, status: r.status, count: r._sum.count ?? 0 }));
  }
  const rows = await db().item.groupBy({ by: ['unitId', 'status'], where: { submittedAt: { gte: period.start, lt: period.end } }, _count: { _all: true } });
  return rows.map((r) => ({ unitId: r.unitId, status: r.status, count: r._count._all }));
}

/** The quota rules in force and every raise (a handful of rows: read whole). */
export async function loadQuotaBook(): Promise<QuotaBook<QuotaRaise>> {
  const [rules, raises] = await Promise.all([db().quotaRule.findMany({ where: { active: true } }), db().quotaRaise.findMany()]);
  return new QuotaBook(rules, raises);
}

/**
 * The 阶段性定额 that apply within a period, in words, for the kinds of the units listed
 * (a quarter or a year: each with its month or quarter), or null when there are none.
 */
export function raisesNote(book: QuotaBook<QuotaRaise>, period: Period, kinds: readonly UnitKind[]): string | null {
  const present = RULE_KINDS.filter((k) => kinds.includes(k));
  return raisesInWords(book.raisesWithin(period, present), (k) => UNIT_KIND_LABEL[k as UnitKind], period.kind === 'MONTH' ? undefined : (key) => parsePeriod(key).label);
}

/** Per-unit submitted / adopted / quota standing for a period (default: this month, CST). */
export async function unitSummary(periodKey: string | null | undefined, now = new Date()): Promise<PeriodSummary> {
  const period = periodKey ? parsePeriodOrThrow(periodKey) : periodContaining('MONTH', now);
  const [units, book, counts] = await Promise.all([
    db().unit.findMany({ where: { active: true, kind: { not: 'OFFICE' } }, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] }),
    loadQuotaBook(),
    countsByUnitAndStatus(period),
  ]);
  const submitted = new Map<string, number>();
  const adopted = new Map<string, number>();
  for (const c of counts) {
    submitted.set(c.unitId, (submitted.get(c.unitId) ?? 0) + c.count);
    if (c.status === 'ADOPTED') adopted.set(c.unitId, (adopted.get(c.unitId) ?? 0) + c.count);
  }
  const elapsed = elapsedFraction(period, now);
  const rows = units.map((u) => {
    const s = submitted.get(u.id) ?? 0;
    const a = adopted.get(u.id) ?? 0;
    const minimum = book.minimum(u.kind, period);
    return { unitId: u.id, submitted: s, adopted: a, adoptionRate: adoptionRate(s, a), quotaMinimum: minimum, quotaStatus: quotaStatus(s, minimum, elapsed) };
  });
  const totalS = rows.reduce((n, r) => n + r.submitted, 0);
  const totalA = rows.reduce((n, r) => n + r.adopted, 0);
  const quotaNote = raisesNote(book, period, units.map((u) => u.kind));
  return { period, submitted: totalS, adopted: totalA, adoptionRate: adoptionRate(totalS, totalA), rows, quotaNote };
}
