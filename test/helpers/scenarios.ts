import { expect } from 'vitest';
import { db } from '../../server/src/db.js';
import type { Fixture } from './fixtures.js';
import { gql, itemInput, SUBMIT, subscribeWs, wsClient } from './graphql.js';
import type { TestServer } from './server.js';

/**
 * Shared by the SQLite and PostgreSQL suites: N writers submit concurrently while
 * a subscriber reads live; afterwards the log must be gap-free, match the rows
 * written one to one, and the subscriber must have seen every event exactly once.
 */
export async function concurrentWritersScenario(srv: TestServer, fx: Fixture, opts: { writers: number; perWriter: number }) {
  const head = (await gql(srv.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
  const client = wsClient(srv.wsUrl, fx.tokens.office);
  const live = subscribeWs(client, { afterSeq: head });
  const tokens = [fx.tokens.infDept, fx.tokens.infVillage];
  const units = [fx.units.dept, fx.units.village];

  const ids = await Promise.all(
    Array.from({ length: opts.writers }, async (_, w) => {
      const out: string[] = [];
      for (let i = 0; i < opts.perWriter; i++) {
        const res = await gql(srv.url, SUBMIT, { input: itemInput(units[w % 2]!, `${w}-${i}`) }, tokens[w % 2]);
        if (res.errors) throw new Error(JSON.stringify(res.errors));
        out.push(res.data.submitItem.id);
      }
      return out;
    }),
  );
  const total = opts.writers * opts.perWriter;
  await live.collector.until((es) => es.length >= total, 60_000);

  const events = await db().event.findMany({ where: { seq: { gt: head } }, orderBy: { seq: 'asc' } });
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => head + 1 + i));
  expect(new Set(events.map((e) => e.entityId))).toEqual(new Set(ids.flat()));
  expect(live.collector.seqs()).toEqual(events.map((e) => e.seq));
  live.unsubscribe();
  await client.dispose();
}
