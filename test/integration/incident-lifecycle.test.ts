import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, subscribeWs, wsClient } from '../helpers/graphql.js';
import { INCIDENT_FIELDS, incidentInput, report, REPORT_INCIDENT, TO_COUNTY } from '../helpers/incidents.js';
import { startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  srv = await startServer();
  fx = await createFixture();
});
afterAll(() => srv.stop());

const ack = `mutation($id: ID!, $m: String) { acknowledgeIncident(id: $id, leaderMethod: $m) { ${INCIDENT_FIELDS} } }`;
const update = `mutation($id: ID!, $p: String!) { addIncidentUpdate(id: $id, input: { progress: $p }) { ${INCIDENT_FIELDS} } }`;
const requestApproval = `mutation($id: ID!) { requestIncidentApproval(id: $id) { ${INCIDENT_FIELDS} } }`;
const decide = `mutation($id: ID!, $ok: Boolean!) { decideIncidentApproval(id: $id, approve: $ok) { ${INCIDENT_FIELDS} } }`;
const audits = (id: string) => db().auditEntry.findMany({ where: { entityId: id }, orderBy: { id: 'asc' } });

describe('incident lifecycle', () => {
  it('report → receipt and leader told → updates → 首报 → 续报一 → 终报, each an event', async () => {
    const head = (await gql(srv.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
    const c = wsClient(srv.wsUrl, fx.tokens.office);
    const live = subscribeWs(c, { afterSeq: head, kinds: ['INCIDENT_REPORTED', 'INCIDENT_UPDATED'] });

    const inc = await report(srv.url, fx.tokens.infVillage, fx.units.village);
    expect(inc).toMatchObject({ status: 'REPORTED', clockState: 'COUNTING', timeliness: null, needsApproval: false });
    expect(inc.reports).toEqual([expect.objectContaining({ direction: 'UNIT_TO_OFFICE', kind: 'INITIAL', label: '初报' })]);

    const acked = (await gql(srv.url, ack, { id: inc.id, m: '电话' }, fx.tokens.office)).data.acknowledgeIncident;
    expect(acked.status).toBe('ACKNOWLEDGED');
    expect(acked.leaderNotices).toEqual([{ leader: { id: fx.people.leader }, method: '电话' }]);

    await gql(srv.url, update, { id: inc.id, p: '伤者已转县医院' }, fx.tokens.infVillage);
    const updated = (await gql(srv.url, update, { id: inc.id, p: '伤者手术顺利' }, fx.tokens.infVillage)).data.addIncidentUpdate;
    expect(updated.reports.map((r: any) => r.label)).toEqual(['初报', '事态发展（一）', '事态发展（二）']);
    // the unit's latest development, for the office to relay (the 初报 is not one)
    expect(inc.lastUnitUpdateAt).toBeNull();
    expect(updated.lastUnitUpdateAt).toBe(updated.reports[2].sentAt);
    // a development the office takes down from a phone call is recorded as the unit's, but does not
    // count as news for the office: it has it already
    const takeDown = 'mutation($id: ID!, $p: String!) { addIncidentUpdate(id: $id, input: { progress: $p }) { lastUnitUpdateAt reports { label method } } }';
    const taken = (await gql(srv.url, takeDown, { id: inc.id, p: '村里电话：伤者已脱离危险' }, fx.tokens.office)).data.addIncidentUpdate;
    expect(taken.reports.map((r: any) => [r.label, r.method])).toEqual([
      ['初报', '系统'],
      ['事态发展（一）', '系统'],
      ['事态发展（二）', '系统'],
      ['事态发展（三）', '电话'],
    ]);
    expect(taken.lastUnitUpdateAt).toBe(updated.lastUnitUpdateAt);

    const first = (await gql(srv.url, TO_COUNTY, { id: inc.id, input: { kind: 'INITIAL', progress: '一名工人受伤送医' } }, fx.tokens.office)).data.reportIncidentToCounty;
    expect(first).toMatchObject({ status: 'REPORTED_TO_COUNTY', clockState: 'REPORTED', timeliness: 'ON_TIME' });
    expect(new Date(first.nextFollowUpDueAt).getTime() - Date.now()).toBeGreaterThan(2 * 3600_000 - 60_000);

    const follow = (await gql(srv.url, TO_COUNTY, { id: inc.id, input: { kind: 'FOLLOW_UP', measures: '企业停产整顿' } }, fx.tokens.office)).data.reportIncidentToCounty;
    expect(follow.lastUnitUpdateAt).toBe(updated.lastUnitUpdateAt); // the office's own reports are not the unit's
    expect(follow.reports.filter((r: any) => r.direction === 'OFFICE_TO_COUNTY').map((r: any) => r.label)).toEqual(['首报', '续报一']);

    const final = (await gql(srv.url, TO_COUNTY, { id: inc.id, input: { kind: 'FINAL', results: '伤者康复出院', causes: '违规操作' } }, fx.tokens.office)).data.reportIncidentToCounty;
    expect(final).toMatchObject({ status: 'CLOSED', nextFollowUpDueAt: null, timeliness: 'ON_TIME' });
    expect(final.closedAt).not.toBeNull();
    expect(final.accountability.map((s: any) => s.step)).toEqual(['UNIT_TO_OFFICE', 'OFFICE_TO_COUNTY']);
    expect(final.accountability[1].holderId).toBe(fx.people.office);

    // 1 report + 1 ack + 3 updates (two sent, one taken down) + 3 county reports = 8 events for this incident.
    await live.collector.until((es) => es.length >= 8);
    expect(live.collector.events.map((e) => e.kind)).toEqual(['INCIDENT_REPORTED', ...Array(7).fill('INCIDENT_UPDATED')]);
    expect(new Set(live.collector.events.map((e) => e.entityId))).toEqual(new Set([inc.id]));

    const closedAgain = await gql(srv.url, TO_COUNTY, { id: inc.id, input: { kind: 'FOLLOW_UP', progress: 'x' } }, fx.tokens.office);
    expect(closedAgain.errors?.[0]?.extensions?.code).toBe('incident/closed');
    live.unsubscribe();
    await c.dispose();
  });

  it('the office can enter a phone report for a unit; it is received at once', async () => {
    const inc = await report(srv.url, fx.tokens.office, fx.units.dept);
    expect(inc.status).toBe('ACKNOWLEDGED');
    // the clerk who took it down knows it already: their screens do not announce it to them;
    // everyone else's do (leaders, the wall)
    const entered = async (token: string) =>
      (await gql(srv.url, 'query($id: ID!) { incident(id: $id) { enteredByViewer } }', { id: inc.id }, token)).data.incident.enteredByViewer;
    expect(await entered(fx.tokens.office)).toBe(true);
    expect(await entered(fx.tokens.leader)).toBe(false);
    expect(await entered(fx.tokens.mainLeader)).toBe(false);
    expect(await entered(fx.tokens.display)).toBe(false);
  });

  it.each([
    ['in the future', { occurredAt: new Date(Date.now() + 10 * 60_000).toISOString() }, /不能晚于当前时间/],
    ['without a location', { location: ' ' }, /发生地点不能为空/],
    ['with a bad phone number', { reporterPhone: 'call me' }, /联系电话格式不正确/],
  ])('refuses a report %s and writes nothing', async (_name, patch, message) => {
    const before = await db().incident.count();
    const res = await gql(srv.url, REPORT_INCIDENT, { input: incidentInput(fx.units.village, patch) }, fx.tokens.infVillage);
    expect(res.errors?.[0]?.extensions?.code).toBe('input/invalid');
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(await db().incident.count()).toBe(before);
  });

  it('answers a retried 初报 with the same key with the first incident: one incident, one clock, one event', async () => {
    const input = incidentInput(fx.units.village, { idempotencyKey: 'inc-k-1', title: '村道塌方' });
    // two at once (a double tap) and one after (a retry whose first answer was lost)
    const [a, b] = await Promise.all([
      gql(srv.url, REPORT_INCIDENT, { input }, fx.tokens.infVillage),
      gql(srv.url, REPORT_INCIDENT, { input }, fx.tokens.infVillage),
    ]);
    const c = await gql(srv.url, REPORT_INCIDENT, { input }, fx.tokens.infVillage);
    expect([a, b, c].map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    const id = a.data.reportIncident.id;
    expect([b.data.reportIncident.id, c.data.reportIncident.id]).toEqual([id, id]);
    expect(await db().incident.count({ where: { idempotencyKey: 'inc-k-1' } })).toBe(1);
    expect(await db().event.count({ where: { entityId: id } })).toBe(1);

    // the same key from someone else is not theirs to read back
    const other = await gql(srv.url, REPORT_INCIDENT, { input: { ...input, unitId: fx.units.dept } }, fx.tokens.infDept);
    expect(other.errors?.[0]?.extensions?.code).toBe('incident/idempotency_conflict');
    // without a key each report is its own incident
    const keyless = () => gql(srv.url, REPORT_INCIDENT, { input: incidentInput(fx.units.village) }, fx.tokens.infVillage);
    const [x, y] = await Promise.all([keyless(), keyless()]);
    expect(x.data.reportIncident.id).not.toBe(y.data.reportIncident.id);
  });

  it('records a 续报 or 终报 sent again with the same key once; a 终报 sent again answers with the closed incident, not an error', async () => {
    const inc = await report(srv.url, fx.tokens.infVillage, fx.units.village, { title: '仓库起火' });
    const UPDATE = `mutation($id: ID!, $input: IncidentUpdateInput!) { addIncidentUpdate(id: $id, input: $input) { ${INCIDENT_FIELDS} } }`;
    const fromUnit = { progress: '明火已扑灭', idempotencyKey: 'upd-k-1' };
    const [u1, u2] = await Promise.all([
      gql(srv.url, UPDATE, { id: inc.id, input: fromUnit }, fx.tokens.infVillage),
      gql(srv.url, UPDATE, { id: inc.id, input: fromUnit }, fx.tokens.infVillage),
    ]);
    const u3 = await gql(srv.url, UPDATE, { id: inc.id, input: fromUnit }, fx.tokens.infVillage);
    expect([u1, u2, u3].map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    const unitReports = () => db().incidentReport.count({ where: { incidentId: inc.id, direction: 'UNIT_TO_OFFICE' } });
    expect(await unitReports()).toBe(2); // 初报 and one update

    const send = (input: Record<string, unknown>) => gql(srv.url, TO_COUNTY, { id: inc.id, input }, fx.tokens.office);
    expect((await send({ kind: 'INITIAL', progress: '明火已扑灭', idempotencyKey: 'cty-1' })).errors).toBeUndefined();
    const follow = { kind: 'FOLLOW_UP', measures: '清点损失', idempotencyKey: 'cty-2' };
    const [f1, f2] = await Promise.all([send(follow), send(follow)]);
    expect([f1.errors, f2.errors]).toEqual([undefined, undefined]);
    const final = { kind: 'FINAL', results: '无人员伤亡', idempotencyKey: 'cty-3' };
    expect((await send(final)).data.reportIncidentToCounty.status).toBe('CLOSED');
    const finalAgain = await send(final);
    expect(finalAgain.errors).toBeUndefined();
    expect(finalAgain.data.reportIncidentToCounty.status).toBe('CLOSED');
    const county = await db().incidentReport.findMany({ where: { incidentId: inc.id, direction: 'OFFICE_TO_COUNTY' }, orderBy: { number: 'asc' } });
    expect(county.map((r) => r.kind)).toEqual(['INITIAL', 'FOLLOW_UP', 'FINAL']);
    // without a key a closed incident still refuses more; a key of someone else's report is refused
    expect((await send({ kind: 'FOLLOW_UP', progress: '再报' })).errors?.[0]?.extensions?.code).toBe('incident/closed');
    const other = await report(srv.url, fx.tokens.infVillage, fx.units.village);
    expect((await gql(srv.url, UPDATE, { id: other.id, input: fromUnit }, fx.tokens.infVillage)).errors?.[0]?.extensions?.code).toBe('incident/idempotency_conflict');
  });

  it('numbers reports sent at the same moment by different people one after another (续报一, 续报二 …)', async () => {
    const inc = await report(srv.url, fx.tokens.infVillage, fx.units.village, { title: '村道路面塌陷' });
    expect((await gql(srv.url, TO_COUNTY, { id: inc.id, input: { kind: 'INITIAL', progress: '已设警示' } }, fx.tokens.office)).errors).toBeUndefined();
    const UPDATE = `mutation($id: ID!, $input: IncidentUpdateInput!) { addIncidentUpdate(id: $id, input: $input) { id } }`;
    const sends = [
      ...[1, 2, 3, 4].map((n) => gql(srv.url, TO_COUNTY, { id: inc.id, input: { kind: 'FOLLOW_UP', progress: `续报内容 ${n}`, idempotencyKey: `par-c-${n}` } }, fx.tokens.office)),
      ...[1, 2, 3, 4].map((n) => gql(srv.url, UPDATE, { id: inc.id, input: { progress: `事态 ${n}`, idempotencyKey: `par-u-${n}` } }, n % 2 ? fx.tokens.infVillage : fx.tokens.office)),
    ];
    expect((await Promise.all(sends)).map((r) => r.errors)).toEqual(Array(8).fill(undefined));
    const rows = await db().incidentReport.findMany({ where: { incidentId: inc.id }, orderBy: [{ direction: 'asc' }, { number: 'asc' }] });
    expect(rows.filter((r) => r.direction === 'OFFICE_TO_COUNTY').map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.filter((r) => r.direction === 'UNIT_TO_OFFICE').map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('an informant cannot report for another unit', async () => {
    const res = await gql(srv.url, REPORT_INCIDENT, { input: incidentInput(fx.units.dept) }, fx.tokens.infVillage);
    expect(res.errors?.[0]?.extensions?.code).toBe('auth/forbidden');
  });
});

describe('no skipping levels (严禁越级上报)', () => {
  it.each([
    ['the unit’s informant', 'infVillage'],
    ['the leader in charge', 'leader'],
  ] as const)('%s cannot report to the county; the attempt is refused and audited', async (_who, role) => {
    const inc = await report(srv.url, fx.tokens.infVillage, fx.units.village);
    const res = await gql(srv.url, TO_COUNTY, { id: inc.id, input: { kind: 'INITIAL', progress: '直接报县' } }, fx.tokens[role]);
    expect(res.errors?.[0]).toMatchObject({ message: expect.stringContaining('严禁越级上报'), extensions: { code: 'incident/no_skipping_levels' } });
    expect(await db().incidentReport.count({ where: { incidentId: inc.id, direction: 'OFFICE_TO_COUNTY' } })).toBe(0);
    const trail = await audits(inc.id);
    expect(trail.at(-1)).toMatchObject({ action: 'incident.report_to_county_refused', actorId: fx.people[role] });
    expect(JSON.parse(trail.at(-1)!.after!)).toEqual({ refused: 'incident/no_skipping_levels' });
  });
});

describe('major incidents need the main leader (主要领导亲自汇报或同意)', () => {
  it('refuses the office without approval (audited), then allows it after the main leader approves', async () => {
    const inc = await report(srv.url, fx.tokens.infDept, fx.units.dept, { severity: 'MAJOR' });
    expect(inc.needsApproval).toBe(true);
    const refused = await gql(srv.url, TO_COUNTY, { id: inc.id, input: { kind: 'INITIAL', progress: '燃气泄漏' } }, fx.tokens.office);
    expect(refused.errors?.[0]?.extensions?.code).toBe('incident/approval_required');
    expect((await audits(inc.id)).at(-1)?.action).toBe('incident.report_to_county_refused');

    const asked = (await gql(srv.url, requestApproval, { id: inc.id }, fx.tokens.office)).data.requestIncidentApproval;
    expect(asked).toMatchObject({ status: 'AWAITING_APPROVAL', approvals: [{ decision: 'PENDING', approver: null }] });
    // the request's own time, so a screen can tell one request from the next
    expect(asked.consentRequestedAt).toBe(asked.approvals[0].requestedAt);
    expect(inc.consentRequestedAt).toBeNull();
    const notByOffice = await gql(srv.url, decide, { id: inc.id, ok: true }, fx.tokens.office);
    expect(notByOffice.errors?.[0]?.extensions?.code).toBe('auth/forbidden');
    const approved = (await gql(srv.url, decide, { id: inc.id, ok: true }, fx.tokens.mainLeader)).data.decideIncidentApproval;
    expect(approved).toMatchObject({ status: 'APPROVED', consentRequestedAt: null, approvals: [{ decision: 'APPROVED', approver: { id: fx.people.mainLeader } }] });

    const sent = await gql(srv.url, TO_COUNTY, { id: inc.id, input: { kind: 'INITIAL', progress: '燃气泄漏，已疏散' } }, fx.tokens.office);
    expect(sent.errors).toBeUndefined();
    expect(sent.data.reportIncidentToCounty.accountability.map((s: any) => s.step)).toEqual([
      'UNIT_TO_OFFICE',
      'OFFICE_TO_APPROVAL',
      'APPROVAL',
      'APPROVAL_TO_COUNTY',
    ]);
    expect(sent.data.reportIncidentToCounty.accountability[2].holderId).toBe(fx.people.mainLeader);
  });

  it('refused and asked again: each request has its own time, seen on the wall too; none while undecided', async () => {
    const inc = await report(srv.url, fx.tokens.infDept, fx.units.dept, { severity: 'MAJOR' });
    const first = (await gql(srv.url, requestApproval, { id: inc.id }, fx.tokens.office)).data.requestIncidentApproval;
    expect(first.consentRequestedAt).not.toBeNull();
    const refused = (await gql(srv.url, decide, { id: inc.id, ok: false }, fx.tokens.mainLeader)).data.decideIncidentApproval;
    expect(refused).toMatchObject({ status: 'ACKNOWLEDGED', consentRequestedAt: null });
    await new Promise((r) => setTimeout(r, 5)); // two requests in one millisecond would share a time
    const second = (await gql(srv.url, requestApproval, { id: inc.id }, fx.tokens.office)).data.requestIncidentApproval;
    expect(second.consentRequestedAt).not.toBeNull();
    expect(second.consentRequestedAt).not.toBe(first.consentRequestedAt);
    // the wall's display token reads it with the incident's summary
    const wall = await gql(srv.url, `query($id: ID!) { incident(id: $id) { consentRequestedAt } }`, { id: inc.id }, fx.tokens.display);
    expect(wall.errors).toBeUndefined();
    expect(wall.data.incident.consentRequestedAt).toBe(second.consentRequestedAt);
  });

  it('lets the main leader report personally: an explicit override, audited as such', async () => {
    const inc = await report(srv.url, fx.tokens.infDept, fx.units.dept, { severity: 'EXTRAORDINARY' });
    const notOffice = await gql(srv.url, TO_COUNTY, { id: inc.id, input: { kind: 'INITIAL', progress: 'x', byMainLeaderPersonally: true } }, fx.tokens.office);
    expect(notOffice.errors?.[0]?.extensions?.code).toBe('auth/forbidden');
    const res = await gql(srv.url, TO_COUNTY, { id: inc.id, input: { kind: 'INITIAL', progress: '书记亲自向县委汇报', byMainLeaderPersonally: true } }, fx.tokens.mainLeader);
    expect(res.errors).toBeUndefined();
    expect(res.data.reportIncidentToCounty.reports.at(-1)).toMatchObject({ byMainLeaderPersonally: true, sentBy: { id: fx.people.mainLeader } });
    expect((await audits(inc.id)).at(-1)?.action).toBe('incident.report_to_county_personally');
  });

  it('asks for 首报 before anything else', async () => {
    const inc = await report(srv.url, fx.tokens.infDept, fx.units.dept);
    const res = await gql(srv.url, TO_COUNTY, { id: inc.id, input: { kind: 'FOLLOW_UP', progress: 'x' } }, fx.tokens.office);
    expect(res.errors?.[0]?.extensions?.code).toBe('incident/wrong_report_kind');
  });
});
