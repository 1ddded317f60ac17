import { monthsOf, parsePeriod, type Period } from '../period/period.rules.js';

/**
 * A kind's standing rule (五.2): at least `minimum` items a month or a quarter, from the
 * month `effectiveFrom` on (until a later version; 0: no quota from then). Without
 * `effectiveFrom`, always.
 */
export interface QuotaRuleLike {
  unitKind: string;
  period: 'MONTH' | 'QUARTER';
  minimum: number;
  effectiveFrom?: string;
}

/** The quarter a month is in: 2026-11 → 2026-Q4. */
export const quarterOf = (monthKey: string) => `${monthKey.slice(0, 4)}-Q${Math.floor((Number(monthKey.slice(5)) - 1) / 3) + 1}`;

/** The first month of a month or quarter key: 2026-Q4 → 2026-10. */
export function firstMonthOf(periodKey: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(periodKey);
  return q ? `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}` : periodKey;
}

/** 阶段性定额: one month's or quarter's minimum raised for one kind of unit. */
export interface QuotaRaiseLike {
  unitKind: string;
  /** 2026-12 or 2026-Q4 */
  period: string;
  minimum: number;
  reason: string;
}

const sum = (xs: (number | null)[]): number | null => {
  const known = xs.filter((x): x is number => x !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
};
const larger = (...xs: (number | null)[]): number | null => {
  const known = xs.filter((x): x is number => x !== null);
  return known.length ? Math.max(...known) : null;
};

/**
 * Every minimum a unit kind must meet, from the kinds' rules (each version from its
 * month on) and the raises for particular months and quarters. A raise only ever asks for more: the minimum is the
 * larger of the raise and the rule (a raise gives a kind without such a rule one).
 *
 * - a month: its monthly rule, raised;
 * - a quarter, for statistics: the larger of its quarterly rule (raised) and the sum of
 *   its months' minimums; a year: the larger of its quarters' and its months' sums.
 *   Without raises: a quarter max(Q, 3M), a year max(4Q, 12M), as before raises existed.
 * - days and free ranges have no quota.
 */
export class QuotaBook<R extends QuotaRaiseLike = QuotaRaiseLike> {
  /** each kind's and period's versions, the latest first */
  #rules = new Map<string, { from: string; minimum: number }[]>();
  #raises: Map<string, R>;
  /** each kind's minimum for a period, once worked out */
  #minimums = new Map<string, number | null>();

  constructor(rules: readonly QuotaRuleLike[], raises: readonly R[] = []) {
    for (const r of rules) {
      const key = `${r.unitKind}|${r.period}`;
      const versions = this.#rules.get(key) ?? [];
      versions.push({ from: r.effectiveFrom ?? '', minimum: r.minimum });
      this.#rules.set(key, versions);
    }
    for (const versions of this.#rules.values()) versions.sort((a, b) => (a.from < b.from ? 1 : a.from > b.from ? -1 : 0));
    this.#raises = new Map(raises.map((r) => [`${r.unitKind}|${r.period}`, r]));
  }

  /**
   * The kind's own (standing) minimum for months or quarters in force for the month or
   * quarter `periodKey` (the version in force at its first month), without any raise.
   */
  rule(unitKind: string, period: 'MONTH' | 'QUARTER', periodKey: string): number | null {
    const at = firstMonthOf(periodKey);
    const version = this.#rules.get(`${unitKind}|${period}`)?.find((v) => v.from <= at);
    return version && version.minimum > 0 ? version.minimum : null;
  }

  /** The kind's rule changes in force from a month after `monthKey`, the soonest first. */
  upcoming(unitKind: string, monthKey: string): { period: 'MONTH' | 'QUARTER'; minimum: number; effectiveFrom: string }[] {
    return (['MONTH', 'QUARTER'] as const)
      .flatMap((period) => (this.#rules.get(`${unitKind}|${period}`) ?? []).filter((v) => v.from > monthKey).map((v) => ({ period, minimum: v.minimum, effectiveFrom: v.from })))
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  }

  /**
   * The raises that apply within a period: a month's own; a quarter's and its months';
   * a year's quarters' and months'. In period order, then the kinds as given.
   */
  raisesWithin(period: Period, kinds: readonly string[]): R[] {
    if (period.kind !== 'MONTH' && period.kind !== 'QUARTER' && period.kind !== 'YEAR') return [];
    const months = monthsOf(period);
    // a quarter's own raise, then its months'; a month's statistics know no quarter raise
    const quarters = period.kind === 'MONTH' ? [] : [...new Set(months.map(quarterOf))];
    const keys = period.kind === 'MONTH' ? months : quarters.flatMap((q) => [q, ...months.filter((m) => quarterOf(m) === q)]);
    return keys.flatMap((key) => kinds.map((k) => this.raise(k, key)).filter((r): r is R => r !== null));
  }

  /** The raise for this kind in this month or quarter, if any. */
  raise(unitKind: string, periodKey: string): R | null {
    return this.#raises.get(`${unitKind}|${periodKey}`) ?? null;
  }

  /** The minimum of one month (2026-12) by the monthly rule, raised; null without either. */
  month(unitKind: string, monthKey: string): number | null {
    return larger(this.rule(unitKind, 'MONTH', monthKey), this.raise(unitKind, monthKey)?.minimum ?? null);
  }

  /** The minimum of one quarter (2026-Q4) by the quarterly rule, raised; null without either. */
  quarter(unitKind: string, quarterKey: string): number | null {
    return larger(this.rule(unitKind, 'QUARTER', quarterKey), this.raise(unitKind, quarterKey)?.minimum ?? null);
  }

  /**
   * What a unit of this kind must reach in a period, all rules taken together (see the class).
   * Kept once worked out: a book lives for one request, and a thousand units are of three kinds.
   */
  minimum(unitKind: string, period: Period): number | null {
    const key = `${unitKind}|${period.key}`;
    if (this.#minimums.has(key)) return this.#minimums.get(key)!;
    const value = this.#minimum(unitKind, period);
    this.#minimums.set(key, value);
    return value;
  }

  #minimum(unitKind: string, period: Period): number | null {
    const months = () => sum(monthsOf(period).map((m) => this.month(unitKind, m)));
    switch (period.kind) {
      case 'MONTH':
        return this.month(unitKind, period.key);
      case 'QUARTER':
        return larger(this.quarter(unitKind, period.key), months());
      case 'YEAR': {
        const quarters = [1, 2, 3, 4].map((q) => this.minimum(unitKind, parsePeriod(`${period.key}-Q${q}`)));
        return larger(sum(quarters), months());
      }
      default:
        return null;
    }
  }
}

export interface QuotaRaiseInput {
  period: string;
  minimum: number;
  reason: string;
}

/**
 * What is wrong with a raise, or null: a month or a quarter not yet over (an ended one
 * is counted, published and scored), a whole number above the kind's own minimum for
 * that period (a raise asks for more), and the work that asks for it in a few words.
 */
export function quotaRaiseProblem(input: QuotaRaiseInput, period: Period | null, standing: number | null, now: Date): { field: string; message: string } | null {
  if (!period || (period.kind !== 'MONTH' && period.kind !== 'QUARTER')) return { field: 'period', message: '请选择一个月份（如 2026-12）或季度（如 2026-Q4）' };
  if (period.end.getTime() <= now.getTime()) return { field: 'period', message: `${period.label}已经结束，其定额已用于统计、公示和考核，不能再改` };
  if (!Number.isInteger(input.minimum) || input.minimum < 1 || input.minimum > 999) return { field: 'minimum', message: '定额须为 1–999 的整数' };
  if (standing !== null && input.minimum <= standing) return { field: 'minimum', message: `阶段性定额须高于常规定额（${standing} 条）` };
  const reason = [...input.reason.trim()].length;
  if (reason < 2 || reason > 60) return { field: 'reason', message: '请写明哪项中心或阶段性工作要求（2–60 字）' };
  return null;
}

/**
 * The raises a notice or a statistics table states under it, in words, or null when none
 * applied: "阶段性定额：部门 8 条（安全生产大检查）；行政村 3 条（防汛）", in the order given;
 * with `periodLabel`, each says its month or quarter too (部门 2026年12月 8 条（…）).
 */
export function raisesInWords(raises: readonly (QuotaRaiseLike | null)[], kindLabel: (kind: string) => string, periodLabel?: (key: string) => string): string | null {
  const said = raises
    .filter((r): r is QuotaRaiseLike => r !== null)
    .map((r) => `${kindLabel(r.unitKind)}${periodLabel ? ` ${periodLabel(r.period)}` : ''} ${r.minimum} 条（${r.reason}）`);
  return said.length ? `阶段性定额：${said.join('；')}` : null;
}

export interface QuotaRuleInput {
  period: 'MONTH' | 'QUARTER';
  minimum: number;
  effectiveFrom: string;
}

/**
 * What is wrong with a new version of a standing rule, or null: from this month or a
 * later one (months already under way elsewhere stay as counted, published and scored),
 * a quarterly rule from a quarter's first month, and a whole number (0: no quota).
 */
export function quotaRuleProblem(input: QuotaRuleInput, from: Period | null, currentMonth: string): { field: string; message: string } | null {
  if (!from || from.kind !== 'MONTH') return { field: 'effectiveFrom', message: '请选择起始月份（如 2027-01）' };
  if (from.key < currentMonth) return { field: 'effectiveFrom', message: '新定额只能从本月或以后的月份起执行：已过去的月份已用于统计、公示和考核' };
  if (input.period === 'QUARTER' && (Number(from.key.slice(5)) - 1) % 3 !== 0) {
    return { field: 'effectiveFrom', message: '季度定额须从一个季度的第一个月（1、4、7、10 月）起执行' };
  }
  if (!Number.isInteger(input.minimum) || input.minimum < 0 || input.minimum > 999) return { field: 'minimum', message: '定额须为 0–999 的整数（0 表示不再有此项定额）' };
  return null;
}

/** The kinds of unit that have quotas, in the order documents list them. */
export const RULE_KINDS = ['DEPARTMENT', 'COMMUNITY', 'VILLAGE'] as const;
const RULE_PERIODS = ['MONTH', 'QUARTER'] as const;

/**
 * Each kind's monthly and quarterly rule through time, every kind and period listed
 * (with no version when it has none): the version in force in `currentMonth`, those
 * from later months (the soonest first) and those replaced before (the latest first).
 */
export function quotaRuleVersions<T extends QuotaRuleLike & { effectiveFrom: string }>(rules: readonly T[], currentMonth: string) {
  return RULE_KINDS.flatMap((unitKind) =>
    RULE_PERIODS.map((period) => {
      const mine = rules.filter((r) => r.unitKind === unitKind && r.period === period).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
      const scheduled = mine.filter((r) => r.effectiveFrom > currentMonth).reverse();
      const [current = null, ...past] = mine.filter((r) => r.effectiveFrom <= currentMonth);
      return { unitKind, period, current, scheduled, past };
    }),
  );
}
