import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { monthlyTrend, statistics, yearScores } from '../../server/src/modules/assessment/assessment.service.js';
import { monthKey, parsePeriod } from '../../server/src/modules/period/period.rules.js';
import { rebuildMonthStats } from '../../server/src/modules/stats/month-stat.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  srv = await startServer();
  fx = await createFixture();
});
afterAll(() => srv.stop());

const REVIEW = 'mutation($id: ID!, $i: ReviewInput!) { reviewItem(id: $id, input: $i) { id } }';

const snapshot = async () =>
  (await db().itemMonthStat.findMany({ where: { count: { not: 0 } }, orderBy: [{ month: 'asc' }, { unitId: 'asc' }, { status: 'asc' }] })).map(
    (r) => `${r.month} ${r.unitId} ${r.status} ${r.count}`,
  );

describe('the month rollup', () => {
  it('stays equal to counting the items after submits, reviews, returns and revisions', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const unit = i % 3 === 0 ? fx.units.village : fx.units.dept;
      const token = i % 3 === 0 ? fx.tokens.infVillage : fx.tokens.infDept;
      ids.push((await gql(srv.url, SUBMIT, { input: itemInput(unit, `r${i}`) }, token)).data.submitItem.id);
    }
    for (const [i, id] of ids.entries()) {
      const d = i % 4 === 0 ? { decision: 'ADOPT', level: 'COUNTY' } : i % 4 === 1 ? { decision: 'NOT_ADOPT', comment: '重复' } : i % 4 === 2 ? { decision: 'RETURN', comment: '补充' } : null;
      if (d) await gql(srv.url, REVIEW, { id, i: d }, fx.tokens.office);
    }
    const returned = ids.filter((_, i) => i % 4 === 2);
    for (const id of returned) {
      const token = ids.indexOf(id) % 3 === 0 ? fx.tokens.infVillage : fx.tokens.infDept;
      const { unitId: _u, ...rest } = itemInput(fx.units.dept, 'again');
      await gql(srv.url, 'mutation($id: ID!, $i: ReviseItemInput!) { reviseItem(id: $id, input: $i) { id } }', { id, i: rest }, token);
    }
    await gql(srv.url, REVIEW, { id: returned[0], i: { decision: 'ADOPT', level: 'WEBSITE' } }, fx.tokens.office);

    const maintained = await snapshot();
    await rebuildMonthStats();
    expect(maintained).toEqual(await snapshot());
    const month = await gql(srv.url, '{ unitSummary { submitted adopted } }', {}, fx.tokens.office);
    expect(month.data.unitSummary).toEqual({ submitted: 12, adopted: 4 });
  });
  it('gives the 12-month trend from the rollup, each item in its China Standard Time month', async () => {
    // two years back, so no other test's items share these months
    const placed: Array<[string, 'village' | 'dept', boolean]> = [
      ['2023-11-30T15:59:59Z', 'village', false], // 23:59:59 on 30 November (CST): before the 12 months
      ['2023-11-30T16:00:00Z', 'village', true], // 00:00 on 1 December: the first of them
      ['2024-09-30T16:00:00Z', 'dept', false], // 00:00 on 1 October
      ['2024-10-31T15:59:59Z', 'village', true], // the last second of October
      ['2024-10-31T16:00:00Z', 'dept', false], // the first second of November
    ];
    for (const [at, unit, adopt] of placed) {
      const token = unit === 'village' ? fx.tokens.infVillage : fx.tokens.infDept;
      const id = (await gql(srv.url, SUBMIT, { input: itemInput(fx.units[unit], `t ${at}`) }, token)).data.submitItem.id as string;
      if (adopt) await gql(srv.url, REVIEW, { id, i: { decision: 'ADOPT', level: 'COUNTY' } }, fx.tokens.office);
      await db().item.update({ where: { id }, data: { submittedAt: new Date(at) } });
    }
    await rebuildMonthStats(); // what the rollup's migration does for items already there

    const now = new Date('2024-11-15T04:00:00Z');
    const trend = await monthlyTrend(12, null, now);
    const figures = trend.filter((m) => m.submitted > 0).map((m) => [m.period.key, m.submitted, m.adopted]);
    expect(trend.map((m) => m.period.key)).toEqual(['2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11']);
    expect(figures).toEqual([
      ['2023-12', 1, 1],
      ['2024-10', 2, 1],
      ['2024-11', 1, 0],
    ]);
    const village = await monthlyTrend(12, fx.units.village, now);
    expect(village.filter((m) => m.submitted > 0).map((m) => [m.period.key, m.submitted, m.adopted])).toEqual([
      ['2023-12', 1, 1],
      ['2024-10', 1, 1],
    ]);
    // and the same as counting the items month by month
    for (const m of trend) {
      const where = { submittedAt: { gte: m.period.start, lt: m.period.end } };
      expect([m.submitted, m.adopted]).toEqual([await db().item.count({ where }), await db().item.count({ where: { ...where, status: 'ADOPTED' } })]);
    }
    // the township's first item is from November 2023: every month since has figures of its
    // own, zero or not, and the months before it none (a unit's trend too)
    expect(trend.every((m) => m.recorded)).toBe(true);
    const earlier = new Date('2024-06-15T04:00:00Z');
    const unrecorded = ['2023-07', '2023-08', '2023-09', '2023-10'];
    expect((await monthlyTrend(12, null, earlier)).filter((m) => !m.recorded).map((m) => m.period.key)).toEqual(unrecorded);
    expect((await monthlyTrend(12, fx.units.dept, earlier)).filter((m) => !m.recorded).map((m) => m.period.key)).toEqual(unrecorded);
  });
  it('gives statistics per unit and per person, by category and level, that agree with counting the items', async () => {
    const kinds = [{}, { category: 'ECONOMY' }, { category: 'RESEARCH' }, { category: 'MEETING', meetingSummary: '部署工作' }];
    const decisions = [{ decision: 'ADOPT', level: 'COUNTY' }, { decision: 'ADOPT', level: 'WEBSITE' }, { decision: 'NOT_ADOPT', comment: '重复' }, null];
    for (let i = 0; i < 16; i++) {
      const [unit, token] = i % 2 ? [fx.units.village, fx.tokens.infVillage] : [fx.units.dept, fx.tokens.infDept];
      const id = (await gql(srv.url, SUBMIT, { input: itemInput(unit, `s${i}`, kinds[i % 4]) }, token)).data.submitItem.id;
      const d = decisions[Math.floor(i / 4) % 4];
      if (d) await gql(srv.url, REVIEW, { id, i: d }, fx.tokens.office);
    }
    const period = parsePeriod(monthKey(new Date()));

    const stats = await statistics(period.key);

    // the same figures counted from the items one by one
    const items = await db().item.findMany({ where: { submittedAt: { gte: period.start, lt: period.end } } });
    const expected = (mine: typeof items) => {
      const tally = (pick: (i: (typeof items)[number]) => string | null, of: typeof items) => {
        const m = new Map<string, number>();
        for (const i of of) {
          const k = pick(i);
          if (k) m.set(k, (m.get(k) ?? 0) + 1);
        }
        return [...m].sort(([a], [b]) => a.localeCompare(b));
      };
      const adopted = mine.filter((i) => i.status === 'ADOPTED');
      return {
        submitted: mine.length,
        adopted: adopted.length,
        byCategory: tally((i) => i.category, mine).map(([category, count]) => ({ category, count })),
        byLevel: tally((i) => i.adoptionLevel, adopted).map(([level, count]) => ({ level, count })),
      };
    };
    expect(stats.units.filter((u) => u.submitted > 0).length).toBe(2);
    for (const u of stats.units) expect(u).toMatchObject(expected(items.filter((i) => i.unitId === u.key)));
    expect(stats.people.map((p) => p.key).sort()).toEqual([...new Set(items.map((i) => i.authorId))].sort());
    for (const p of stats.people) expect(p).toMatchObject(expected(items.filter((i) => i.authorId === p.key)));
    expect([stats.submitted, stats.adopted]).toEqual([items.length, items.filter((i) => i.status === 'ADOPTED').length]);
  });
  it('scores a year from one pass over its items, each month and quarter closed at China Standard Time midnight', async () => {
    // 2022: no other test places items there. The department's quota is 5 a month,
    // the village's 15 a quarter (fixture rules).
    const at = (iso: string, n: number) => Array.from({ length: n }, () => iso);
    const dept = [
      ...at('2022-01-10T02:00:00Z', 4),
      '2022-01-31T15:59:59Z', // the last second of January: its fifth
      '2022-01-31T16:00:00Z', // 00:00 on 1 February
      ...at('2022-02-20T02:00:00Z', 4), // February: five
      ...at('2022-03-05T02:00:00Z', 4), // March: four, short
    ];
    const village = [
      ...at('2022-02-01T02:00:00Z', 14),
      '2022-03-31T15:59:59Z', // the last second of the first quarter: its fifteenth
      ...at('2022-05-01T02:00:00Z', 14),
      '2022-06-30T16:00:00Z', // 00:00 on 1 July: the third quarter, so the second has fourteen
    ];
    const place = async (unit: 'dept' | 'village', times: string[]) => {
      const token = unit === 'village' ? fx.tokens.infVillage : fx.tokens.infDept;
      for (const [i, t] of times.entries()) {
        const id = (await gql(srv.url, SUBMIT, { input: itemInput(fx.units[unit], `y ${t}`) }, token)).data.submitItem.id as string;
        if (i % 3 === 0) await gql(srv.url, REVIEW, { id, i: { decision: 'ADOPT', level: i % 2 ? 'COUNTY' : 'TOWNSHIP' } }, fx.tokens.office);
        await db().item.update({ where: { id }, data: { submittedAt: new Date(t) } });
      }
    };
    await place('dept', dept);
    await place('village', village);
    await rebuildMonthStats();

    const count = (rows: { lines: { rule: string; count: number }[] }, rule: string) => rows.lines.find((l) => l.rule === rule)?.count ?? 0;
    const over = await yearScores(2022, new Date('2023-03-01T00:00:00Z'));
    const byName = (name: string) => over.units.find((u) => u.name === name)!;
    expect(count(byName('经济发展办公室'), 'quota.month')).toBe(2); // January and February
    expect(count(byName('李家村'), 'quota.quarter')).toBe(1); // the first quarter only

    // items and adoptions per unit and per person, against counting the items one by one
    const year = parsePeriod('2022');
    const items = await db().item.findMany({ where: { submittedAt: { gte: year.start, lt: year.end } } });
    const expected = (mine: typeof items) => {
      const lines: Record<string, number> = { item: mine.length };
      for (const i of mine) if (i.adoptionLevel) lines[`adoption.${i.adoptionLevel}`] = (lines[`adoption.${i.adoptionLevel}`] ?? 0) + 1;
      return lines;
    };
    const actual = (row: { lines: { rule: string; count: number }[] }) =>
      Object.fromEntries(row.lines.filter((l) => l.rule === 'item' || l.rule.startsWith('adoption.')).map((l) => [l.rule, l.count]));
    for (const u of over.units) expect(actual(u)).toEqual(expected(items.filter((i) => i.unitId === u.key)));
    expect(over.people.map((p) => p.key).sort()).toEqual([...new Set(items.map((i) => i.authorId))].sort());
    for (const p of over.people) expect(actual(p)).toEqual(expected(items.filter((i) => i.authorId === p.key)));

    // a month counts once it is over, at 00:00 CST on the 1st of the next
    expect(count((await yearScores(2022, new Date('2022-01-31T15:59:59.999Z'))).units.find((u) => u.name === '经济发展办公室')!, 'quota.month')).toBe(0);
    expect(count((await yearScores(2022, new Date('2022-01-31T16:00:00Z'))).units.find((u) => u.name === '经济发展办公室')!, 'quota.month')).toBe(1);
  });
});
