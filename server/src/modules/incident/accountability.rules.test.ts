import { describe, expect, it } from 'vitest';
import { accountabilitySteps, type ConsentRequest, type Trail } from './accountability.rules.js';

const M = 60_000;
// 23:50 on 31 December in China: the trail runs across midnight and the year's end
const occurred = new Date('2026-12-31T15:50:00.000Z');
const at = (min: number) => new Date(occurred.getTime() + min * M);
const reporter = { id: 'inf', name: '李芳' };
const clerk = { id: 'office', name: '陈静' };
const clerk2 = { id: 'office2', name: '冯丽' };
const main = { id: 'main', name: '赵建国' };

const trail = (extra: Partial<Trail> = {}): Trail => ({
  occurredAt: occurred,
  reportedAt: at(10),
  reportedBy: reporter,
  office: clerk,
  firstCountyReportAt: null,
  approvals: [],
  ...extra,
});
const request = (requestedMin: number, decision: ConsentRequest['decision'], decidedMin: number | null, by = clerk): ConsentRequest => ({
  requestedAt: at(requestedMin),
  requestedBy: by,
  decidedAt: decidedMin === null ? null : at(decidedMin),
  decision,
  approver: decidedMin === null ? null : main,
});
/** step, who, minutes (null: still running) */
const read = (t: Trail, nowMin: number) =>
  accountabilitySteps(t, at(nowMin)).map((s) => [s.step, s.holderName, s.to === null ? null : s.seconds / 60]);

describe('accountabilitySteps', () => {
  it('below 重大: the unit, then the office until the county has it (running until then)', () => {
    expect(read(trail(), 45)).toEqual([
      ['UNIT_TO_OFFICE', '李芳', 10],
      ['OFFICE_TO_COUNTY', '陈静', null],
    ]);
    expect(accountabilitySteps(trail(), at(45))[1]!.seconds).toBe(35 * 60);
    expect(read(trail({ firstCountyReportAt: at(70) }), 500)).toEqual([
      ['UNIT_TO_OFFICE', '李芳', 10],
      ['OFFICE_TO_COUNTY', '陈静', 60],
    ]);
  });

  it('asked and waiting: the wait is the main leaders\', and nothing after it has begun', () => {
    const steps = accountabilitySteps(trail({ approvals: [request(20, 'PENDING', null)] }), at(93));
    expect(steps.map((s) => [s.step, s.holderName, s.to === null ? null : s.seconds / 60])).toEqual([
      ['UNIT_TO_OFFICE', '李芳', 10],
      ['OFFICE_TO_APPROVAL', '陈静', 10],
      ['APPROVAL', '主要领导（待审批）', null],
    ]);
    expect(steps[2]!.seconds).toBe(73 * 60);
  });

  it('consent given: the office again until the 首报 goes', () => {
    expect(read(trail({ approvals: [request(20, 'APPROVED', 35)] }), 50)).toEqual([
      ['UNIT_TO_OFFICE', '李芳', 10],
      ['OFFICE_TO_APPROVAL', '陈静', 10],
      ['APPROVAL', '赵建国', 15],
      ['APPROVAL_TO_COUNTY', '陈静', null],
    ]);
    expect(read(trail({ approvals: [request(20, 'APPROVED', 35)], firstCountyReportAt: at(41) }), 500).at(-1)).toEqual(['APPROVAL_TO_COUNTY', '陈静', 6]);
  });

  it('refused: back with the office until it asks again, then the second request counts on its own', () => {
    expect(read(trail({ approvals: [request(20, 'REJECTED', 30)] }), 52)).toEqual([
      ['UNIT_TO_OFFICE', '李芳', 10],
      ['OFFICE_TO_APPROVAL', '陈静', 10],
      ['APPROVAL', '赵建国', 10],
      ['REJECTED_TO_APPROVAL', '陈静', null],
    ]);
    const twice = trail({ approvals: [request(55, 'APPROVED', 60, clerk2), request(20, 'REJECTED', 30)], firstCountyReportAt: at(62) });
    expect(read(twice, 500)).toEqual([
      ['UNIT_TO_OFFICE', '李芳', 10],
      ['OFFICE_TO_APPROVAL', '陈静', 10],
      ['APPROVAL', '赵建国', 10],
      ['REJECTED_TO_APPROVAL', '冯丽', 25],
      ['APPROVAL', '赵建国', 5],
      ['APPROVAL_TO_COUNTY', '陈静', 2],
    ]);
  });

  it('the main leader reports in person: after a refusal, or while a request waits', () => {
    expect(read(trail({ approvals: [request(20, 'REJECTED', 30)], firstCountyReportAt: at(40), office: main }), 500).at(-1)).toEqual([
      'REJECTED_TO_COUNTY',
      '赵建国',
      10,
    ]);
    // the wait ends with the report, and a decision after it changes nothing
    for (const approval of [request(20, 'PENDING', null), request(20, 'APPROVED', 90)]) {
      expect(read(trail({ approvals: [approval], firstCountyReportAt: at(50), office: main }), 500)).toEqual([
        ['UNIT_TO_OFFICE', '李芳', 10],
        ['OFFICE_TO_APPROVAL', '陈静', 10],
        ['APPROVAL', approval.approver?.name ?? '主要领导（待审批）', 30],
      ]);
    }
  });

  it('exactly at a boundary a step lasts 0 s; a clock read before the step began never goes negative', () => {
    expect(read(trail({ approvals: [request(10, 'APPROVED', 10)], firstCountyReportAt: at(10) }), 10)).toEqual([
      ['UNIT_TO_OFFICE', '李芳', 10],
      ['OFFICE_TO_APPROVAL', '陈静', 0],
      ['APPROVAL', '赵建国', 0],
      ['APPROVAL_TO_COUNTY', '陈静', 0],
    ]);
    expect(accountabilitySteps(trail(), at(5))[1]!.seconds).toBe(0);
  });
});
