import { describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { report, TO_COUNTY } from '../helpers/incidents.js';
import { useTestServer } from '../helpers/server.js';

// Two people acting on the same thing at the same moment (or one double click). On
// SQLite writers queue; on PostgreSQL (pg-integration) they really overlap, and a
// state change decided on a stale read would apply twice.

const t = useTestServer();

const REVIEW = `mutation($id: ID!, $input: ReviewInput!) { reviewItem(id: $id, input: $input) { id status } }`;

/** The month rollup must always equal counting the items themselves. */
async function rollupMatchesItems() {
  const rollup = await db().itemMonthStat.findMany({ where: { count: { not: 0 } } });
  const items = await db().item.groupBy({ by: ['unitId', 'status'], _count: { _all: true } });
  const sum = (rows: { unitId: string; status: string; n: number }[]) =>
    Object.fromEntries(
      [...rows.reduce((m, r) => m.set(`${r.unitId}/${r.status}`, (m.get(`${r.unitId}/${r.status}`) ?? 0) + r.n), new Map<string, number>())].filter(([, n]) => n !== 0),
    );
  expect(sum(rollup.map((r) => ({ unitId: r.unitId, status: r.status, n: r.count })))).toEqual(sum(items.map((r) => ({ unitId: r.unitId, status: r.status, n: r._count._all }))));
}

describe('the same decision taken twice at once', () => {
  it('reviews an item once: the other reviewer is told it is already reviewed, and the counts stay right', async () => {
    for (let round = 0; round < 5; round++) {
      const item = (await gql(t.srv.url, SUBMIT, { input: itemInput(t.fx.units.dept, `race-${round}`) }, t.fx.tokens.infDept)).data.submitItem;
      const results = await Promise.all([
        gql(t.srv.url, REVIEW, { id: item.id, input: { decision: 'ADOPT', level: 'WEBSITE' } }, t.fx.tokens.office),
        gql(t.srv.url, REVIEW, { id: item.id, input: { decision: 'NOT_ADOPT', comment: '重复' } }, t.fx.tokens.office),
        gql(t.srv.url, REVIEW, { id: item.id, input: { decision: 'RETURN', comment: '请补充' } }, t.fx.tokens.office),
      ]);
      const ok = results.filter((r) => !r.errors);
      expect(ok).toHaveLength(1);
      expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions!.code)).toEqual(['item/wrong_state', 'item/wrong_state']);
      expect(await db().review.count({ where: { itemId: item.id } })).toBe(1);
      expect(await db().event.count({ where: { entityId: item.id, kind: 'item:reviewed' } })).toBe(1);
    }
    await rollupMatchesItems();
  });

  it('takes a revision sent twice at once once', async () => {
    const REVISE = `mutation($id: ID!, $input: ReviseItemInput!) { reviseItem(id: $id, input: $input) { id version } }`;
    for (let round = 0; round < 5; round++) {
      const item = (await gql(t.srv.url, SUBMIT, { input: itemInput(t.fx.units.dept, `rev-${round}`) }, t.fx.tokens.infDept)).data.submitItem;
      await gql(t.srv.url, REVIEW, { id: item.id, input: { decision: 'RETURN', comment: '请补充' } }, t.fx.tokens.office);
      const { unitId: _u, ...rest } = itemInput(t.fx.units.dept, `rev-${round}`);
      const results = await Promise.all([1, 2, 3].map((n) => gql(t.srv.url, REVISE, { id: item.id, input: { ...rest, title: `修改 ${n}` } }, t.fx.tokens.infDept)));
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions!.code)).toEqual(['item/wrong_state', 'item/wrong_state']);
      expect(await db().itemRevision.count({ where: { itemId: item.id } })).toBe(2);
      expect((await db().item.findUniqueOrThrow({ where: { id: item.id } })).version).toBe(2);
    }
    await rollupMatchesItems();
  });

  it('sends one 首报 and one 终报 to the county, asks the main leader once and takes one decision', async () => {
    const ask = `mutation($id: ID!) { requestIncidentApproval(id: $id) { id } }`;
    const decide = `mutation($id: ID!, $a: Boolean!) { decideIncidentApproval(id: $id, approve: $a) { id } }`;
    const codes = (rs: { errors?: { extensions?: { code?: string } }[] }[]) => rs.filter((r) => r.errors).map((r) => r.errors![0]!.extensions!.code).sort();
    for (let round = 0; round < 3; round++) {
      // a major incident: asked for consent three times at once, decided twice at once
      const major = await report(t.srv.url, t.fx.tokens.infVillage, t.fx.units.village, { severity: 'MAJOR', title: `重大 ${round}` });
      const asks = await Promise.all([1, 2, 3].map(() => gql(t.srv.url, ask, { id: major.id }, t.fx.tokens.office)));
      expect(codes(asks)).toEqual(['incident/approval_state', 'incident/approval_state']);
      expect(await db().incidentApproval.count({ where: { incidentId: major.id } })).toBe(1);
      const decisions = await Promise.all([true, false].map((a) => gql(t.srv.url, decide, { id: major.id, a }, t.fx.tokens.mainLeader)));
      expect(codes(decisions)).toEqual(['incident/approval_state']);
      const approval = await db().incidentApproval.findFirstOrThrow({ where: { incidentId: major.id } });
      const incident = await db().incident.findUniqueOrThrow({ where: { id: major.id } });
      expect(incident.status).toBe(approval.decision === 'APPROVED' ? 'APPROVED' : 'ACKNOWLEDGED');

      // a general one: three 首报 at once (different forms), then two 终报 at once
      const inc = await report(t.srv.url, t.fx.tokens.infVillage, t.fx.units.village, { title: `一般 ${round}` });
      const firsts = await Promise.all([1, 2, 3].map((n) => gql(t.srv.url, TO_COUNTY, { id: inc.id, input: { kind: 'INITIAL', progress: `首报 ${n}` } }, t.fx.tokens.office)));
      expect(codes(firsts)).toEqual(['incident/wrong_report_kind', 'incident/wrong_report_kind']);
      const finals = await Promise.all([1, 2].map((n) => gql(t.srv.url, TO_COUNTY, { id: inc.id, input: { kind: 'FINAL', results: `终报 ${n}` } }, t.fx.tokens.office)));
      expect(codes(finals)).toEqual(['incident/closed']);
      const county = await db().incidentReport.findMany({ where: { incidentId: inc.id, direction: 'OFFICE_TO_COUNTY' }, orderBy: { number: 'asc' } });
      expect(county.map((r) => r.kind)).toEqual(['INITIAL', 'FINAL']);
    }
  });

  it('confirms receipt of an incident once: one leader notice, one event, one audit line', async () => {
    const ACK = 'mutation($id: ID!, $m: String) { acknowledgeIncident(id: $id, leaderMethod: $m) { id status acknowledgedAt } }';
    for (let round = 0; round < 5; round++) {
      const inc = await report(t.srv.url, t.fx.tokens.infVillage, t.fx.units.village, { title: `确认 ${round}` });
      const results = await Promise.all(['电话', '短信', '当面'].map((m) => gql(t.srv.url, ACK, { id: inc.id, m }, t.fx.tokens.office)));
      // every click is answered with the incident as it now stands, all with the one confirmation
      expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
      expect(new Set(results.map((r) => r.data.acknowledgeIncident.acknowledgedAt)).size).toBe(1);
      expect(results.map((r) => r.data.acknowledgeIncident.status)).toEqual(['ACKNOWLEDGED', 'ACKNOWLEDGED', 'ACKNOWLEDGED']);
      expect(await db().incidentLeaderNotice.count({ where: { incidentId: inc.id } })).toBe(1);
      expect(await db().event.count({ where: { entityId: inc.id, kind: 'incident:updated' } })).toBe(1);
      expect(await db().auditEntry.count({ where: { entityId: inc.id, action: 'incident.acknowledge' } })).toBe(1);
    }
  });

  it('makes one notice draft and publishes it once when two clerks act at the same moment', async () => {
    const m = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
    const GEN = 'mutation($m: String!, $n: String) { generateNotice(month: $m, note: $n) { id revision } }';
    const PUB = 'mutation($id: ID!) { publishNotice(id: $id) { status } }';
    const first = (await gql(t.srv.url, GEN, { m }, t.fx.tokens.office)).data.generateNotice;
    const rowsOnce = await db().noticeRow.count({ where: { noticeId: first.id } });
    expect(rowsOnce).toBeGreaterThan(0);
    // drafted again twice at once: the draft keeps one set of rows
    const again = await Promise.all([1, 2].map(() => gql(t.srv.url, GEN, { m }, t.fx.tokens.office)));
    expect(again.filter((r) => !r.errors).length).toBeGreaterThanOrEqual(1);
    for (const r of again.filter((x) => x.errors)) expect(r.errors![0]!.extensions!.code).toBe('notice/busy');
    expect(await db().noticeRow.count({ where: { noticeId: first.id } })).toBe(rowsOnce);
    // published twice at once: once
    const pubs = await Promise.all([1, 2].map(() => gql(t.srv.url, PUB, { id: first.id }, t.fx.tokens.office)));
    expect(pubs.filter((r) => !r.errors)).toHaveLength(1);
    expect(pubs.filter((r) => r.errors).map((r) => r.errors![0]!.extensions!.code)).toEqual([expect.stringMatching(/^notice\/(busy|published)$/)]);
    // a correction made twice at once: one new revision
    const corrections = await Promise.all([1, 2].map(() => gql(t.srv.url, GEN, { m, n: '更正' }, t.fx.tokens.office)));
    const made = corrections.filter((r) => !r.errors);
    expect(new Set(made.map((r) => r.data.generateNotice.revision)).size).toBe(1);
    for (const r of corrections.filter((x) => x.errors)) expect(r.errors![0]!.extensions!.code).toBe('notice/busy');
    expect(await db().monthlyNotice.count({ where: { month: m } })).toBe(2);
  });
});
