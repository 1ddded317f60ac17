import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT, subscribeWs, wsClient } from '../helpers/graphql.js';
import { startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  srv = await startServer();
  fx = await createFixture();
});
afterAll(() => srv.stop());

const REVIEW = `mutation($id: ID!, $input: ReviewInput!) { reviewItem(id: $id, input: $input) { id status adoptionLevel version reviews { decision level comment itemVersion } } }`;
const REVISE = `mutation($id: ID!, $input: ReviseItemInput!) { reviseItem(id: $id, input: $input) { id status version revisions { version title } } }`;
const month = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());

describe('review: submit → return → resubmit → adopt', () => {
  it('moves through each state with an event and an audit entry, keeping every revision', async () => {
    const head = (await gql(srv.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
    const c = wsClient(srv.wsUrl, fx.tokens.office);
    const live = subscribeWs(c, { afterSeq: head });
    const item = (await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 'r1') }, fx.tokens.infDept)).data.submitItem;

    const queue = await gql(srv.url, '{ reviewQueue { id } }', {}, fx.tokens.office);
    expect(queue.data.reviewQueue.map((i: any) => i.id)).toContain(item.id);

    const noComment = await gql(srv.url, REVIEW, { id: item.id, input: { decision: 'RETURN' } }, fx.tokens.office);
    expect(noComment.errors?.[0]).toMatchObject({ extensions: { code: 'input/invalid' }, message: '退回修改须填写修改意见' });
    const byInformant = await gql(srv.url, REVIEW, { id: item.id, input: { decision: 'ADOPT', level: 'WEBSITE' } }, fx.tokens.infDept);
    expect(byInformant.errors?.[0]?.extensions?.code).toBe('auth/forbidden');

    const returned = (await gql(srv.url, REVIEW, { id: item.id, input: { decision: 'RETURN', comment: '请补充数据' } }, fx.tokens.office)).data.reviewItem;
    expect(returned).toMatchObject({ status: 'RETURNED', reviews: [{ decision: 'RETURN', comment: '请补充数据', itemVersion: 1 }] });
    const tooEarly = await gql(srv.url, REVIEW, { id: item.id, input: { decision: 'ADOPT', level: 'WEBSITE' } }, fx.tokens.office);
    expect(tooEarly.errors?.[0]?.extensions?.code).toBe('item/wrong_state');

    const { unitId: _u, ...rest } = itemInput(fx.units.dept, 'r1');
    const revised = (await gql(srv.url, REVISE, { id: item.id, input: { ...rest, title: '测试信息 r1（补充数据）' } }, fx.tokens.infDept)).data.reviseItem;
    expect(revised).toMatchObject({ status: 'SUBMITTED', version: 2, revisions: [{ version: 1, title: '测试信息 r1' }, { version: 2, title: '测试信息 r1（补充数据）' }] });

    const adopted = (await gql(srv.url, REVIEW, { id: item.id, input: { decision: 'ADOPT', level: 'COUNTY' } }, fx.tokens.office)).data.reviewItem;
    expect(adopted).toMatchObject({ status: 'ADOPTED', adoptionLevel: 'COUNTY', version: 2 });
    expect(adopted.reviews.map((r: any) => [r.decision, r.itemVersion])).toEqual([['RETURN', 1], ['ADOPT', 2]]);

    await live.collector.until((es) => es.length >= 4);
    expect(live.collector.events.map((e) => e.kind)).toEqual(['ITEM_SUBMITTED', 'ITEM_REVIEWED', 'ITEM_REVISED', 'ITEM_REVIEWED']);
    const audit = await db().auditEntry.findMany({ where: { entityId: item.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['item.submit', 'item.review.return', 'item.revise', 'item.review.adopt']);
    live.unsubscribe();
    await c.dispose();
  });
});

describe('assessment', () => {
  it('shows quota progress with what is still needed, and records a 催报 with an event', async () => {
    const board = (await gql(srv.url, '{ quotaBoard { rows { unit { id } month { minimum submitted needed daysLeft status } quarter { minimum } } behind { unit { id } } } }', {}, fx.tokens.office)).data.quotaBoard;
    const dept = board.rows.find((r: any) => r.unit.id === fx.units.dept);
    expect(dept.month).toMatchObject({ minimum: 5, submitted: 1, needed: 4 });
    expect(dept.month.daysLeft).toBeGreaterThan(0);
    expect(dept.quarter).toBeNull();
    const village = board.rows.find((r: any) => r.unit.id === fx.units.village);
    expect(village).toMatchObject({ month: null, quarter: { minimum: 15 } });

    const res = await gql(srv.url, 'mutation($u: [ID!]!) { sendReminders(unitIds: $u) { unit { id } message sentBy { id } } }', { u: [fx.units.village] }, fx.tokens.office);
    expect(res.data.sendReminders).toEqual([{ unit: { id: fx.units.village }, message: expect.stringContaining('报送'), sentBy: { id: fx.people.office } }]);
    expect(await db().event.count({ where: { kind: 'reminder:sent', unitId: fx.units.village } })).toBe(1);
  });

  it('a published notice stays as it was after later edits; a correction is a new, visible revision', async () => {
    const m = month();
    const draft = (await gql(srv.url, 'mutation($m: String!) { generateNotice(month: $m) { id revision status rows { unitId submitted adopted quotaMet } } }', { m }, fx.tokens.office)).data.generateNotice;
    expect(draft).toMatchObject({ revision: 1, status: 'DRAFT' });
    const deptRow = () => draft.rows.find((r: any) => r.unitId === fx.units.dept);
    expect(deptRow()).toMatchObject({ submitted: 1, adopted: 1, quotaMet: false });
    await gql(srv.url, 'mutation($id: ID!) { publishNotice(id: $id) { status } }', { id: draft.id }, fx.tokens.office);

    // Later: another item is submitted and adopted.
    const late = (await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 'after') }, fx.tokens.infDept)).data.submitItem;
    await gql(srv.url, REVIEW, { id: late.id, input: { decision: 'ADOPT', level: 'WEBSITE' } }, fx.tokens.office);

    const q = 'query($id: ID!) { notice(id: $id) { status rows { unitId submitted adopted } } }';
    const published = (await gql(srv.url, q, { id: draft.id }, fx.tokens.office)).data.notice;
    expect(published.status).toBe('PUBLISHED');
    expect(published.rows.find((r: any) => r.unitId === fx.units.dept)).toEqual({ unitId: fx.units.dept, submitted: 1, adopted: 1 });

    const again = await gql(srv.url, 'mutation($id: ID!) { publishNotice(id: $id) { status } }', { id: draft.id }, fx.tokens.office);
    expect(again.errors?.[0]?.extensions?.code).toBe('notice/published');
    const noNote = await gql(srv.url, 'mutation($m: String!) { generateNotice(month: $m) { id } }', { m }, fx.tokens.office);
    expect(noNote.errors?.[0]?.message).toMatch(/更正说明/);
    const correction = (await gql(srv.url, 'mutation($m: String!) { generateNotice(month: $m, note: "补录一条") { id revision note rows { unitId submitted } } }', { m }, fx.tokens.office)).data.generateNotice;
    expect(correction).toMatchObject({ revision: 2, note: '补录一条' });
    expect(correction.rows.find((r: any) => r.unitId === fx.units.dept).submitted).toBe(2);
    const list = (await gql(srv.url, 'query($m: String) { notices(month: $m) { revision status } }', { m }, fx.tokens.office)).data.notices;
    expect(list).toEqual([{ revision: 2, status: 'DRAFT' }, { revision: 1, status: 'PUBLISHED' }]);
  });

  it('exports the notice to CSV and XLSX with Chinese headers, checked cell by cell', async () => {
    const m = month();
    const notices = (await gql(srv.url, 'query($m: String) { notices(month: $m) { id revision } }', { m }, fx.tokens.office)).data.notices;
    const first = notices.find((n: any) => n.revision === 1);
    const base = `http://127.0.0.1:${srv.port}/exports/notice/${first.id}`;
    const anon = await fetch(`${base}.csv`);
    expect(anon.status).toBe(401);
    const informant = await fetch(`${base}.csv`, { headers: { authorization: `Bearer ${fx.tokens.infDept}` } });
    expect(informant.status).toBe(403);

    const csv = await fetch(`${base}.csv`, { headers: { authorization: `Bearer ${fx.tokens.office}` } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('序号,单位,类别,报送条数,采用条数,采用率,月度定额,是否完成定额');
    expect(lines.slice(1)).toEqual(['1,经济发展办公室,部门,1,1,100.0%,5,否', '2,李家村,行政村,0,0,0.0%,,—']);

    const xlsx = await fetch(`${base}.xlsx`, { headers: { authorization: `Bearer ${fx.tokens.office}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    const [y, mo] = m.split('-');
    expect(ws.getCell('A1').value).toBe(`${y}年${Number(mo)}月信息上报公示`);
    expect(String(ws.getCell('A2').value)).toMatch(/^第 1 版 · 发布于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '单位', '类别', '报送条数', '采用条数', '采用率', '月度定额', '是否完成定额']);
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([1, '经济发展办公室', '部门', 1, 1, 1, 5, '否']);
    expect(ws.getCell('F4').numFmt).toBe('0.0%');
    expect((ws.getRow(5).values as unknown[]).slice(1, 6)).toEqual([2, '李家村', '行政村', 0, 0]);
  });

  it('says whether a period is still running, on the API and on the exported sheet', async () => {
    const q = 'query($p: String!) { statistics(period: $p) { period { key underWay } } }';
    expect((await gql(srv.url, q, { p: month() }, fx.tokens.office)).data.statistics.period).toEqual({ key: month(), underWay: true });
    expect((await gql(srv.url, q, { p: '2025-01' }, fx.tokens.office)).data.statistics.period).toEqual({ key: '2025-01', underWay: false });

    const subtitle = async (period: string) => {
      const res = await fetch(`http://127.0.0.1:${srv.port}/exports/statistics.xlsx?period=${period}`, { headers: { authorization: `Bearer ${fx.tokens.office}` } });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
      return String(wb.worksheets[0]!.getCell('A2').value);
    };
    // a running month is a snapshot: the sheet says when it was taken, so its "否" reads as "not yet"
    expect(await subtitle(month())).toMatch(/^合计报送 \d+ 条，采用 \d+ 条，采用率 [\d.]+%（截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}，本期尚未结束）$/);
    expect(await subtitle('2025-01')).toBe('合计报送 0 条，采用 0 条，采用率 0.0%');

    // the informants' table goes out too; anything else is refused in words
    const csv = (of: string) => fetch(`http://127.0.0.1:${srv.port}/exports/statistics.csv?period=${month()}&of=${of}`, { headers: { authorization: `Bearer ${fx.tokens.office}` } });
    const people = await csv('people');
    expect((await people.text()).split('\r\n')[0]).toBe('名次,信息员,报送条数,采用条数,采用率'); // text() drops the BOM
    const wrong = await csv('villages');
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ code: 'input/invalid', message: '导出对象应为 units（各单位）或 people（信息员）' });
  });

  it('statistics and year scores rank units with the breakdown behind each score', async () => {
    const y = month().slice(0, 4);
    const stats = (await gql(srv.url, 'query($p: String!) { statistics(period: $p) { submitted adopted units { name submitted adopted rank byCategory { category count } byLevel { level count } } people { key name submitted } } }', { p: month() }, fx.tokens.office)).data.statistics;
    expect(stats.units[0]).toMatchObject({ name: '经济发展办公室', rank: 1, submitted: 2, adopted: 2 });
    expect(stats.units[0].byLevel).toEqual(expect.arrayContaining([{ level: 'COUNTY', count: 1 }, { level: 'WEBSITE', count: 1 }]));
    expect(stats.people.find((p: any) => p.key === fx.people.infDept)).toMatchObject({ submitted: 2 });

    const scores = (await gql(srv.url, 'query($y: Int!) { yearScores(year: $y) { units { name total rank lines { rule count points } } } }', { y: Number(y) }, fx.tokens.office)).data.yearScores;
    const dept = scores.units.find((u: any) => u.name === '经济发展办公室');
    const points = Object.fromEntries(dept.lines.map((l: any) => [l.rule, l.points]));
    expect(points['item']).toBeGreaterThanOrEqual(2);
    expect(points['adoption.COUNTY']).toBe(5);
    expect(dept.total).toBe(dept.lines.reduce((s: number, l: any) => s + l.points, 0));

    // the export: a column per line of the scheme with its points, the counts in it, the total
    const csvOf = async (q: string) => {
      const res = await fetch(`http://127.0.0.1:${srv.port}/exports/scores.csv?${q}`, { headers: { authorization: `Bearer ${fx.tokens.office}` } });
      return { status: res.status, lines: Buffer.from(await res.arrayBuffer()).subarray(3).toString('utf8').trim().split('\r\n') };
    };
    const units = await csvOf(`year=${y}`);
    expect(units.lines[0]).toBe(
      '名次,单位,报送信息（1分/条）,镇政府网站采用（2分/条）,镇信息简报采用（3分/条）,县级采用（5分/条）,市级采用（8分/条）,省级采用（12分/条）,完成月度定额（5分/个月）,完成季度定额（10分/个季度）,突发事件迟报（-5分/起）,突发事件漏报/瞒报（-20分/起）,总分',
    );
    const count = (lines: any[], rule: string) => lines.find((l: any) => l.rule === rule)?.count ?? 0;
    const RULES = ['item', 'adoption.WEBSITE', 'adoption.BULLETIN', 'adoption.COUNTY', 'adoption.CITY', 'adoption.PROVINCE', 'quota.month', 'quota.quarter', 'incident.late', 'incident.concealed'];
    expect(units.lines.slice(1)).toEqual(scores.units.map((u: any) => [u.rank, u.name, ...RULES.map((r) => count(u.lines, r)), u.total].join(',')));
    // the screen's columns come from the server, in the export's order, with the same points
    const cols = (await gql(srv.url, 'query($y: Int!) { yearScores(year: $y) { unitColumns { rule per rate } personColumns { rule } } }', { y: Number(y) }, fx.tokens.office)).data.yearScores;
    expect(cols.unitColumns.map((c: any) => c.rule)).toEqual(RULES);
    expect(cols.unitColumns.find((c: any) => c.rule === 'incident.late')).toEqual({ rule: 'incident.late', per: '起', rate: -5 });
    expect(cols.personColumns.map((c: any) => c.rule)).toEqual(RULES.filter((r) => !r.startsWith('quota.')));
    const people = await csvOf(`year=${y}&of=people`);
    expect(people.lines[0]).toMatch(/^名次,信息员,报送信息（1分\/条）,.*,省级采用（12分\/条）,突发事件迟报（-5分\/起）,突发事件漏报\/瞒报（-20分\/起）,总分$/);
    const inf = people.lines.find((l) => l.includes('（经济发展办公室）'))!.split(',');
    expect(inf.length).toBe(11);
    expect(Number(inf[2])).toBeGreaterThanOrEqual(2);
    expect(await csvOf(`year=${y}&of=towns`)).toMatchObject({ status: 400 });
    expect(await csvOf('year=abc')).toMatchObject({ status: 400 });
  });

  it('refuses a scheme with a positive deduction or a negative reward, naming the fields, and keeps the one in force', async () => {
    const SAVE = 'mutation($input: ScoringSchemeInput!) { saveScoringScheme(input: $input) { perItem perLateReport } }';
    const before = (await gql(srv.url, '{ scoringScheme { perItem perLateReport } }', {}, fx.tokens.office)).data.scoringScheme;
    const input = { perItem: -1, perAdoption: { WEBSITE: 2, BULLETIN: 3, COUNTY: 5, CITY: 8, PROVINCE: 12 }, perMonthQuotaMet: 5, perQuarterQuotaMet: 10, perLateReport: 5, perConcealedReport: -20 };
    const refused = await gql(srv.url, SAVE, { input }, fx.tokens.office);
    expect(refused.errors?.[0]).toMatchObject({
      message: '考核办法无效：每报送 1 条的分值应为 0 到 1000 之间的数；每次迟报是扣分，应为 -1000 到 0 之间的数',
      extensions: { code: 'config/invalid', fields: ['perItem', 'perLateReport'] },
    });
    expect((await gql(srv.url, '{ scoringScheme { perItem perLateReport } }', {}, fx.tokens.office)).data.scoringScheme).toEqual(before);
  });

  it('refuses to publish a draft the data has moved on from (a new item, a review); a draft made again publishes', async () => {
    // Setup: the month's latest revision is a draft (the correction above)
    const m = month();
    const GEN = 'mutation($m: String!) { generateNotice(month: $m, note: "补录") { id status rows { unitId submitted adopted } } }';
    const PUB = 'mutation($id: ID!) { publishNotice(id: $id) { status } }';
    const draft = (await gql(srv.url, GEN, { m }, fx.tokens.office)).data.generateNotice;
    expect(draft.status).toBe('DRAFT');

    // a new item after the draft: publishing it would fix a wrong record
    const item = (await gql(srv.url, SUBMIT, { input: itemInput(fx.units.village, 'after-draft') }, fx.tokens.infVillage)).data.submitItem;
    const stale = await gql(srv.url, PUB, { id: draft.id }, fx.tokens.office);
    expect(stale.errors?.[0]).toMatchObject({ extensions: { code: 'notice/stale' }, message: expect.stringContaining('请重新生成草稿') });
    expect((await gql(srv.url, 'query($id: ID!) { notice(id: $id) { status } }', { id: draft.id }, fx.tokens.office)).data.notice.status).toBe('DRAFT');

    // made again it counts the item; then a review (adopted changes) makes it stale again
    const again = (await gql(srv.url, GEN, { m }, fx.tokens.office)).data.generateNotice;
    expect(again.id).toBe(draft.id);
    expect(again.rows.find((r: any) => r.unitId === fx.units.village)).toMatchObject({ submitted: 1, adopted: 0 });
    await gql(srv.url, REVIEW, { id: item.id, input: { decision: 'ADOPT', level: 'WEBSITE' } }, fx.tokens.office);
    expect((await gql(srv.url, PUB, { id: draft.id }, fx.tokens.office)).errors?.[0]?.extensions?.code).toBe('notice/stale');

    const fresh = (await gql(srv.url, GEN, { m }, fx.tokens.office)).data.generateNotice;
    expect(fresh.rows.find((r: any) => r.unitId === fx.units.village)).toMatchObject({ submitted: 1, adopted: 1 });
    const published = await gql(srv.url, PUB, { id: fresh.id }, fx.tokens.office);
    expect(published.errors).toBeUndefined();
    expect(published.data.publishNotice.status).toBe('PUBLISHED');
  });
});
