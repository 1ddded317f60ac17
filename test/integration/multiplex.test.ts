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

const metric = async (name: string) => {
  const text = await (await fetch(`http://127.0.0.1:${srv.port}/metrics`)).text();
  return Number(text.match(new RegExp(`^${name} (\\d+)$`, 'm'))?.[1]);
};

describe('multiplexed subscriptions', () => {
  it('executes each distinct subscription once per event and shares the result, over graphql-ws and SSE', async () => {
    const head = (await gql(srv.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
    // Five office screens and one display: one permission scope ("all"), one document.
    const clients = [fx.tokens.office, fx.tokens.office, fx.tokens.office, fx.tokens.mainLeader, fx.tokens.display].map((t) => wsClient(srv.wsUrl, t));
    const subs = clients.map((c) => subscribeWs(c, { afterSeq: head }));
    const sse = subscribeSse(srv.url, { afterSeq: head }, fx.tokens.office);
    // An informant: another scope, and it must only see its own unit.
    const inf = wsClient(srv.wsUrl, fx.tokens.infVillage);
    const infSub = subscribeWs(inf, { afterSeq: head });
    const before = { exec: await metric('xinbao_subscription_executions_total'), shared: await metric('xinbao_subscription_results_shared_total') };

    await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 'm1') }, fx.tokens.infDept);
    await gql(srv.url, SUBMIT, { input: itemInput(fx.units.village, 'm2') }, fx.tokens.infVillage);
    await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 'm3') }, fx.tokens.infDept);
    for (const s of [...subs.map((x) => x.collector), sse.collector]) await s.until((es) => es.length === 3);
    await infSub.collector.until((es) => es.length === 1);
    await new Promise((r) => setTimeout(r, 200));

    // Same results everywhere, identical to unshared execution.
    const expected = subs[0]!.collector.events;
    for (const s of [...subs.map((x) => x.collector), sse.collector]) expect(s.events).toEqual(expected);
    expect(infSub.collector.events.map((e) => e.unitId)).toEqual([fx.units.village]);
    // 3 events × 6 "all" subscribers = 18 deliveries from 3 executions; the informant adds 1 execution.
    const exec = (await metric('xinbao_subscription_executions_total')) - before.exec;
    const shared = (await metric('xinbao_subscription_results_shared_total')) - before.shared;
    expect(exec).toBe(4);
    expect(shared).toBe(15);
    for (const s of subs) s.unsubscribe();
    infSub.unsubscribe();
    sse.close();
    await Promise.all([...clients, inf].map((c) => c.dispose()));
  });
});
