import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT, subscribeSse, subscribeWs, wsClient } from '../helpers/graphql.js';
import { startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  srv = await startServer();
  fx = await createFixture();
});
afterAll(() => srv.stop());

describe('submitting an item', () => {
  it('reaches a graphql-ws and an SSE subscriber, and the per-unit summary counts it', async () => {
    // Setup: both subscribers start from the current head of the log.
    const head = (await gql(srv.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
    const client = wsClient(srv.wsUrl, fx.tokens.office);
    const ws = subscribeWs(client, { afterSeq: head });
    const sse = subscribeSse(srv.url, { afterSeq: head }, fx.tokens.office);
    const before = await gql(srv.url, '{ unitSummary { submitted rows { unit { id } submitted adopted adoptionRate quotaMinimum quotaStatus } } }', {}, fx.tokens.office);

    // Action: the department's informant submits over HTTP.
    const res = await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 1) }, fx.tokens.infDept);

    // Assert
    expect(res.errors).toBeUndefined();
    const item = res.data.submitItem;
    expect(item).toMatchObject({ title: '测试信息 1', status: 'SUBMITTED', unit: { id: fx.units.dept }, author: { id: fx.people.infDept } });
    for (const sub of [ws.collector, sse.collector]) {
      await sub.until((es) => es.length >= 1);
      expect(sub.events).toEqual([
        { seq: head + 1, kind: 'ITEM_SUBMITTED', entityId: item.id, unitId: fx.units.dept, at: expect.any(String) },
      ]);
    }
    const after = await gql(srv.url, '{ unitSummary { submitted rows { unit { id } submitted adopted adoptionRate quotaMinimum quotaStatus } } }', {}, fx.tokens.office);
    expect(after.data.unitSummary.submitted).toBe(before.data.unitSummary.submitted + 1);
    const row = after.data.unitSummary.rows.find((r: any) => r.unit.id === fx.units.dept);
    expect(row).toMatchObject({ submitted: 1, adopted: 0, adoptionRate: 0, quotaMinimum: 5 });
    // The village has a quarterly quota only, so the month shows none.
    const village = after.data.unitSummary.rows.find((r: any) => r.unit.id === fx.units.village);
    expect(village).toMatchObject({ submitted: 0, quotaMinimum: null, quotaStatus: 'NO_QUOTA' });

    ws.unsubscribe();
    sse.close();
    await client.dispose();
  });

  it('stores the item, its first revision, its event and an audit entry together', async () => {
    const res = await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 'tx') }, fx.tokens.infDept);
    const id = res.data.submitItem.id;
    const [revisions, events, audits] = await Promise.all([
      db().itemRevision.findMany({ where: { itemId: id } }),
      db().event.findMany({ where: { entityId: id } }),
      db().auditEntry.findMany({ where: { entityId: id } }),
    ]);
    expect(revisions.map((r) => r.version)).toEqual([1]);
    expect(events.map((e) => e.kind)).toEqual(['item:submitted']);
    expect(audits.map((a) => a.action)).toEqual(['item.submit']);
  });

  it('lets the office enter a phone report on a unit’s behalf, recording who entered it', async () => {
    const res = await gql(srv.url, SUBMIT, { input: itemInput(fx.units.village, 'phone', { channel: 'PHONE' }) }, fx.tokens.office);
    expect(res.errors).toBeUndefined();
    expect(res.data.submitItem.author.id).toBe(fx.people.infVillage);
    expect(res.data.submitItem.enteredBy.id).toBe(fx.people.office);
  });

  it('filters items by unit, category and period', async () => {
    const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
    const q = 'query($f: ItemFilter) { items(filter: $f, first: 50) { id unit { id } category } itemCount(filter: $f) }';
    const dept = await gql(srv.url, q, { f: { unitId: fx.units.dept, period: month } }, fx.tokens.office);
    expect(dept.data.items.length).toBe(2);
    expect(dept.data.itemCount).toBe(2);
    expect(dept.data.items.every((i: any) => i.unit.id === fx.units.dept)).toBe(true);
    const none = await gql(srv.url, q, { f: { category: 'MEETING' } }, fx.tokens.office);
    expect(none.data.itemCount).toBe(0);
    const lastYear = await gql(srv.url, q, { f: { period: '2020' } }, fx.tokens.office);
    expect(lastYear.data.itemCount).toBe(0);
  });

  it('answers a retried submit with the same idempotency key with the first item', async () => {
    const input = itemInput(fx.units.dept, 'idem', { idempotencyKey: 'k-123' });
    const [a, b] = await Promise.all([
      gql(srv.url, SUBMIT, { input }, fx.tokens.infDept),
      gql(srv.url, SUBMIT, { input }, fx.tokens.infDept),
    ]);
    expect(a.data.submitItem.id).toBe(b.data.submitItem.id);
    expect(await db().item.count({ where: { idempotencyKey: 'k-123' } })).toBe(1);
    expect(await db().event.count({ where: { entityId: a.data.submitItem.id } })).toBe(1);
  });
});
