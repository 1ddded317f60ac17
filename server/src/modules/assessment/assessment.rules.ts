/**
 * 考核 (五): quota progress and the year-end score, as pure functions.
 */
import { daysLeft, elapsedFraction, type Period } from '../period/period.rules.js';
import { quotaStatus, type QuotaStatus } from '../stats/stats.rules.js';

export interface QuotaProgress {
  minimum: number;
  submitted: number;
  /** Still needed to meet the minimum (0 once met). */
  needed: number;
  /** CST calendar days left in the period, today included. */
  daysLeft: number;
  status: QuotaStatus;
}

export function quotaProgress(submitted: number, minimum: number, period: Period, now: Date): QuotaProgress {
  return {
    minimum,
    submitted,
    needed: Math.max(0, minimum - submitted),
    daysLeft: daysLeft(period, now),
    status: quotaStatus(submitted, minimum, elapsedFraction(period, now)),
  };
}

export type Level = 'WEBSITE' | 'BULLETIN' | 'COUNTY' | 'CITY' | 'PROVINCE';
export const LEVELS: Level[] = ['WEBSITE', 'BULLETIN', 'COUNTY', 'CITY', 'PROVINCE'];

/** The configurable scoring scheme (评优评先). Deductions are negative numbers. */
export interface ScoringScheme {
  perItem: number;
  perAdoption: Record<Level, number>;
  perMonthQuotaMet: number;
  perQuarterQuotaMet: number;
  perLateReport: number;
  perConcealedReport: number;
}

export const DEFAULT_SCHEME: ScoringScheme = {
  perItem: 1,
  perAdoption: { WEBSITE: 2, BULLETIN: 3, COUNTY: 5, CITY: 8, PROVINCE: 12 },
  perMonthQuotaMet: 5,
  perQuarterQuotaMet: 10,
  perLateReport: -5,
  perConcealedReport: -20,
};

/** What a unit or person did in the year: the inputs of its score. */
export interface Tally {
  items: number;
  adoptions: Partial<Record<Level, number>>;
  monthsQuotaMet: number;
  quartersQuotaMet: number;
  lateReports: number;
  concealedReports: number;
}

export interface ScoreLine {
  rule: string;
  label: string;
  count: number;
  points: number;
}

const LEVEL_LABEL: Record<Level, string> = { WEBSITE: '镇政府网站采用', BULLETIN: '镇信息简报采用', COUNTY: '县级采用', CITY: '市级采用', PROVINCE: '省级采用' };

/** One line of the scheme: what it counts and the points for each. */
interface Rule {
  rule: string;
  label: string;
  /** what one count is (条, 个月, …) */
  per: string;
  /** quotas belong to units: a person's score never has this line */
  unitOnly: boolean;
  count: (t: Tally) => number;
  rate: (s: ScoringScheme) => number;
}

const RULES: Rule[] = [
  { rule: 'item', label: '报送信息', per: '条', unitOnly: false, count: (t) => t.items, rate: (s) => s.perItem },
  ...LEVELS.map((l) => ({ rule: `adoption.${l}`, label: LEVEL_LABEL[l], per: '条', unitOnly: false, count: (t: Tally) => t.adoptions[l] ?? 0, rate: (s: ScoringScheme) => s.perAdoption[l] })),
  { rule: 'quota.month', label: '完成月度定额', per: '个月', unitOnly: true, count: (t) => t.monthsQuotaMet, rate: (s) => s.perMonthQuotaMet },
  { rule: 'quota.quarter', label: '完成季度定额', per: '个季度', unitOnly: true, count: (t) => t.quartersQuotaMet, rate: (s) => s.perQuarterQuotaMet },
  { rule: 'incident.late', label: '突发事件迟报', per: '起', unitOnly: false, count: (t) => t.lateReports, rate: (s) => s.perLateReport },
  { rule: 'incident.concealed', label: '突发事件漏报/瞒报', per: '起', unitOnly: false, count: (t) => t.concealedReports, rate: (s) => s.perConcealedReport },
];

/** The scheme's lines in the order tables show them, with the points for each (for units, or for people). */
export function scoreRules(s: ScoringScheme, of: 'units' | 'people'): { rule: string; label: string; per: string; rate: number }[] {
  return RULES.filter((r) => of === 'units' || !r.unitOnly).map((r) => ({ rule: r.rule, label: r.label, per: r.per, rate: r.rate(s) }));
}

/** The score and the breakdown behind it; lines with a zero count are left out. */
export function score(t: Tally, s: ScoringScheme = DEFAULT_SCHEME): { total: number; lines: ScoreLine[] } {
  const lines = RULES.map((r) => ({ rule: r.rule, label: r.label, count: r.count(t), points: r.count(t) * r.rate(s) })).filter((l) => l.count !== 0);
  return { total: lines.reduce((sum, l) => sum + l.points, 0), lines };
}

const SCHEME_FIELD_LABEL = {
  perItem: '每报送 1 条',
  perMonthQuotaMet: '月度定额达标',
  perQuarterQuotaMet: '季度定额达标',
  perLateReport: '每次迟报',
  perConcealedReport: '每次漏报/瞒报',
} as const;

/**
 * Validates a scheme from user input: each problem names the field (as the form
 * names its input: `perItem`, `perAdoption.COUNTY`) and says in Chinese what is wrong.
 * Rewards are 0 to 1000 points, deductions −1000 to 0.
 */
export function schemeProblems(s: ScoringScheme): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1000;
  const reward = (field: string, label: string, v: unknown) => {
    if (!finite(v) || v < 0) out.push({ field, message: `${label}的分值应为 0 到 1000 之间的数` });
  };
  for (const k of ['perItem', 'perMonthQuotaMet', 'perQuarterQuotaMet'] as const) reward(k, SCHEME_FIELD_LABEL[k], s[k]);
  for (const k of ['perLateReport', 'perConcealedReport'] as const) {
    if (!finite(s[k]) || s[k] > 0) out.push({ field: k, message: `${SCHEME_FIELD_LABEL[k]}是扣分，应为 -1000 到 0 之间的数` });
  }
  for (const l of LEVELS) reward(`perAdoption.${l}`, LEVEL_LABEL[l], s.perAdoption?.[l]);
  return out;
}

/** Competition ranking (1, 2, 2, 4): equal totals share a rank. */
export function rank<T extends { total: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  return sorted.map((r, i) => ({ ...r, rank: i > 0 && sorted[i - 1]!.total === r.total ? 0 : i + 1 })).map((r, i, arr) => {
    if (r.rank !== 0) return r;
    let j = i;
    while (arr[j]!.rank === 0) j--;
    return { ...r, rank: arr[j]!.rank };
  });
}
