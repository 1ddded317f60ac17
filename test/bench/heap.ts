// BENCH_MODE=heap: where an idle subscription's memory goes. One multiplexed server
// (or stock, with FANOUT_MULTIPLEX=off), a heap snapshot after warm-up, another after
// opening BENCH_SUBSCRIBERS idle graphql-ws subscribers (full GC before each), and
// the growth grouped by V8 node type and constructor, per subscription. A diagnostic
// for RESULTS.md's "where the memory goes", not a goal check (fanout measures that).
import path from 'node:path';
import { EVENTS_SUB } from '../helpers/graphql.js';
import { Inspector } from './inspector.js';
import { api, clientProcsFor, Clients, intEnv, say, seed, sleep, startInstance, subscribeAll, type Run } from './harness.js';
import { mdTable } from './stats.js';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Bytes and counts per "type:name" over the whole heap. */
async function census(port: number): Promise<Map<string, { bytes: number; count: number }>> {
  const i = await Inspector.connect(port);
  try {
    await i.send('HeapProfiler.collectGarbage');
    await i.send('HeapProfiler.collectGarbage');
    const chunks: string[] = [];
    i.on('HeapProfiler.addHeapSnapshotChunk', (p: { chunk: string }) => chunks.push(p.chunk));
    await i.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, 300_000);
    const snap = JSON.parse(chunks.join('')) as Snapshot;
    const f = snap.snapshot.meta.node_fields;
    const types = snap.snapshot.meta.node_types[0];
    const [iType, iName, iSize, width] = [f.indexOf('type'), f.indexOf('name'), f.indexOf('self_size'), f.length];
    const out = new Map<string, { bytes: number; count: number }>();
    for (let n = 0; n < snap.nodes.length; n += width) {
      const type = types[snap.nodes[n + iType]!]!;
      let name = snap.strings[snap.nodes[n + iName]!]!;
      // Strings and code are grouped by type only; their "names" are their contents.
      if (type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'number' || type === 'code') name = '';
      else if (type === 'closure') name = name ? `${name}()` : '(anonymous)';
      name = name.slice(0, 60);
      const k = `${type}:${name}`;
      const e = out.get(k) ?? { bytes: 0, count: 0 };
      e.bytes += snap.nodes[n + iSize]!;
      e.count++;
      out.set(k, e);
    }
    return out;
  } finally {
    await i.close();
  }
}

export async function heap(run: Run): Promise<string> {
  const N = intEnv('BENCH_SUBSCRIBERS', 2000);
  const clients = Clients.start(run, clientProcsFor(N));
  const dbUrl = `file:${path.join(run.tmpDir(), 'heap.db')}`;
  const inst = await startInstance(run, 'heap', { DATABASE_URL: dbUrl });
  const { fx, screens } = await seed(dbUrl, N);
  const a = api(inst, fx);
  await subscribeAll(clients, 'warm', inst.wsUrl, screens.slice(0, 10), EVENTS_SUB, (w) => a.submit(`warm ${w}`));
  await clients.disconnect('warm');
  await sleep(1000);
  const port = inst.inspectPort;
  say(`heap: snapshot before`);
  const before = await census(port);
  say(`heap: opening ${N} subscribers`);
  await subscribeAll(clients, 'subs', inst.wsUrl, screens, EVENTS_SUB, (w) => a.submit(`first ${w}`));
  await sleep(1000);
  say(`heap: snapshot after`);
  const after = await census(port);
  const rows: { k: string; bytes: number; count: number }[] = [];
  for (const [k, v] of after) {
    const b = before.get(k) ?? { bytes: 0, count: 0 };
    rows.push({ k, bytes: v.bytes - b.bytes, count: v.count - b.count });
  }
  rows.sort((x, y) => y.bytes - x.bytes);
  const total = rows.reduce((s, r) => s + r.bytes, 0);
  return [
    `## Heap growth per idle subscription (${N} subscribers, ${process.env.FANOUT_MULTIPLEX === 'off' ? 'stock' : 'multiplexed'})`,
    '',
    `Total: ${(total / N).toFixed(0)} bytes per subscription (snapshot self sizes, after full GCs).`,
    '',
    mdTable(
      ['bytes / subscription', 'objects / subscription', 'V8 type:constructor'],
      rows.slice(0, 40).map((r) => [(r.bytes / N).toFixed(0), (r.count / N).toFixed(2), r.k]),
    ),
  ].join('\n');
}
