import { describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { useTestServer } from '../helpers/server.js';

const t = useTestServer();

const QUEUE = `query($first: Int, $unitId: ID, $category: ItemCategory) { reviewQueue(first: $first, unitId: $unitId, category: $category) { id unit { id } category } }`;
const SUMMARY = `query($unitId: ID, $category: ItemCategory) { reviewQueueSummary(unitId: $unitId, category: $category) { total matching oldestSubmittedAt units { unitId unitName count } categories { category count } } }`;
const REVIEW = `mutation($id: ID!) { reviewItem(id: $id, input: { decision: ADOPT, level: WEBSITE }) { id } }`;

async function submit(unitId: string, token: string, n: string, category = 'WORK_PROGRESS') {
  const res = await gql(t.srv.url, SUBMIT, { input: itemInput(unitId, n, { category }) }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.submitItem.id as string;
}

describe('the review queue by unit and category', () => {
  it('counts what waits per unit and category, filters the list, and forgets what was reviewed', async () => {
    const empty = (await gql(t.srv.url, SUMMARY, {}, t.fx.tokens.office)).data.reviewQueueSummary;
    expect(empty).toEqual({ total: 0, matching: 0, oldestSubmittedAt: null, units: [], categories: [] });

    const d1 = await submit(t.fx.units.dept, t.fx.tokens.infDept, 'd1');
    const d2 = await submit(t.fx.units.dept, t.fx.tokens.infDept, 'd2', 'MEETING');
    const v1 = await submit(t.fx.units.village, t.fx.tokens.infVillage, 'v1');
    const v2 = await submit(t.fx.units.village, t.fx.tokens.infVillage, 'v2');
    const v3 = await submit(t.fx.units.village, t.fx.tokens.infVillage, 'v3', 'ECONOMY');
    // The village's first item has waited longest (sent a day ago, say, by a phone that was offline).
    const dayAgo = new Date(Date.now() - 86_400_000);
    await db().item.update({ where: { id: v1 }, data: { submittedAt: dayAgo } });

    const summary = (await gql(t.srv.url, SUMMARY, {}, t.fx.tokens.office)).data.reviewQueueSummary;
    expect(summary.total).toBe(5);
    expect(summary.matching).toBe(5);
    expect(new Date(summary.oldestSubmittedAt).getTime()).toBe(dayAgo.getTime());
    // units in display order (sortOrder: dept 1, village 2), not by count
    expect(summary.units).toEqual([
      { unitId: t.fx.units.dept, unitName: '经济发展办公室', count: 2 },
      { unitId: t.fx.units.village, unitName: '李家村', count: 3 },
    ]);
    expect(summary.categories).toEqual([
      { category: 'WORK_PROGRESS', count: 3 },
      { category: 'ECONOMY', count: 1 },
      { category: 'MEETING', count: 1 },
    ]);

    // counted as a faceted search: units under the chosen category, categories under the chosen unit
    const atVillage = (await gql(t.srv.url, SUMMARY, { unitId: t.fx.units.village }, t.fx.tokens.office)).data.reviewQueueSummary;
    expect(atVillage).toMatchObject({ total: 5, matching: 3 });
    expect(atVillage.units.map((u: any) => u.count)).toEqual([2, 3]);
    expect(atVillage.categories).toEqual([
      { category: 'WORK_PROGRESS', count: 2 },
      { category: 'ECONOMY', count: 1 },
    ]);
    const meetingsOnly = (await gql(t.srv.url, SUMMARY, { category: 'MEETING' }, t.fx.tokens.office)).data.reviewQueueSummary;
    expect(meetingsOnly).toMatchObject({ total: 5, matching: 1, units: [{ unitId: t.fx.units.dept, count: 1 }] });
    expect(meetingsOnly.categories).toHaveLength(3);
    const both = (await gql(t.srv.url, SUMMARY, { unitId: t.fx.units.village, category: 'WORK_PROGRESS' }, t.fx.tokens.office)).data.reviewQueueSummary;
    expect(both).toMatchObject({ total: 5, matching: 2, units: [{ count: 1 }, { count: 2 }] });
    expect(both.categories).toEqual(atVillage.categories);

    const all = (await gql(t.srv.url, QUEUE, {}, t.fx.tokens.office)).data.reviewQueue.map((i: any) => i.id);
    expect(all).toEqual([v1, d1, d2, v2, v3]);
    const village = (await gql(t.srv.url, QUEUE, { unitId: t.fx.units.village }, t.fx.tokens.office)).data.reviewQueue.map((i: any) => i.id);
    expect(village).toEqual([v1, v2, v3]);
    const villageWork = (await gql(t.srv.url, QUEUE, { unitId: t.fx.units.village, category: 'WORK_PROGRESS' }, t.fx.tokens.office)).data.reviewQueue.map((i: any) => i.id);
    expect(villageWork).toEqual([v1, v2]);
    const meetings = (await gql(t.srv.url, QUEUE, { category: 'MEETING' }, t.fx.tokens.office)).data.reviewQueue.map((i: any) => i.id);
    expect(meetings).toEqual([d2]);
    const firstTwo = (await gql(t.srv.url, QUEUE, { first: 2 }, t.fx.tokens.office)).data.reviewQueue.map((i: any) => i.id);
    expect(firstTwo).toEqual([v1, d1]);

    for (const id of [d1, d2]) expect((await gql(t.srv.url, REVIEW, { id }, t.fx.tokens.office)).errors).toBeUndefined();
    const after = (await gql(t.srv.url, SUMMARY, {}, t.fx.tokens.office)).data.reviewQueueSummary;
    expect(after.total).toBe(3);
    expect(after.units).toEqual([{ unitId: t.fx.units.village, unitName: '李家村', count: 3 }]);
    expect(after.categories).toEqual([
      { category: 'WORK_PROGRESS', count: 2 },
      { category: 'ECONOMY', count: 1 },
    ]);
    expect((await gql(t.srv.url, QUEUE, { unitId: t.fx.units.dept }, t.fx.tokens.office)).data.reviewQueue).toEqual([]);
  });

  it('refuses the queue and its counts to everyone but the office', async () => {
    for (const token of [t.fx.tokens.infDept, t.fx.tokens.leader, t.fx.tokens.display]) {
      expect((await gql(t.srv.url, SUMMARY, {}, token)).errors?.[0]?.extensions?.code).toBe('auth/forbidden');
    }
  });
});
