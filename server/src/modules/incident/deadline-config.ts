import { db } from '../../db.js';
import type { Severity } from '../../generated/sqlite/enums.js';
import { DEFAULT_DEADLINES, type DeadlineConfig } from './incident.rules.js';

export const DEADLINES_KEY = 'incident.deadlines';
const SEVERITIES: Severity[] = ['GENERAL', 'LARGE', 'MAJOR', 'EXTRAORDINARY'];

/**
 * The deadline configuration from the database (so every instance agrees), over
 * the regulation's defaults. Bad stored values fall back to the default field by
 * field rather than breaking the clock.
 */
let cached: { at: number; value: Promise<DeadlineConfig> } | undefined;

/** The same, cached for a second: resolvers call it once per incident field. */
export function deadlineConfig(): Promise<DeadlineConfig> {
  const now = Date.now();
  if (!cached || now - cached.at > 1000) cached = { at: now, value: loadDeadlineConfig() };
  return cached.value;
}

export async function loadDeadlineConfig(): Promise<DeadlineConfig> {
  const row = await db().setting.findUnique({ where: { key: DEADLINES_KEY } });
  if (!row) return DEFAULT_DEADLINES;
  let stored: Partial<DeadlineConfig> = {};
  try {
    stored = JSON.parse(row.value) as Partial<DeadlineConfig>;
  } catch {
    return DEFAULT_DEADLINES;
  }
  const pos = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
  const cfg: DeadlineConfig = {
    lateAfterSec: pos(stored.lateAfterSec, DEFAULT_DEADLINES.lateAfterSec),
    concealedAfterSec: pos(stored.concealedAfterSec, DEFAULT_DEADLINES.concealedAfterSec),
    followUpEverySec: pos(stored.followUpEverySec, DEFAULT_DEADLINES.followUpEverySec),
    warnBeforeSec: Array.isArray(stored.warnBeforeSec)
      ? stored.warnBeforeSec.filter((x) => typeof x === 'number' && x > 0)
      : DEFAULT_DEADLINES.warnBeforeSec,
    approvalFrom: SEVERITIES.includes(stored.approvalFrom as Severity) ? (stored.approvalFrom as Severity) : DEFAULT_DEADLINES.approvalFrom,
  };
  if (cfg.concealedAfterSec <= cfg.lateAfterSec) cfg.concealedAfterSec = Math.max(DEFAULT_DEADLINES.concealedAfterSec, cfg.lateAfterSec + 1);
  return cfg;
}
