/**
 * The regulation's emergency clock (四.2), as pure functions. Every deadline counts
 * from the moment the event happened (事件发生后), exact to the second.
 */
import type { Severity } from '../../generated/sqlite/enums.js';

export interface DeadlineConfig {
  /** First county report later than this is 迟报 (late). Default 2 h. */
  lateAfterSec: number;
  /** Later than this, or never, is 漏报/瞒报 (omitted / concealed). Default 10 h. */
  concealedAfterSec: number;
  /** Warnings before the late line, in seconds before it. Default 30 and 10 minutes. */
  warnBeforeSec: number[];
  /** An open incident reported to the county needs a 续报 at least this often. Default 2 h. */
  followUpEverySec: number;
  /** Severity from which the main leader must approve (or report personally). Default 重大. */
  approvalFrom: Severity;
}

export const DEFAULT_DEADLINES: DeadlineConfig = {
  lateAfterSec: 2 * 3600,
  concealedAfterSec: 10 * 3600,
  warnBeforeSec: [30 * 60, 10 * 60],
  followUpEverySec: 2 * 3600,
  approvalFrom: 'MAJOR',
};

const SEVERITY_RANK: Record<Severity, number> = { GENERAL: 1, LARGE: 2, MAJOR: 3, EXTRAORDINARY: 4 };

/** Whether the first county report needs the main leader's consent (主要领导亲自汇报或同意). */
export function needsApproval(severity: Severity, cfg: Pick<DeadlineConfig, 'approvalFrom'> = DEFAULT_DEADLINES): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[cfg.approvalFrom];
}

export type Timeliness = 'ON_TIME' | 'LATE' | 'CONCEALED';

/**
 * Final classification of the first report to the county. On time up to and
 * including exactly the late line; late up to and including the concealed line;
 * concealed beyond it, or never reported once the concealed line has passed.
 * Returns null while it is still open to be decided (not reported, line not passed).
 */
export function timeliness(
  occurredAt: Date,
  firstCountyReportAt: Date | null,
  now: Date,
  cfg: Pick<DeadlineConfig, 'lateAfterSec' | 'concealedAfterSec'> = DEFAULT_DEADLINES,
): Timeliness | null {
  const classify = (elapsedMs: number): Timeliness =>
    elapsedMs <= cfg.lateAfterSec * 1000 ? 'ON_TIME' : elapsedMs <= cfg.concealedAfterSec * 1000 ? 'LATE' : 'CONCEALED';
  if (firstCountyReportAt) return classify(Math.max(0, firstCountyReportAt.getTime() - occurredAt.getTime()));
  const elapsed = now.getTime() - occurredAt.getTime();
  return elapsed > cfg.concealedAfterSec * 1000 ? 'CONCEALED' : null;
}

/** Where an open, not-yet-reported incident stands right now (drives colours and alarms). */
export type ClockState = 'COUNTING' | 'WARNING' | 'LATE' | 'CONCEALED' | 'REPORTED';

export function clockState(
  occurredAt: Date,
  firstCountyReportAt: Date | null,
  now: Date,
  cfg: Pick<DeadlineConfig, 'lateAfterSec' | 'concealedAfterSec' | 'warnBeforeSec'> = DEFAULT_DEADLINES,
): ClockState {
  if (firstCountyReportAt) return 'REPORTED';
  const elapsed = now.getTime() - occurredAt.getTime();
  if (elapsed > cfg.concealedAfterSec * 1000) return 'CONCEALED';
  if (elapsed > cfg.lateAfterSec * 1000) return 'LATE';
  const firstWarning = Math.max(0, ...cfg.warnBeforeSec);
  return elapsed >= (cfg.lateAfterSec - firstWarning) * 1000 ? 'WARNING' : 'COUNTING';
}

/** A line an incident crosses, named so that the database can claim it once. */
export interface DeadlineLine {
  /** `warn-1800`, `warn-600`, `late`, `concealed`, `followup-<n>` */
  line: string;
  dueAt: Date;
}

export interface IncidentClock {
  occurredAt: Date;
  firstCountyReportAt: Date | null;
  /** Time of the latest report to the county (first or follow-up), if any. */
  lastCountyReportAt: Date | null;
  /** How many reports have gone to the county so far. */
  countyReports: number;
  closedAt: Date | null;
}

/**
 * Every line an incident will cross while open, in time order. Before the first
 * county report: the warnings, the late line (strictly after 2 h: crossing happens
 * at 2 h + 1 ms, when a report would no longer be on time) and the concealed line.
 * After it: the next follow-up due time.
 */
export function deadlineLines(c: IncidentClock, cfg: DeadlineConfig = DEFAULT_DEADLINES): DeadlineLine[] {
  if (c.closedAt) return [];
  const t0 = c.occurredAt.getTime();
  if (!c.firstCountyReportAt) {
    const lines: DeadlineLine[] = cfg.warnBeforeSec
      .filter((s) => s > 0 && s < cfg.lateAfterSec)
      .map((s) => ({ line: `warn-${s}`, dueAt: new Date(t0 + (cfg.lateAfterSec - s) * 1000) }));
    lines.push({ line: 'late', dueAt: new Date(t0 + cfg.lateAfterSec * 1000 + 1) });
    lines.push({ line: 'concealed', dueAt: new Date(t0 + cfg.concealedAfterSec * 1000 + 1) });
    return lines.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }
  return [{ line: `followup-${c.countyReports}`, dueAt: nextFollowUpDue(c, cfg)! }];
}

/** When the next 续报 is due: a cadence after the latest county report; null before the first or once closed. */
export function nextFollowUpDue(c: Pick<IncidentClock, 'closedAt' | 'lastCountyReportAt'>, cfg: Pick<DeadlineConfig, 'followUpEverySec'> = DEFAULT_DEADLINES): Date | null {
  if (c.closedAt || !c.lastCountyReportAt) return null;
  return new Date(c.lastCountyReportAt.getTime() + cfg.followUpEverySec * 1000);
}

/** Lines due at `now` (dueAt ≤ now) that have not been claimed yet. */
export function dueLines(lines: DeadlineLine[], claimed: ReadonlySet<string>, now: Date): DeadlineLine[] {
  return lines.filter((l) => l.dueAt.getTime() <= now.getTime() && !claimed.has(l.line));
}

/** Chinese numerals for follow-up titles: 续报一, 续报二 … (up to 99). */
export function chineseNumber(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 10) return d[n]!;
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  return d[Math.floor(n / 10)]! + '十' + (n % 10 ? d[n % 10] : '');
}

/** Validates an event time: not in the future (small clock slack), not absurdly old. */
export function eventTimeProblem(occurredAt: Date, now: Date): string | null {
  if (Number.isNaN(occurredAt.getTime())) return '事件发生时间无效';
  if (occurredAt.getTime() > now.getTime() + 60_000) return '事件发生时间不能晚于当前时间';
  if (now.getTime() - occurredAt.getTime() > 366 * 86_400_000) return '事件发生时间距今超过一年，请核实';
  return null;
}
