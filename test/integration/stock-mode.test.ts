import { describe, expect, it } from 'vitest';
import { createFixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT, subscribeWs, wsClient } from '../helpers/graphql.js';
import { startServer } from '../helpers/server.js';

describe('stock mode (FANOUT_MULTIPLEX=off: graphql-ws server, per-subscriber execution, kept for the benchmark)', () => {
  it('delivers the same events, executing once per subscriber', async () => {
    const stock = await startServer({ FANOUT_MULTIPLEX: 'off' });
    try {
      const f = await createFixture();
      const head = (await gql(stock.url, '{ eventSeq }', {}, f.tokens.office)).data.eventSeq as number;
      const clients = [f.tokens.office, f.tokens.display, f.tokens.mainLeader].map((t) => wsClient(stock.wsUrl, t));
      const subs = clients.map((c) => subscribeWs(c, { afterSeq: head }));
      const text = async () => (await (await fetch(`http://127.0.0.1:${stock.port}/metrics`)).text()).match(/^xinbao_subscription_executions_total (\d+)$/m)?.[1];
      await gql(stock.url, SUBMIT, { input: itemInput(f.units.dept, 's1') }, f.tokens.infDept);
      await gql(stock.url, SUBMIT, { input: itemInput(f.units.village, 's2') }, f.tokens.infVillage);
      for (const s of subs) await s.collector.until((es) => es.length === 2);
      expect(subs[1]!.collector.events).toEqual(subs[0]!.collector.events);
      expect(subs[0]!.collector.events.map((e) => e.seq)).toEqual([head + 1, head + 2]);
      expect(await text()).toBe('0'); // no shared executions: each subscriber ran its own
      for (const s of subs) s.unsubscribe();
      await Promise.all(clients.map((c) => c.dispose()));
    } finally {
      await stock.stop();
    }
  });
});
