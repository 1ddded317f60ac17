import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
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

const snapshot = async () =>
  (await db().itemMonthStat.findMany({ where: { count: { not: 0 } }, orderBy: [{ month: 'asc' }, { unitId: 'asc' }, { status: 'asc' }] })).map(
    (r) => `${r.month} ${r.unitId} ${r.status} ${r.count}`,
  );

describe('the month rollup', () => {
  it('stays equal to counting the items after submits, reviews, returns and revisions', async () => {
    const REVIEW = 'mutation($id: ID!, $i: ReviewInput!) { reviewItem(id: $id, input: $i) { id } }';
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
});
