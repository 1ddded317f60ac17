import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { useTestServer } from '../helpers/server.js';

// 信息查询: the office finds past items by words, unit, category, status and level;
// an adopted item is adopted again when a higher level takes it up.
const t = useTestServer();

const FIND = `query($filter: ItemFilter, $first: Int, $offset: Int) {
  items(filter: $filter, first: $first, offset: $offset) { id title }
  itemCount(filter: $filter)
}`;
const REVIEW = `mutation($id: ID!, $input: ReviewInput!) { reviewItem(id: $id, input: $input) { id status adoptionLevel reviews { decision level } } }`;

async function submit(unitId: string, token: string, extra: Record<string, unknown>) {
  const res = await gql(t.srv.url, SUBMIT, { input: itemInput(unitId, 'x', extra) }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.submitItem.id as string;
}

async function find(token: string, filter: Record<string, unknown>, page: { first?: number; offset?: number } = {}) {
  const res = await gql(t.srv.url, FIND, { filter, ...page }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return { titles: (res.data.items as { title: string }[]).map((i) => i.title), count: res.data.itemCount as number };
}

describe('信息查询: items by words and level', () => {
  it('finds every word in the title, the text or the meeting summary, within what the viewer may see', async () => {
    const { units, tokens } = t.fx;
    // sent one after another: the list is newest first
    await submit(units.dept, tokens.infDept, { title: '召开禁毒宣传工作会', body: '全体干部参加。' });
    await submit(units.dept, tokens.infDept, { title: '新签约项目四个', body: '其中一个是禁毒教育基地。' });
    await submit(units.village, tokens.infVillage, { title: '村里开展禁毒宣传', body: '发放传单两百份。' });
    await submit(units.village, tokens.infVillage, { category: 'MEETING', title: '秋收进度会', body: '已完成九成。', meetingSummary: '会议部署禁毒工作' });
    await submit(units.dept, tokens.infDept, { title: '一季度GDP增长', body: '同比增长百分之六。' });

    expect(await find(tokens.office, { text: '禁毒' })).toEqual({
      titles: ['秋收进度会', '村里开展禁毒宣传', '新签约项目四个', '召开禁毒宣传工作会'],
      count: 4,
    });
    // every word must appear (in any of the three texts); an ideographic space separates words too
    expect(await find(tokens.office, { text: ' 禁毒 宣传 ' })).toEqual({ titles: ['村里开展禁毒宣传', '召开禁毒宣传工作会'], count: 2 });
    expect(await find(tokens.office, { text: '禁毒\u3000宣传' })).toEqual({ titles: ['村里开展禁毒宣传', '召开禁毒宣传工作会'], count: 2 });
    expect(await find(tokens.office, { text: '禁毒 干部' })).toEqual({ titles: ['召开禁毒宣传工作会'], count: 1 });
    // Latin letters in either case, on both databases
    expect(await find(tokens.office, { text: 'gdp' })).toEqual({ titles: ['一季度GDP增长'], count: 1 });
    // the databases' pattern characters are not patterns: they separate words
    expect(await find(tokens.office, { text: '宣传_禁毒' })).toEqual({ titles: ['村里开展禁毒宣传', '召开禁毒宣传工作会'], count: 2 });
    expect(await find(tokens.office, { text: '%' })).toEqual({ titles: expect.any(Array), count: 5 });
    // with the other filters
    expect(await find(tokens.office, { text: '禁毒', unitId: units.village })).toEqual({ titles: ['秋收进度会', '村里开展禁毒宣传'], count: 2 });
    expect(await find(tokens.office, { text: '禁毒', category: 'MEETING' })).toEqual({ titles: ['秋收进度会'], count: 1 });
    // a page of the list; the count is the whole
    expect(await find(tokens.office, { text: '禁毒' }, { first: 2, offset: 1 })).toEqual({ titles: ['村里开展禁毒宣传', '新签约项目四个'], count: 4 });
    // blank is no search
    expect((await find(tokens.office, { text: '  ' })).count).toBe(5);

    // an informant searches their own unit's items only
    expect(await find(tokens.infVillage, { text: '禁毒' })).toEqual({ titles: ['秋收进度会', '村里开展禁毒宣传'], count: 2 });
    // the wall sees titles only, and so searches titles only: a word in a text it may not read finds nothing
    expect(await find(tokens.display, { text: '禁毒' })).toEqual({ titles: ['村里开展禁毒宣传', '召开禁毒宣传工作会'], count: 2 });
    expect(await find(tokens.display, { text: '教育基地' })).toEqual({ titles: [], count: 0 });
  });

  it('refuses a search too long or of too many words, naming the field', async () => {
    const long = await gql(t.srv.url, FIND, { filter: { text: '禁'.repeat(101) } }, t.fx.tokens.office);
    expect(long.errors?.[0]).toMatchObject({ message: '查询词不能超过 100 字', extensions: { code: 'input/too_long', fields: ['text'] } });
    const many = await gql(t.srv.url, FIND, { filter: { text: '一 二 三 四 五 六' } }, t.fx.tokens.office);
    expect(many.errors?.[0]).toMatchObject({ extensions: { code: 'input/invalid', fields: ['text'] } });
  });

  it('filters by adoption level, and raises an adoption only upwards', async () => {
    const { units, tokens } = t.fx;
    const a = await submit(units.dept, tokens.infDept, { title: '乡村振兴示范点建设', body: '完成投资。' });
    const b = await submit(units.dept, tokens.infDept, { title: '乡村振兴人才培训', body: '培训百人。' });
    await gql(t.srv.url, REVIEW, { id: a, input: { decision: 'ADOPT', level: 'WEBSITE' } }, tokens.office);
    await gql(t.srv.url, REVIEW, { id: b, input: { decision: 'ADOPT', level: 'BULLETIN' } }, tokens.office);
    expect(await find(tokens.office, { text: '乡村振兴', level: 'WEBSITE' })).toEqual({ titles: ['乡村振兴示范点建设'], count: 1 });

    // the county took up what the town had put on its website
    const raised = await gql(t.srv.url, REVIEW, { id: a, input: { decision: 'ADOPT', level: 'COUNTY' } }, tokens.office);
    expect(raised.data.reviewItem).toMatchObject({
      status: 'ADOPTED',
      adoptionLevel: 'COUNTY',
      reviews: [
        { decision: 'ADOPT', level: 'WEBSITE' },
        { decision: 'ADOPT', level: 'COUNTY' },
      ],
    });
    expect(await find(tokens.office, { text: '乡村振兴', level: 'COUNTY' })).toEqual({ titles: ['乡村振兴示范点建设'], count: 1 });
    expect(await find(tokens.office, { text: '乡村振兴', level: 'WEBSITE' })).toEqual({ titles: [], count: 0 });

    for (const level of ['COUNTY', 'BULLETIN']) {
      const down = await gql(t.srv.url, REVIEW, { id: a, input: { decision: 'ADOPT', level } }, tokens.office);
      expect(down.errors?.[0]).toMatchObject({ message: '该信息已由「县级」采用，只能改为更高层级的采用', extensions: { code: 'input/invalid', fields: ['level'] } });
    }
    // an adopted item is not taken back: not adopting or returning it is refused
    const back = await gql(t.srv.url, REVIEW, { id: b, input: { decision: 'NOT_ADOPT', comment: '改主意了' } }, tokens.office);
    expect(back.errors?.[0]?.extensions?.code).toBe('item/wrong_state');

    const item = await db().item.findUniqueOrThrow({ where: { id: a } });
    expect(item.adoptionLevel).toBe('COUNTY');
    const audit = await db().auditEntry.findMany({ where: { entityId: a }, orderBy: { id: 'asc' } });
    expect(audit.map((e) => e.action)).toEqual(['item.submit', 'item.review.adopt', 'item.review.adopt']);
    expect(JSON.parse(audit[2]!.before!)).toMatchObject({ status: 'ADOPTED', adoptionLevel: 'WEBSITE' });
  });
});

describe('信息查询 as a sheet', () => {
  const get = (query: string, token?: string, ext = 'csv') =>
    fetch(`http://127.0.0.1:${t.srv.port}/exports/items.${ext}?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const rowsOf = async (res: Response) => {
    const lines = Buffer.from(await res.arrayBuffer()).subarray(3).toString('utf8').trim().split('\r\n');
    return { header: lines[0], rows: lines.slice(1) };
  };

  it('exports what the search finds, every text whole, newest first, for those who may read the items', async () => {
    const { units, tokens } = t.fx;
    // a title a spreadsheet would take for a formula stays text
    await submit(units.village, tokens.infVillage, { title: '=1+1 禁毒知识竞赛', body: '全村参加，共 "三" 场。\n第二行。' });
    const q = `text=${encodeURIComponent('禁毒')}&period=${new Date().getFullYear() - 1}..`; // an unparsable period is refused
    expect((await get(q, tokens.office)).status).toBe(400);

    const year = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
    const query = `text=${encodeURIComponent('禁毒')}&period=${year}&unitId=${units.village}`;
    expect((await get(query)).status).toBe(401);
    expect((await get(query, tokens.infVillage)).status).toBe(403);
    expect((await get(query, tokens.display)).status).toBe(403);
    expect((await get(query, tokens.admin)).status).toBe(403);

    const csv = await get(query, tokens.office);
    expect(csv.status).toBe(200);
    expect(decodeURIComponent(csv.headers.get('content-disposition')!.split("''")[1]!)).toBe(`信息查询结果（${year}年）.csv`);
    const { header, rows } = await rowsOf(csv);
    expect(header).toBe('序号,报送时间,单位,类别,标题,正文,会议主要内容,报送渠道,信息员,状态,采用层级');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^1,\d{4}-\d{2}-\d{2} \d{2}:\d{2},李家村,工作动态,'=1\+1 禁毒知识竞赛,"全村参加，共 ""三"" 场。\n第二行。",,书面,李芳,待审核,$/);
    expect(rows[1]).toMatch(/^2,.*,李家村,会议,秋收进度会,已完成九成。,会议部署禁毒工作,书面,李芳,待审核,$/);
    expect(rows[2]).toMatch(/^3,.*,李家村,工作动态,村里开展禁毒宣传,/);

    // a leader exports what is in their charge (both units here), by level
    const byLevel = await get(`period=${year}&level=COUNTY`, tokens.leader);
    expect(byLevel.status).toBe(200);
    expect((await rowsOf(byLevel)).rows).toEqual([expect.stringMatching(/,经济发展办公室,工作动态,乡村振兴示范点建设,完成投资。,,书面,王伟,已采用,县级$/)]);

    const xlsx = await get(query, tokens.office, 'xlsx');
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell(1, 1).value).toBe(`信息查询结果（${year}年）`);
    expect(ws.getCell(2, 1).value).toBe('关键词「禁毒」 · 李家村；共 3 条');
    expect(ws.getCell(4, 5).value).toBe('=1+1 禁毒知识竞赛');

    const bad = await get('category=NONSENSE', tokens.office);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'input/invalid', message: '信息类别无效: NONSENSE' });
  });
});
