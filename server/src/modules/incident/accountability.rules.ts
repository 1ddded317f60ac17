/**
 * 追责 (四.2: 追究相关人员责任): the way an incident took to the county, step by step,
 * with who held it and for how long. Pure: the service reads the incident's trail and
 * hands it here.
 */

export interface Holder {
  id: string | null;
  name: string | null;
}

/** One request for the main leader's consent, as recorded. */
export interface ConsentRequest {
  requestedAt: Date;
  requestedBy: Holder;
  decidedAt: Date | null;
  decision: 'PENDING' | 'APPROVED' | 'REJECTED';
  approver: Holder | null;
}

export interface Trail {
  occurredAt: Date;
  reportedAt: Date;
  reportedBy: Holder;
  /** whoever sent the first county report, else whoever acknowledged the incident */
  office: Holder;
  firstCountyReportAt: Date | null;
  approvals: readonly ConsentRequest[];
}

export type StepName =
  | 'UNIT_TO_OFFICE'
  | 'OFFICE_TO_COUNTY'
  | 'OFFICE_TO_APPROVAL'
  | 'APPROVAL'
  | 'APPROVAL_TO_COUNTY'
  | 'REJECTED_TO_APPROVAL'
  | 'REJECTED_TO_COUNTY';

export interface Step {
  step: StepName;
  label: string;
  from: Date;
  /** null: the step is still running */
  to: Date | null;
  seconds: number;
  holderId: string | null;
  holderName: string | null;
}

const LABELS: Record<StepName, string> = {
  UNIT_TO_OFFICE: '事发 → 报党政办',
  OFFICE_TO_COUNTY: '党政办接报 → 报县委办',
  OFFICE_TO_APPROVAL: '党政办接报 → 提请主要领导同意',
  APPROVAL: '主要领导审批',
  APPROVAL_TO_COUNTY: '同意 → 报县委办',
  REJECTED_TO_APPROVAL: '不同意 → 再次提请',
  REJECTED_TO_COUNTY: '不同意 → 报县委办',
};

/** Someone must decide, though nobody has yet: the step is the main leaders'. */
export const UNDECIDED: Holder = { id: null, name: '主要领导（待审批）' };

/**
 * The steps in order. Each request for consent adds the office's step up to it and the
 * main leader's step deciding it; a refusal hands the incident back to the office until
 * it asks again (or the main leader reports in person); a step not yet begun is not
 * listed, and a running one counts up to `now`.
 */
export function accountabilitySteps(t: Trail, now: Date): Step[] {
  const step = (name: StepName, from: Date, to: Date | null, holder: Holder): Step => ({
    step: name,
    label: LABELS[name],
    from,
    to,
    seconds: Math.max(0, Math.round(((to ?? now).getTime() - from.getTime()) / 1000)),
    holderId: holder.id,
    holderName: holder.name,
  });
  const steps = [step('UNIT_TO_OFFICE', t.occurredAt, t.reportedAt, t.reportedBy)];
  const county = t.firstCountyReportAt;
  const requests = [...t.approvals].sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
  if (requests.length === 0) return [...steps, step('OFFICE_TO_COUNTY', t.reportedAt, county, t.office)];

  let officeFrom = t.reportedAt;
  for (const [n, r] of requests.entries()) {
    steps.push(step(n === 0 ? 'OFFICE_TO_APPROVAL' : 'REJECTED_TO_APPROVAL', officeFrom, r.requestedAt, r.requestedBy));
    // the first county report may come before a decision (the main leader in person): it ends the wait
    const reportedFirst = county !== null && (r.decidedAt === null || county < r.decidedAt);
    const decidedAt = reportedFirst ? county : r.decidedAt;
    steps.push(step('APPROVAL', r.requestedAt, decidedAt, r.approver ?? UNDECIDED));
    if (reportedFirst || r.decidedAt === null) return steps;
    if (r.decision === 'APPROVED') return [...steps, step('APPROVAL_TO_COUNTY', r.decidedAt, county, t.office)];
    officeFrom = r.decidedAt;
  }
  // the last request was refused: the office holds it until it asks again, unless the report went anyway
  const refusedBy = requests.at(-1)!.requestedBy;
  return [...steps, county ? step('REJECTED_TO_COUNTY', officeFrom, county, t.office) : step('REJECTED_TO_APPROVAL', officeFrom, null, refusedBy)];
}
