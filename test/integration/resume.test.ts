import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const submit = (n: number) => gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, n) }, fx.tokens.infDept);

describe('resuming from afterSeq', () => {
  it('replays exactly the 50 missed events in order, then continues live (graphql-ws)', async () => {
    // Setup: a subscriber sees one event, then its connection goes away.
    const head = (await gql(srv.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
    const first = wsClient(srv.wsUrl, fx.tokens.office);
    const a = subscribeWs(first, { afterSeq: head });
    await submit(0);
    await a.collector.until((es) => es.length === 1);
    const lastSeen = a.collector.events[0]!.seq;
    a.unsubscribe();
    await first.dispose();

    // Action: 50 events happen while it is away; it reconnects with afterSeq.
    for (let i = 1; i <= 50; i++) await submit(i);
    const second = wsClient(srv.wsUrl, fx.tokens.office);
    const b = subscribeWs(second, { afterSeq: lastSeen });
    await b.collector.until((es) => es.length === 50);
    await submit(51);
    await submit(52);
    await b.collector.until((es) => es.length === 52);

    // Assert: exactly the missed ones, in order, then the live ones; nothing twice.
    expect(b.collector.seqs()).toEqual(Array.from({ length: 52 }, (_, i) => lastSeen + 1 + i));
    b.unsubscribe();
    await second.dispose();
  });

  it('does the same over SSE', async () => {
    const head = (await gql(srv.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
    for (let i = 0; i < 50; i++) await submit(100 + i);
    const s = subscribeSse(srv.url, { afterSeq: head }, fx.tokens.office);
    await s.collector.until((es) => es.length === 50);
    await submit(200);
    await s.collector.until((es) => es.length === 51);
    expect(s.collector.seqs()).toEqual(Array.from({ length: 51 }, (_, i) => head + 1 + i));
    s.close();
  });

  it('replays from far behind the in-memory buffer by reading the log', async () => {
    // afterSeq 0 = everything since the beginning; the stream pages through the database.
    const head = (await gql(srv.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
    const c = wsClient(srv.wsUrl, fx.tokens.office);
    const s = subscribeWs(c, { afterSeq: 0 });
    await s.collector.until((es) => es.length === head);
    expect(s.collector.seqs()).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    s.unsubscribe();
    await c.dispose();
  });

  it('filters by kind and unit without losing its place', async () => {
    const head = (await gql(srv.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
    const c = wsClient(srv.wsUrl, fx.tokens.office);
    const s = subscribeWs(c, { afterSeq: head, unitIds: [fx.units.village] });
    await submit(300); // department: filtered out
    await gql(srv.url, SUBMIT, { input: itemInput(fx.units.village, 301) }, fx.tokens.infVillage);
    await s.collector.until((es) => es.length === 1);
    expect(s.collector.events[0]).toMatchObject({ seq: head + 2, unitId: fx.units.village, kind: 'ITEM_SUBMITTED' });
    s.unsubscribe();
    await c.dispose();
  });
});

describe('a cursor from another database', () => {
  it('is refused with a code that tells the client to take a fresh snapshot', async () => {
    const head = (await gql(srv.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
    const c = wsClient(srv.wsUrl, fx.tokens.office);
    const s = subscribeWs(c, { afterSeq: head + 1000 });
    await s.collector.until(() => s.collector.errors.length > 0, 5_000).catch(() => undefined);
    expect(JSON.stringify(s.collector.errors)).toContain('events/ahead_of_log');
    await c.dispose();
  });
});

describe('the time of the last event, for a screen opened after a reload', () => {
  it('is when the latest event the viewer may see was committed', async () => {
    // Setup: a department item, then a village item, each with its event
    const at = async () => (await gql(srv.url, '{ lastEventAt }', {}, fx.tokens.office)).data.lastEventAt as string;
    const dept = await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 'last-1') }, fx.tokens.infDept);
    expect(dept.errors).toBeUndefined();
    const deptAt = await at();
    await new Promise((r) => setTimeout(r, 20));
    await gql(srv.url, SUBMIT, { input: itemInput(fx.units.village, 'last-2') }, fx.tokens.infVillage);

    // Assert: the wall and the office see the village's event; the department's informant
    // only its own unit's, which came before
    const villageAt = await at();
    expect(Date.parse(villageAt)).toBeGreaterThan(Date.parse(deptAt));
    expect((await gql(srv.url, '{ lastEventAt }', {}, fx.tokens.display)).data.lastEventAt).toBe(villageAt);
    expect((await gql(srv.url, '{ lastEventAt }', {}, fx.tokens.infDept)).data.lastEventAt).toBe(deptAt);
    expect((await gql(srv.url, '{ lastEventAt }', {}, fx.tokens.infVillage)).data.lastEventAt).toBe(villageAt);
  });
});
