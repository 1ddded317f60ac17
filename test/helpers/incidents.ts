import { gql } from './graphql.js';

export const INCIDENT_FIELDS = /* GraphQL */ `
  id status severity occurredAt firstCountyReportAt closedAt clockState timeliness needsApproval consentRequestedAt lastUnitUpdateAt lateAt concealedAt nextFollowUpDueAt
  reports { direction kind number label progress sentAt sentBy { id } byMainLeaderPersonally }
  approvals { decision requestedAt approver { id } }
  leaderNotices { leader { id } method }
  crossings { line }
  accountability { step seconds holderId holderName to }
`;

export const REPORT_INCIDENT = `mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { ${INCIDENT_FIELDS} } }`;
export const TO_COUNTY = `mutation($id: ID!, $input: CountyReportInput!) { reportIncidentToCounty(id: $id, input: $input) { ${INCIDENT_FIELDS} } }`;

export function incidentInput(unitId: string, extra: Record<string, unknown> = {}) {
  return {
    unitId,
    kind: 'WORK_INJURY',
    severity: 'GENERAL',
    title: '砖厂工人作业时手部受伤',
    occurredAt: new Date(Date.now() - 20 * 60_000).toISOString(),
    location: '李家村三组村办砖厂',
    description: '工人在操作制砖机时左手被卷入。',
    casualties: '1 人受伤',
    losses: '暂无',
    measures: '已停机并送医',
    reporterName: '王伟',
    reporterPhone: '13800000001',
    ...extra,
  };
}

export async function report(url: string, token: string, unitId: string, extra: Record<string, unknown> = {}) {
  const res = await gql(url, REPORT_INCIDENT, { input: incidentInput(unitId, extra) }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.reportIncident;
}
