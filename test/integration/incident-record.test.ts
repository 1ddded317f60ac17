import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql } from '../helpers/graphql.js';
import { report, TO_COUNTY } from '../helpers/incidents.js';
import { startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  srv = await startServer();
  fx = await createFixture();
});
afterAll(() => srv.stop());

const H = 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const cstDay = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
const ACK = `mutation($id: ID!) { acknowledgeIncident(id: $id, leaderMethod: "电话") { id } }`;
const RECORD = `query($p: String!) {
  incidentTimeliness(period: $p) {
    period { key label }
    byUnit { key name total onTime late concealed pending }
    byPerson { key name total late concealed }
  }
}`;

async function acknowledgeAndSend(id: string) {
  expect((await gql(srv.url, ACK, { id }, fx.tokens.office)).errors).toBeUndefined();
  const sent = await gql(srv.url, TO_COUNTY, { id, input: { kind: 'INITIAL', progress: '已处置' } }, fx.tokens.office);
  expect(sent.errors).toBeUndefined();
}

describe('事件台账: timeliness of a period, per unit and per person held to account', () => {
  it('counts on time, late, concealed and undecided per unit, and names who held each late or concealed incident at the 2-hour line', async () => {
    // Setup
    // A: on time (happened 30 min ago, sent to the county now)
    const a = await report(srv.url, fx.tokens.infDept, fx.units.dept, { occurredAt: ago(30 * 60_000) });
    await acknowledgeAndSend(a.id);
    // B: late, and the unit told the office only now: the unit's informant held it at the line
    const b = await report(srv.url, fx.tokens.infDept, fx.units.dept, { occurredAt: ago(3 * H) });
    await acknowledgeAndSend(b.id);
    // E: late, but the office had it 10 minutes after the event: the office person held it
    const e = await report(srv.url, fx.tokens.infDept, fx.units.dept, { occurredAt: ago(3 * H) });
    await db().incident.update({ where: { id: e.id }, data: { reportedAt: new Date(Date.now() - 3 * H + 10 * 60_000) } });
    await acknowledgeAndSend(e.id);
    // C: concealed, never sent, happened 11 h ago and reported to the office only now
    await report(srv.url, fx.tokens.infVillage, fx.units.village, { occurredAt: ago(11 * H) });
    // D: undecided, 10 minutes old
    await report(srv.url, fx.tokens.infVillage, fx.units.village, { occurredAt: ago(10 * 60_000) });
    // outside the period: a week ago
    await report(srv.url, fx.tokens.infVillage, fx.units.village, { occurredAt: ago(7 * 24 * H) });

    // Action: the last two CST days (a range, so the test holds at a month's first morning too)
    const key = `${cstDay(Date.now() - 2 * 24 * H)}..${cstDay(Date.now())}`;
    const res = await gql(srv.url, RECORD, { p: key }, fx.tokens.office);
    expect(res.errors).toBeUndefined();
    const r = res.data.incidentTimeliness;

    // Assert
    expect(r.period.key).toBe(key);
    expect(r.period.label).not.toBe('');
    expect(r.byUnit).toEqual([
      { key: fx.units.village, name: '李家村', total: 2, onTime: 0, late: 0, concealed: 1, pending: 1 },
      { key: fx.units.dept, name: '经济发展办公室', total: 3, onTime: 1, late: 2, concealed: 0, pending: 0 },
    ]);
    expect(r.byPerson).toEqual([
      { key: fx.people.infVillage, name: '李芳', total: 1, late: 0, concealed: 1 },
      { key: fx.people.office, name: '陈静', total: 1, late: 1, concealed: 0 },
      { key: fx.people.infDept, name: '王伟', total: 1, late: 1, concealed: 0 },
    ]);
  });

  it('is for the office and the leaders only', async () => {
    const key = cstDay(Date.now());
    for (const token of [fx.tokens.leader, fx.tokens.mainLeader]) expect((await gql(srv.url, RECORD, { p: key }, token)).errors).toBeUndefined();
    for (const token of [fx.tokens.infDept, fx.tokens.display]) {
      expect((await gql(srv.url, RECORD, { p: key }, token)).errors?.[0]?.extensions?.code).toBe('auth/forbidden');
    }
  });
});
