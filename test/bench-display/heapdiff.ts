// Diagnostic (not part of the bench): heap snapshots of the wall after 60 s and
// after BENCH_SOAK_SECONDS (default 240) of events at 5/s (first one at
// BENCH_FIRST_SNAPSHOT_S, default 60), summed by constructor,
// to find what grows. Uses the same instrument as soak.ts (cdp.ts: Chromium started
// by hand, no protocol domain enabled), so DevTools' own buffers are not in the diff.
//
//   cd test && npx tsx bench-display/heapdiff.ts
import fs from 'node:fs';
import { db } from '../../server/src/db.js';
import { createFixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { displayToken, startWebServer } from '../e2e/e2e-helpers.js';
import { launchRawChromium, sampleMemory, takeHeapSnapshot, waitFor, type CdpSession } from './cdp.js';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 240);
/** when the first snapshot is taken (seconds) */
const FIRST = Number(process.env.BENCH_FIRST_SNAPSHOT_S ?? 60);
const WEB_DIST = process.env.BENCH_WEB_DIST;
/** BENCH_WALL_QUERY=rotate=0 (say): added to the wall's address, as in soak.ts */
const WALL_QUERY = process.env.BENCH_WALL_QUERY ?? '';
type Summary = Map<string, { count: number; size: number }>;

/**
 * BENCH_CODE_JSON=<file>: machine code gained per function, keyed by where the function
 * is defined (script:line:column), written as JSON for mapping through the build's source map.
 */
const CODE_JSON = process.env.BENCH_CODE_JSON;
/** BENCH_TRACE=type:name (e.g. `object:e`): where the objects of that kind born between the snapshots hang. */
const TRACE = process.env.BENCH_TRACE;

interface Snapshot {
  by: Summary;
  /** ids of the traced kind */
  traced: Set<number>;
  /** property names and retainer path of the traced objects whose ids are not in `old` */
  describeNew(old: Set<number>, max: number): string[];
}

async function snapshot(page: CdpSession): Promise<Snapshot> {
  const snap = await takeHeapSnapshot(page);
  const f = snap.snapshot.meta.node_fields as string[];
  const types = snap.snapshot.meta.node_types[0] as string[];
  const edgeFields = snap.snapshot.meta.edge_fields as string[];
  const edgeTypes = snap.snapshot.meta.edge_types[0] as string[];
  const n = f.length;
  const m = edgeFields.length;
  const [iType, iName, iSize, iId, iEdges] = ['type', 'name', 'self_size', 'id', 'edge_count'].map((k) => f.indexOf(k)) as [number, number, number, number, number];
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((k) => edgeFields.indexOf(k)) as [number, number, number];
  const nodes = snap.nodes as number[];
  const edges = snap.edges as number[];
  const nameOf = (node: number) => snap.strings[nodes[node + iName]!] as string;
  const typeOf = (node: number) => types[nodes[node + iType]!]!;
  const edgeName = (e: number) => {
    const t = edgeTypes[edges[e + eType]!]!;
    return t === 'element' || t === 'hidden' ? `[${edges[e + eName]}]` : (snap.strings[edges[e + eName]!] as string);
  };

  const by: Summary = new Map();
  const add = (key: string, size: number) => {
    const e = by.get(key) ?? { count: 0, size: 0 };
    e.count++;
    e.size += size;
    by.set(key, e);
  };
  // first edge of each node, and every node's retainers (non-weak edges)
  const firstEdge = new Int32Array(nodes.length / n + 1);
  const retainers = new Map<number, number[]>(); // node → edge indices pointing at it
  for (let i = 0, e = 0; i < nodes.length; i += n) {
    firstEdge[i / n] = e;
    for (let k = 0; k < nodes[i + iEdges]!; k++, e += m) {
      if (edgeTypes[edges[e + eType]!] === 'weak') continue;
      const to = edges[e + eTo]!;
      const list = retainers.get(to);
      if (list) list.push(e);
      else retainers.set(to, [e]);
    }
  }
  const fromOfEdge = (e: number) => {
    // binary search the node whose edge range holds e
    let lo = 0;
    let hi = firstEdge.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firstEdge[mid]! <= e) lo = mid;
      else hi = mid - 1;
    }
    return lo * n;
  };
  // where each closure's function is defined (script:line:column, 0-based), for BENCH_CODE_JSON
  const locationOf = new Map<number, string>();
  const lf = snap.snapshot.meta.location_fields ?? [];
  const locations = snap.locations ?? [];
  if (lf.length) {
    const [lObj, lScript, lLine, lCol] = ['object_index', 'script_id', 'line', 'column'].map((k) => lf.indexOf(k)) as [number, number, number, number];
    for (let i = 0; i < locations.length; i += lf.length) locationOf.set(locations[i + lObj]!, `${locations[i + lScript]}:${locations[i + lLine]}:${locations[i + lCol]}`);
  }
  /** the function a piece of machine code belongs to: up its retainers to a closure */
  const functionOf = (node: number): string => {
    const seen = new Set([node]);
    let frontier = [node];
    for (let depth = 0; depth < 4 && frontier.length; depth++) {
      const next: number[] = [];
      for (const x of frontier) {
        for (const e of retainers.get(x) ?? []) {
          const from = fromOfEdge(e);
          if (typeOf(from) === 'closure') return `${nameOf(from) || '(anonymous)'}${CODE_JSON ? `@${locationOf.get(from) ?? '?'}` : ''}`;
          if (!seen.has(from)) {
            seen.add(from);
            next.push(from);
          }
        }
      }
      frontier = next;
    }
    return '(no closure)';
  };

  const traced = new Set<number>();
  for (let i = 0; i < nodes.length; i += n) {
    const type = typeOf(i);
    const size = nodes[i + iSize]!;
    const key = `${type}:${nameOf(i)}`.slice(0, 90);
    add(key, size);
    // Blink's objects show up as `native` nodes; everything else is V8's heap
    add(type === 'native' ? 'TOTAL Blink (native) objects' : 'TOTAL V8 objects', size);
    if (type === 'code' && nameOf(i) === 'system / InstructionStream') add(`CODE OF ${functionOf(i)}`, size);
    if (TRACE && key === TRACE) traced.add(nodes[i + iId]!);
  }

  function describeNew(old: Set<number>, max: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < nodes.length && out.length < max; i += n) {
      if (!TRACE || `${typeOf(i)}:${nameOf(i)}` !== TRACE || old.has(nodes[i + iId]!)) continue;
      const props: string[] = [];
      for (let k = 0, e = firstEdge[i / n]!; k < nodes[i + iEdges]! && props.length < 12; k++, e += m) {
        if (edgeTypes[edges[e + eType]!] === 'property') props.push(`${edgeName(e)}=${typeOf(edges[e + eTo]!)}:${nameOf(edges[e + eTo]!).slice(0, 30)}`);
      }
      const path: string[] = [];
      for (let x = i, depth = 0; depth < 8; depth++) {
        const e = (retainers.get(x) ?? [])[0];
        if (e === undefined) break;
        const from = fromOfEdge(e);
        path.push(`${edgeName(e)} ← ${typeOf(from)}:${nameOf(from).slice(0, 40)}`);
        x = from;
      }
      out.push(`{ ${props.join(', ')} }\n      ${path.join('\n      ')}`);
    }
    return out;
  }
  return { by, traced, describeNew };
}

const srv = await startWebServer(WEB_DIST ? { WEB_DIST } : {});
const fx = await createFixture();
// the fixture's sessions last an hour; the informant who sends the events must outlast a long diff
await db().session.updateMany({ data: { expiresAt: new Date(Date.now() + (SECONDS + 3600) * 1000) } });
const token = await displayToken(srv.url, fx.tokens.office);
const browser = await launchRawChromium(`${srv.origin}/?token=${encodeURIComponent(token)}${WALL_QUERY ? `&${WALL_QUERY}` : ''}`);
try {
  const page = browser.page;
  await waitFor(page, `document.querySelector('[data-testid="wall"][data-link="live"][data-clock="synced"]')`);
  let sent = 0;
  const t0 = Date.now();
  let first: Snapshot | undefined;
  while (Date.now() - t0 < SECONDS * 1000) {
    const i = sent++ % 2;
    await gql(srv.url, SUBMIT, { input: itemInput(i ? fx.units.dept : fx.units.village, `soak ${sent}`) }, i ? fx.tokens.infDept : fx.tokens.infVillage).catch(() => undefined); // a dropped connection is just one event fewer
    await new Promise((r) => setTimeout(r, 200));
    if (!first && Date.now() - t0 > FIRST * 1000) {
      console.log(`at ${FIRST} s:`, JSON.stringify(await sampleMemory(page)));
      first = await snapshot(page);
    }
  }
  console.log(`at ${Math.round((Date.now() - t0) / 1000)} s:`, JSON.stringify(await sampleMemory(page)));
  const lastSnap = await snapshot(page);
  const [a, b] = [first!.by, lastSnap.by];
  const keys = new Set([...b.keys(), ...a.keys()]);
  const rows = [...keys].map((k) => ({
    k,
    dc: (b.get(k)?.count ?? 0) - (a.get(k)?.count ?? 0),
    ds: (b.get(k)?.size ?? 0) - (a.get(k)?.size ?? 0),
  }));
  rows.sort((a, b) => b.ds - a.ds);
  for (const r of rows.filter((r) => r.k.startsWith('TOTAL'))) console.log(`${String(r.ds).padStart(9)} B ${String(r.dc).padStart(7)}  ${r.k}`);
  const code = rows.filter((r) => r.k.startsWith('CODE OF'));
  console.log(`--- machine code by function: ${code.filter((r) => r.dc > 0).length} functions gained code, ${code.filter((r) => r.dc < 0).length} lost it; net ${code.reduce((a, r) => a + r.ds, 0)} B`);
  if (CODE_JSON) fs.writeFileSync(CODE_JSON, JSON.stringify(code.map((r) => ({ key: r.k.slice('CODE OF '.length), bytes: r.ds, count: r.dc }))));
  for (const r of code.slice(0, 40)) console.log(`${String(r.ds).padStart(9)} B ${String(r.dc).padStart(7)}  ${r.k}`);
  const plain = rows.filter((r) => !r.k.startsWith('TOTAL') && !r.k.startsWith('CODE OF'));
  console.log('--- grew most');
  for (const r of plain.slice(0, 25)) console.log(`${String(r.ds).padStart(9)} B ${String(r.dc).padStart(7)}  ${r.k}`);
  console.log('--- shrank most');
  for (const r of plain.slice(-8)) console.log(`${String(r.ds).padStart(9)} B ${String(r.dc).padStart(7)}  ${r.k}`);
  if (TRACE) {
    console.log(`--- ${TRACE} born between the snapshots (${[...lastSnap.traced].filter((id) => !first!.traced.has(id)).length} of ${lastSnap.traced.size} alive)`);
    for (const d of lastSnap.describeNew(first!.traced, 6)) console.log(`  ${d}`);
  }
} finally {
  await browser.close();
  await srv.stop();
}
