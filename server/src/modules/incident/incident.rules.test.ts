import { describe, expect, it } from 'vitest';
import {
  chineseNumber,
  clockState,
  DEFAULT_DEADLINES,
  deadlineLines,
  dueLines,
  eventTimeProblem,
  needsApproval,
  nextFollowUpDue,
  timeliness,
} from './incident.rules.js';

const H = 3600_000;
const S = 1000;
// 23:30 on 31 October in China: the deadlines cross midnight and the month end.
const occurred = new Date('2026-10-31T15:30:00.000Z');
const plus = (ms: number) => new Date(occurred.getTime() + ms);

describe('timeliness of the first report to the county', () => {
  it.each([
    [0, 'ON_TIME'],
    [2 * H - S, 'ON_TIME'],
    [2 * H, 'ON_TIME'], // exactly 2 h 00 min 00 s is still on time
    [2 * H + 1, 'LATE'], // one millisecond over
    [2 * H + S, 'LATE'], // 2 h + 1 s
    [10 * H, 'LATE'], // exactly 10 h is late, not concealed
    [10 * H + S, 'CONCEALED'], // 10 h + 1 s
    [30 * H, 'CONCEALED'],
  ])('reported %d ms after the event → %s', (ms, expected) => {
    expect(timeliness(occurred, plus(ms), plus(ms + 99 * H))).toBe(expected);
  });

  it('a report time before the event time counts as immediate', () => {
    expect(timeliness(occurred, plus(-5 * 60_000), plus(H))).toBe('ON_TIME');
  });

  it.each([
    [H, null],
    [10 * H, null], // not yet decided: a report now would be late
    [10 * H + S, 'CONCEALED'], // never reported and past the line
  ])('never reported, %d ms after the event → %s', (ms, expected) => {
    expect(timeliness(occurred, null, plus(ms))).toBe(expected);
  });

  it('follows configured thresholds', () => {
    const cfg = { lateAfterSec: 60, concealedAfterSec: 120 };
    expect(timeliness(occurred, plus(60 * S), plus(0), cfg)).toBe('ON_TIME');
    expect(timeliness(occurred, plus(61 * S), plus(0), cfg)).toBe('LATE');
    expect(timeliness(occurred, plus(121 * S), plus(0), cfg)).toBe('CONCEALED');
  });
});

describe('clock state on screens', () => {
  it.each([
    [0, 'COUNTING'],
    [90 * 60_000 - 1, 'COUNTING'],
    [90 * 60_000, 'WARNING'], // 30 minutes before the line
    [2 * H, 'WARNING'],
    [2 * H + 1, 'LATE'],
    [10 * H, 'LATE'],
    [10 * H + 1, 'CONCEALED'],
  ])('%d ms after the event → %s', (ms, state) => expect(clockState(occurred, null, plus(ms))).toBe(state));
  it('is REPORTED once the county has the first report', () => {
    expect(clockState(occurred, plus(H), plus(20 * H))).toBe('REPORTED');
  });
});

describe('deadline lines', () => {
  const open = { occurredAt: occurred, firstCountyReportAt: null, lastCountyReportAt: null, countyReports: 0, closedAt: null };
  it('before the first county report: two warnings, late, concealed — across midnight and the month end in +08:00', () => {
    expect(deadlineLines(open).map((l) => [l.line, l.dueAt.toISOString()])).toEqual([
      ['warn-1800', '2026-10-31T17:00:00.000Z'], // 01:00 on 1 November in China
      ['warn-600', '2026-10-31T17:20:00.000Z'],
      ['late', '2026-10-31T17:30:00.001Z'], // crossed when 2 h have fully passed
      ['concealed', '2026-11-01T01:30:00.001Z'], // 09:30 on 1 November in China
    ]);
  });
  it('after it: the next follow-up, counted from the latest county report', () => {
    const reported = { ...open, firstCountyReportAt: plus(H), lastCountyReportAt: plus(3 * H), countyReports: 2 };
    expect(deadlineLines(reported)).toEqual([{ line: 'followup-2', dueAt: plus(5 * H) }]);
    expect(nextFollowUpDue(reported)).toEqual(plus(5 * H));
  });
  it('none once closed', () => {
    expect(deadlineLines({ ...open, closedAt: plus(H) })).toEqual([]);
    expect(nextFollowUpDue({ ...open, lastCountyReportAt: plus(H), closedAt: plus(2 * H) })).toBeNull();
  });
  it('due lines are those at or before now and not yet claimed', () => {
    const lines = deadlineLines(open);
    expect(dueLines(lines, new Set(), plus(2 * H)).map((l) => l.line)).toEqual(['warn-1800', 'warn-600']);
    expect(dueLines(lines, new Set(['warn-1800']), plus(2 * H + 1)).map((l) => l.line)).toEqual(['warn-600', 'late']);
    expect(dueLines(lines, new Set(['warn-1800', 'warn-600', 'late']), plus(10 * H)).map((l) => l.line)).toEqual([]);
  });
  it('ignores warnings outside the window', () => {
    const cfg = { ...DEFAULT_DEADLINES, lateAfterSec: 60, concealedAfterSec: 120, warnBeforeSec: [600, 30, 0] };
    expect(deadlineLines(open, cfg).map((l) => l.line)).toEqual(['warn-30', 'late', 'concealed']);
  });
});

describe('approval and wording', () => {
  it.each([
    ['GENERAL', false],
    ['LARGE', false],
    ['MAJOR', true],
    ['EXTRAORDINARY', true],
  ] as const)('%s needs the main leader: %s', (sev, expected) => expect(needsApproval(sev)).toBe(expected));
  it('threshold is configurable', () => expect(needsApproval('LARGE', { approvalFrom: 'LARGE' })).toBe(true));
  it.each([
    [1, '一'],
    [2, '二'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [23, '二十三'],
  ])('%d → %s', (n, s) => expect(chineseNumber(n)).toBe(s));
  it('refuses event times in the future and far in the past', () => {
    const now = new Date('2026-11-25T08:00:00Z');
    expect(eventTimeProblem(new Date('2026-11-25T08:02:00Z'), now)).toMatch(/不能晚于当前时间/);
    expect(eventTimeProblem(new Date('2026-11-25T08:00:30Z'), now)).toBeNull();
    expect(eventTimeProblem(new Date('2024-01-01T00:00:00Z'), now)).toMatch(/超过一年/);
    expect(eventTimeProblem(new Date(NaN), now)).toMatch(/无效/);
  });
});
