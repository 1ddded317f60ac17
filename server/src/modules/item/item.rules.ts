import type { ErrorCode } from '../../errors.js';
import { LEVELS, type Level } from '../assessment/assessment.rules.js';

export const LIMITS = { title: 200, body: 20_000, meetingSummary: 5_000, idempotencyKey: 100 } as const;

export interface ItemText {
  title: string;
  body: string;
  meetingSummary?: string | null;
  occurredAt: Date;
  idempotencyKey?: string | null;
}

export interface Violation {
  code: ErrorCode;
  field: string;
  message: string;
}

/** Allowance for a phone whose clock runs a little fast. */
const FUTURE_SLACK_MS = 5 * 60 * 1000;

/** Checks an item's text and time (准确性原则); returns every violation, empty when valid. */
export function validateItem(input: ItemText, now: Date): Violation[] {
  const out: Violation[] = [];
  const text = (field: keyof typeof LIMITS, label: string, value: string | null | undefined, required: boolean) => {
    const v = value?.trim() ?? '';
    if (required && v.length === 0) out.push({ code: 'input/invalid', field, message: `${label}不能为空` });
    else if ([...v].length > LIMITS[field])
      out.push({ code: 'input/too_long', field, message: `${label}不能超过 ${LIMITS[field]} 字` });
  };
  text('title', '标题', input.title, true);
  text('body', '正文', input.body, true);
  text('meetingSummary', '会议主要内容', input.meetingSummary, false);
  text('idempotencyKey', '提交键', input.idempotencyKey, false);
  const t = input.occurredAt.getTime();
  if (Number.isNaN(t)) out.push({ code: 'input/invalid', field: 'occurredAt', message: '发生时间无效' });
  else if (t > now.getTime() + FUTURE_SLACK_MS)
    out.push({ code: 'input/invalid', field: 'occurredAt', message: '发生时间不能晚于当前时间' });
  else if (t < Date.UTC(2000, 0, 1)) out.push({ code: 'input/invalid', field: 'occurredAt', message: '发生时间过早' });
  return out;
}

/** 会议照片 per item, counted after duplicates are dropped. */
export const MAX_PHOTOS = 9;

export type PhotoPlan =
  | { ok: true; keep: string[]; detach: string[]; link: string[]; after: string[] }
  | { ok: false; violation: Violation };

/**
 * How an item's photos become `wanted` (the complete new set): the ones it has and
 * keeps, the ones it drops, and the ones to link. Whether a linked id may be used
 * (the viewer's own, still unattached upload) is for the database to say.
 */
export function planPhotos(current: readonly string[], wanted: readonly string[]): PhotoPlan {
  const after = [...new Set(wanted)];
  if (after.length > MAX_PHOTOS) {
    return { ok: false, violation: { code: 'input/invalid', field: 'attachmentIds', message: `每条信息最多 ${MAX_PHOTOS} 张照片` } };
  }
  const has = new Set(current);
  const wants = new Set(after);
  return {
    ok: true,
    keep: after.filter((id) => has.has(id)),
    detach: current.filter((id) => !wants.has(id)),
    link: after.filter((id) => !has.has(id)),
    after,
  };
}

/** 信息查询: at most this many characters of search text, and this many words. */
export const SEARCH_LIMITS = { chars: 100, words: 5 } as const;

/**
 * The words of a search box: split on any white space (an ideographic space too),
 * each kept once, in the order typed. Every word must appear in an item (AND).
 * Empty or blank text is no search at all. `%`, `_` and `\` separate words too: the
 * databases' LIKE reads them as patterns, and SQLite's has no escape by default, so
 * they are never sent (the same result on SQLite and PostgreSQL).
 */
export function searchWords(text: string | null | undefined): { ok: true; words: string[] } | { ok: false; violation: Violation } {
  const trimmed = (text ?? '').trim();
  if ([...trimmed].length > SEARCH_LIMITS.chars) {
    return { ok: false, violation: { code: 'input/too_long', field: 'text', message: `查询词不能超过 ${SEARCH_LIMITS.chars} 字` } };
  }
  const words = [...new Set(trimmed.split(/[\s%_\\]+/u).filter((w) => w.length > 0))];
  if (words.length > SEARCH_LIMITS.words) {
    return { ok: false, violation: { code: 'input/invalid', field: 'text', message: `查询词最多 ${SEARCH_LIMITS.words} 个（以空格分开）` } };
  }
  return { ok: true, words };
}

/**
 * An adopted item is adopted again when a higher level takes it up (the county uses
 * what the town forwarded): only upwards, never to the same or a lower level.
 */
export function canRaiseAdoption(from: Level | null, to: Level): boolean {
  if (from === null) return true;
  return LEVELS.indexOf(to) > LEVELS.indexOf(from);
}
