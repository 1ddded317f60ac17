import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { gql } from '../helpers/graphql.js';
import { report, TO_COUNTY } from '../helpers/incidents.js';
import { useTestServer } from '../helpers/server.js';

const t = useTestServer();

const H = 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const cstDay = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
const ACK = `mutation($id: ID!) { acknowledgeIncident(id: $id, leaderMethod: "电话") { id } }`;
const RECORD = `query($p: String!) {
  incidentTimeliness(period: $p) {
    period { key label }
    byUnit { key name total onTime late concealed pending overdue }
    byPerson { key name total late concealed overdue }
  }
}`;

async function acknowledgeAndSend(id: string) {
  expect((await gql(t.srv.url, ACK, { id }, t.fx.tokens.office)).errors).toBeUndefined();
  const sent = await gql(t.srv.url, TO_COUNTY, { id, input: { kind: 'INITIAL', progress: '已处置' } }, t.fx.tokens.office);
  expect(sent.errors).toBeUndefined();
}

describe('事件台账: timeliness of a period, per unit and per person held to account', () => {
  it('counts on time, late, concealed and undecided (and of those, past the 2-hour line) per unit, and names who held each late, concealed or overdue incident at the 2-hour line', async () => {
    // Setup
    // A: on time (happened 30 min ago, sent to the county now)
    const a = await report(t.srv.url, t.fx.tokens.infDept, t.fx.units.dept, { occurredAt: ago(30 * 60_000) });
    await acknowledgeAndSend(a.id);
    // B: late, and the unit told the office only now: the unit's informant held it at the line
    const b = await report(t.srv.url, t.fx.tokens.infDept, t.fx.units.dept, { occurredAt: ago(3 * H) });
    await acknowledgeAndSend(b.id);
    // E: late, but the office had it 10 minutes after the event: the office person held it
    const e = await report(t.srv.url, t.fx.tokens.infDept, t.fx.units.dept, { occurredAt: ago(3 * H) });
    await db().incident.update({ where: { id: e.id }, data: { reportedAt: new Date(Date.now() - 3 * H + 10 * 60_000) } });
    await acknowledgeAndSend(e.id);
    // C: concealed, never sent, happened 11 h ago and reported to the office only now
    await report(t.srv.url, t.fx.tokens.infVillage, t.fx.units.village, { occurredAt: ago(11 * H) });
    // F: not sent yet, 4 h old: late at best already; the office had it from 3.5 h ago, so the
    // office person who acknowledged it held it at the 2-hour line
    const f = await report(t.srv.url, t.fx.tokens.infDept, t.fx.units.dept, { occurredAt: ago(4 * H) });
    await db().incident.update({ where: { id: f.id }, data: { reportedAt: new Date(Date.now() - 3.5 * H) } });
    expect((await gql(t.srv.url, ACK, { id: f.id }, t.fx.tokens.office)).errors).toBeUndefined();
    // D: undecided, 10 minutes old
    await report(t.srv.url, t.fx.tokens.infVillage, t.fx.units.village, { occurredAt: ago(10 * 60_000) });
    // outside the period: a week ago
    await report(t.srv.url, t.fx.tokens.infVillage, t.fx.units.village, { occurredAt: ago(7 * 24 * H) });

    // Action: the last two CST days (a range, so the test holds at a month's first morning too)
    const key = `${cstDay(Date.now() - 2 * 24 * H)}..${cstDay(Date.now())}`;
    const res = await gql(t.srv.url, RECORD, { p: key }, t.fx.tokens.office);
    expect(res.errors).toBeUndefined();
    const r = res.data.incidentTimeliness;

    // Assert
    expect(r.period.key).toBe(key);
    expect(r.period.label).not.toBe('');
    expect(r.byUnit).toEqual([
      { key: t.fx.units.village, name: '李家村', total: 2, onTime: 0, late: 0, concealed: 1, pending: 1, overdue: 0 },
      { key: t.fx.units.dept, name: '经济发展办公室', total: 4, onTime: 1, late: 2, concealed: 0, pending: 1, overdue: 1 },
    ]);
    expect(r.byPerson).toEqual([
      { key: t.fx.people.infVillage, name: '李芳', total: 1, late: 0, concealed: 1, overdue: 0 },
      { key: t.fx.people.office, name: '陈静', total: 2, late: 1, concealed: 0, overdue: 1 },
      { key: t.fx.people.infDept, name: '王伟', total: 1, late: 1, concealed: 0, overdue: 0 },
    ]);
  });

  it('exports the record of a period to CSV and Excel, one line per incident, for the office and the leaders', async () => {
    const key = `${cstDay(Date.now() - 2 * 24 * H)}..${cstDay(Date.now())}`;
    const base = `http://127.0.0.1:${t.srv.port}/exports/incidents`;
    const get = (ext: string, token?: string) => fetch(`${base}.${ext}?period=${encodeURIComponent(key)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await get('csv')).status).toBe(401);
    expect((await get('csv', t.fx.tokens.infDept)).status).toBe(403);
    expect((await get('csv', t.fx.tokens.admin)).status).toBe(403);
    expect((await get('csv', t.fx.tokens.leader)).status).toBe(200);

    const csv = await get('csv', t.fx.tokens.office);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = Buffer.from(await csv.arrayBuffer()).subarray(3).toString('utf8').trim().split('\r\n');
    const header = lines.find((l) => l.startsWith('序号'))!;
    expect(header).toBe('序号,发生时间,单位,类别,等级,事件,首次报县委办,报送时效,2小时时限到时经办人,状态');
    const rows = lines.slice(lines.indexOf(header) + 1).map((l) => l.split(','));
    expect(rows).toHaveLength(6); // the week-old one is outside the period
    // oldest first: the concealed village incident (11 h), never sent, held by its informant
    expect(rows[0]).toEqual(['1', expect.any(String), '李家村', '工伤事故', '一般（Ⅳ级）', '砖厂工人作业时手部受伤', '未报', '漏报/瞒报', '李芳', '处置中']);
    expect(rows.map((r) => r[7])).toEqual(['漏报/瞒报', '尚未报县（已超2小时）', '迟报', '迟报', '按时报送', '尚未报县']);
    expect(rows.filter((r) => r[7] === '迟报').map((r) => r[8]).sort()).toEqual(['王伟', '陈静'].sort());
    // the overdue one already names who held it at the line; the undecided one names nobody
    expect([rows[1]![8], rows[5]![8]]).toEqual(['陈静', '']);

    const xlsx = await get('xlsx', t.fx.tokens.office);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toMatch(/^突发事件台账（/);
    expect(String(ws.getCell('A2').value)).toBe('共 6 起：按时报送 1，迟报 2，漏报/瞒报 1，尚未报县 2（其中已超 2 小时 1）');
  });

  it('is for the office and the leaders only', async () => {
    const key = cstDay(Date.now());
    for (const token of [t.fx.tokens.leader, t.fx.tokens.mainLeader]) expect((await gql(t.srv.url, RECORD, { p: key }, token)).errors).toBeUndefined();
    for (const token of [t.fx.tokens.infDept, t.fx.tokens.display]) {
      expect((await gql(t.srv.url, RECORD, { p: key }, token)).errors?.[0]?.extensions?.code).toBe('auth/forbidden');
    }
  });
});
