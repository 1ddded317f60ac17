// Diagnostic (not part of bench): heap snapshots of the wall after 60 s and after
// BENCH_SOAK_SECONDS of events, summed by constructor, to find what grows.
import { createFixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { displayToken, launchBrowser, openPage, openWall, startWebServer } from '../e2e/e2e-helpers.js';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 240);
const srv = await startWebServer();
const browser = await launchBrowser();
try {
  const fx = await createFixture();
  const token = await displayToken(srv.url, fx.tokens.office);
  const { page } = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
  await openWall(page, srv.origin, token);
  const cdp = await page.context().newCDPSession(page);
  const snapshot = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    let chunks = '';
    const onChunk = (e: { chunk: string }) => (chunks += e.chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    const snap = JSON.parse(chunks);
    const f = snap.snapshot.meta.node_fields as string[];
    const types = snap.snapshot.meta.node_types[0] as string[];
    const n = f.length;
    const by = new Map<string, { count: number; size: number }>();
    for (let i = 0; i < snap.nodes.length; i += n) {
      const name = `${types[snap.nodes[i + f.indexOf('type')]]}:${snap.strings[snap.nodes[i + f.indexOf('name')]]}`.slice(0, 80);
      const e = by.get(name) ?? { count: 0, size: 0 };
      e.count++;
      e.size += snap.nodes[i + f.indexOf('self_size')];
      by.set(name, e);
    }
    return by;
  };
  let sent = 0;
  const t0 = Date.now();
  let first: Map<string, { count: number; size: number }> | undefined;
  while (Date.now() - t0 < SECONDS * 1000) {
    const i = sent++ % 2;
    await gql(srv.url, SUBMIT, { input: itemInput(i ? fx.units.dept : fx.units.village, `soak ${sent}`) }, i ? fx.tokens.infDept : fx.tokens.infVillage);
    await new Promise((r) => setTimeout(r, 200));
    if (!first && Date.now() - t0 > 60_000) first = await snapshot();
  }
  const last = await snapshot();
  const rows = [...last.entries()].map(([k, v]) => ({ k, dc: v.count - (first!.get(k)?.count ?? 0), ds: v.size - (first!.get(k)?.size ?? 0) }));
  rows.sort((a, b) => b.ds - a.ds);
  for (const r of rows.slice(0, 25)) console.log(`${String(r.ds).padStart(9)} B ${String(r.dc).padStart(7)}  ${r.k}`);
} finally {
  await browser.close();
  await srv.stop();
}
