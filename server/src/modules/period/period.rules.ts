/**
 * Periods in China Standard Time (Asia/Shanghai, UTC+8, no daylight saving since
 * 1991), whatever the server's own time zone. All arithmetic shifts instants by the
 * fixed offset and reads UTC fields, so `TZ` of the process never matters.
 */
export const CST_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

export type PeriodKind = 'DAY' | 'MONTH' | 'QUARTER' | 'YEAR' | 'RANGE';

export interface Period {
  kind: PeriodKind;
  /** Normalised key: 2026-11-25 | 2026-11 | 2026-Q4 | 2026 | 2026-11-01..2026-11-15 */
  key: string;
  /** Chinese label, e.g. 2026年11月 */
  label: string;
  /** Inclusive start instant. */
  start: Date;
  /** Exclusive end instant. */
  end: Date;
}

export interface CstParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Calendar fields of an instant as read on a clock in China. */
export function cstParts(at: Date): CstParts {
  const d = new Date(at.getTime() + CST_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** The instant of a CST wall-clock time (month may overflow, as with Date.UTC). */
export function cstInstant(year: number, month: number, day = 1, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - CST_OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

export function dayKey(at: Date): string {
  const p = cstParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}
export function monthKey(at: Date): string {
  const p = cstParts(at);
  return `${p.year}-${pad(p.month)}`;
}
export function quarterKey(at: Date): string {
  const p = cstParts(at);
  return `${p.year}-Q${Math.ceil(p.month / 3)}`;
}

export class PeriodError extends Error {
  override name = 'PeriodError';
}

function day(y: number, m: number, d: number): Period {
  const start = cstInstant(y, m, d);
  if (cstParts(start).day !== d || cstParts(start).month !== m) throw new PeriodError(`没有这一天: ${y}-${pad(m)}-${pad(d)}`);
  return { kind: 'DAY', key: `${y}-${pad(m)}-${pad(d)}`, label: `${y}年${m}月${d}日`, start, end: new Date(start.getTime() + DAY_MS) };
}

function checkYear(y: number) {
  if (y < 2000 || y > 2100) throw new PeriodError(`年份超出范围 (2000–2100): ${y}`);
}

/** Parses a period key; throws PeriodError with a Chinese message on bad input. */
export function parsePeriod(key: string): Period {
  const s = key.trim();
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})-(\d{2})-(\d{2})\.\.(\d{4})-(\d{2})-(\d{2})$/))) {
    const a = day(+m[1]!, +m[2]!, +m[3]!);
    const b = day(+m[4]!, +m[5]!, +m[6]!);
    checkYear(+m[1]!);
    checkYear(+m[4]!);
    if (b.start < a.start) throw new PeriodError(`日期范围的结束早于开始: ${s}`);
    return { kind: 'RANGE', key: `${a.key}..${b.key}`, label: `${a.label}至${b.label}`, start: a.start, end: b.end };
  }
  if ((m = s.match(/^(\d{4})-(\d{2})-(\d{2})$/))) {
    checkYear(+m[1]!);
    return day(+m[1]!, +m[2]!, +m[3]!);
  }
  if ((m = s.match(/^(\d{4})-(\d{2})$/))) {
    const y = +m[1]!;
    const mo = +m[2]!;
    checkYear(y);
    if (mo < 1 || mo > 12) throw new PeriodError(`月份无效: ${s}`);
    return { kind: 'MONTH', key: `${y}-${pad(mo)}`, label: `${y}年${mo}月`, start: cstInstant(y, mo), end: cstInstant(y, mo + 1) };
  }
  if ((m = s.match(/^(\d{4})-Q([1-4])$/i))) {
    const y = +m[1]!;
    const q = +m[2]!;
    checkYear(y);
    return { kind: 'QUARTER', key: `${y}-Q${q}`, label: `${y}年第${'一二三四'[q - 1]}季度`, start: cstInstant(y, q * 3 - 2), end: cstInstant(y, q * 3 + 1) };
  }
  if ((m = s.match(/^(\d{4})$/))) {
    const y = +m[1]!;
    checkYear(y);
    return { kind: 'YEAR', key: `${y}`, label: `${y}年`, start: cstInstant(y, 1), end: cstInstant(y + 1, 1) };
  }
  throw new PeriodError(`无法识别的期间 "${key}"，应为 2026-11、2026-Q4、2026、2026-11-25 或 2026-11-01..2026-11-15`);
}

/** The month, quarter, year or day that contains `at`. */
export function periodContaining(kind: Exclude<PeriodKind, 'RANGE'>, at: Date): Period {
  const p = cstParts(at);
  switch (kind) {
    case 'DAY':
      return parsePeriod(dayKey(at));
    case 'MONTH':
      return parsePeriod(monthKey(at));
    case 'QUARTER':
      return parsePeriod(quarterKey(at));
    case 'YEAR':
      return parsePeriod(String(p.year));
  }
}

/** Share of the period already elapsed at `now`, clamped to [0, 1]. */
export function elapsedFraction(period: Period, now: Date): number {
  const total = period.end.getTime() - period.start.getTime();
  const done = now.getTime() - period.start.getTime();
  return Math.min(1, Math.max(0, done / total));
}

/** Whether `now` falls in the period: its figures can still change. */
export function isUnderWay(period: Period, now: Date): boolean {
  return now >= period.start && now < period.end;
}

/** Whole CST calendar days left in the period, counting today; 0 once it has ended. */
export function daysLeft(period: Period, now: Date): number {
  if (now >= period.end) return 0;
  const from = now < period.start ? period.start : parsePeriod(dayKey(now)).start;
  return Math.round((period.end.getTime() - from.getTime()) / DAY_MS);
}

/** The `count` months ending with the one containing `at`, oldest first. */
export function lastMonths(at: Date, count: number): Period[] {
  const p = cstParts(at);
  const out: Period[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(parsePeriod(monthKey(cstInstant(p.year, p.month - i, 15))));
  return out;
}

/** Month keys covered by a month, quarter or year. */
export function monthsOf(period: Period): string[] {
  const out: string[] = [];
  for (let t = period.start.getTime(); t < period.end.getTime(); ) {
    const key = monthKey(new Date(t));
    out.push(key);
    t = parsePeriod(key).end.getTime();
  }
  return out;
}
