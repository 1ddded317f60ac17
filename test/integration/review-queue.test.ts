import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
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

const QUEUE = `query($first: Int, $unitId: ID, $category: ItemCategory) { reviewQueue(first: $first, unitId: $unitId, category: $category) { id unit { id } category } }`;
const SUMMARY = `query($unitId: ID, $category: ItemCategory) { reviewQueueSummary(unitId: $unitId, category: $category) { total matching oldestSubmittedAt units { unitId unitName count } categories { category count } } }`;
const REVIEW = `mutation($id: ID!) { reviewItem(id: $id, input: { decision: ADOPT, level: WEBSITE }) { id } }`;

async function submit(unitId: string, token: string, n: string, category = 'WORK_PROGRESS') {
  const res = await gql(srv.url, SUBMIT, { input: itemInput(unitId, n, { category }) }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.submitItem.id as string;
}

describe('the review queue by unit and category', () => {
  it('counts what waits per unit and category, filters the list, and forgets what was reviewed', async () => {
    const empty = (await gql(srv.url, SUMMARY, {}, fx.tokens.office)).data.reviewQueueSummary;
    expect(empty).toEqual({ total: 0, matching: 0, oldestSubmittedAt: null, units: [], categories: [] });

    const d1 = await submit(fx.units.dept, fx.tokens.infDept, 'd1');
    const d2 = await submit(fx.units.dept, fx.tokens.infDept, 'd2', 'MEETING');
    const v1 = await submit(fx.units.village, fx.tokens.infVillage, 'v1');
    const v2 = await submit(fx.units.village, fx.tokens.infVillage, 'v2');
    const v3 = await submit(fx.units.village, fx.tokens.infVillage, 'v3', 'ECONOMY');
    // The village's first item has waited longest (sent a day ago, say, by a phone that was offline).
    const dayAgo = new Date(Date.now() - 86_400_000);
    await db().item.update({ where: { id: v1 }, data: { submittedAt: dayAgo } });

    const summary = (await gql(srv.url, SUMMARY, {}, fx.tokens.office)).data.reviewQueueSummary;
    expect(summary.total).toBe(5);
    expect(summary.matching).toBe(5);
    expect(new Date(summary.oldestSubmittedAt).getTime()).toBe(dayAgo.getTime());
    // units in display order (sortOrder: dept 1, village 2), not by count
    expect(summary.units).toEqual([
      { unitId: fx.units.dept, unitName: '经济发展办公室', count: 2 },
      { unitId: fx.units.village, unitName: '李家村', count: 3 },
    ]);
    expect(summary.categories).toEqual([
      { category: 'WORK_PROGRESS', count: 3 },
      { category: 'ECONOMY', count: 1 },
      { category: 'MEETING', count: 1 },
    ]);

    // counted as a faceted search: units under the chosen category, categories under the chosen unit
    const atVillage = (await gql(srv.url, SUMMARY, { unitId: fx.units.village }, fx.tokens.office)).data.reviewQueueSummary;
    expect(atVillage).toMatchObject({ total: 5, matching: 3 });
    expect(atVillage.units.map((u: any) => u.count)).toEqual([2, 3]);
    expect(atVillage.categories).toEqual([
      { category: 'WORK_PROGRESS', count: 2 },
      { category: 'ECONOMY', count: 1 },
    ]);
    const meetingsOnly = (await gql(srv.url, SUMMARY, { category: 'MEETING' }, fx.tokens.office)).data.reviewQueueSummary;
    expect(meetingsOnly).toMatchObject({ total: 5, matching: 1, units: [{ unitId: fx.units.dept, count: 1 }] });
    expect(meetingsOnly.categories).toHaveLength(3);
    const both = (await gql(srv.url, SUMMARY, { unitId: fx.units.village, category: 'WORK_PROGRESS' }, fx.tokens.office)).data.reviewQueueSummary;
    expect(both).toMatchObject({ total: 5, matching: 2, units: [{ count: 1 }, { count: 2 }] });
    expect(both.categories).toEqual(atVillage.categories);

    const all = (await gql(srv.url, QUEUE, {}, fx.tokens.office)).data.reviewQueue.map((i: any) => i.id);
    expect(all).toEqual([v1, d1, d2, v2, v3]);
    const village = (await gql(srv.url, QUEUE, { unitId: fx.units.village }, fx.tokens.office)).data.reviewQueue.map((i: any) => i.id);
    expect(village).toEqual([v1, v2, v3]);
    const villageWork = (await gql(srv.url, QUEUE, { unitId: fx.units.village, category: 'WORK_PROGRESS' }, fx.tokens.office)).data.reviewQueue.map((i: any) => i.id);
    expect(villageWork).toEqual([v1, v2]);
    const meetings = (await gql(srv.url, QUEUE, { category: 'MEETING' }, fx.tokens.office)).data.reviewQueue.map((i: any) => i.id);
    expect(meetings).toEqual([d2]);
    const firstTwo = (await gql(srv.url, QUEUE, { first: 2 }, fx.tokens.office)).data.reviewQueue.map((i: any) => i.id);
    expect(firstTwo).toEqual([v1, d1]);

    for (const id of [d1, d2]) expect((await gql(srv.url, REVIEW, { id }, fx.tokens.office)).errors).toBeUndefined();
    const after = (await gql(srv.url, SUMMARY, {}, fx.tokens.office)).data.reviewQueueSummary;
    expect(after.total).toBe(3);
    expect(after.units).toEqual([{ unitId: fx.units.village, unitName: '李家村', count: 3 }]);
    expect(after.categories).toEqual([
      { category: 'WORK_PROGRESS', count: 2 },
      { category: 'ECONOMY', count: 1 },
    ]);
    expect((await gql(srv.url, QUEUE, { unitId: fx.units.dept }, fx.tokens.office)).data.reviewQueue).toEqual([]);
  });

  it('refuses the queue and its counts to everyone but the office', async () => {
    for (const token of [fx.tokens.infDept, fx.tokens.leader, fx.tokens.display]) {
      expect((await gql(srv.url, SUMMARY, {}, token)).errors?.[0]?.extensions?.code).toBe('auth/forbidden');
    }
  });
});
