// Wall-display soak (issue: "runs for weeks"): the real wall in headless Chromium
// receives events at BENCH_RATE per second for BENCH_SOAK_SECONDS (default 600).
// JS heap (after a forced GC) and DOM node count are sampled every 30 s through the
// DevTools protocol; the end values are compared with those after the first minute.
//
//   npx -y pnpm@10 --filter @xinbao/test bench:display
import fs from 'node:fs';
import { createFixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { displayToken, launchBrowser, openPage, openWall, startWebServer } from '../e2e/e2e-helpers.js';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const RATE = Number(process.env.BENCH_RATE ?? 5);

const srv = await startWebServer();
const browser = await launchBrowser();
try {
  const fx = await createFixture();
  const token = await displayToken(srv.url, fx.tokens.office);
  const { page, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
  await openWall(page, srv.origin, token);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const sample = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    return { heapMB: m.JSHeapUsedSize! / 1024 / 1024, nodes: m.Nodes!, listeners: m.JSEventListeners! };
  };
  const t0 = Date.now();
  const samples: { t: number; heapMB: number; nodes: number; listeners: number }[] = [];
  let sent = 0;
  let next = Date.now();
  let nextSample = t0 + 60_000;
  const units = [fx.units.dept, fx.units.village];
  const tokens = [fx.tokens.infDept, fx.tokens.infVillage];
  while (Date.now() - t0 < SECONDS * 1000) {
    const i = sent++ % 2;
    const r = await gql(srv.url, SUBMIT, { input: itemInput(units[i]!, `soak ${sent}`) }, tokens[i]);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    next += 1000 / RATE;
    if (Date.now() >= nextSample) {
      const s = { t: Math.round((Date.now() - t0) / 1000), ...(await sample()) };
      samples.push(s);
      console.error(`[soak] ${s.t} s: heap ${s.heapMB.toFixed(1)} MB, ${s.nodes} DOM nodes, ${s.listeners} listeners, ${sent} events`);
      nextSample += 30_000;
    }
    const wait = next - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await new Promise((r) => setTimeout(r, 3000));
  const end = { t: Math.round((Date.now() - t0) / 1000), ...(await sample()) };
  samples.push(end);
  const first = samples[0]!;
  const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)}%`;
  const lastSeq = await page.getAttribute('[data-testid="wall"]', 'data-last-seq');
  console.log(`## Wall display soak: ${SECONDS} s at ${RATE} events/s (${sent} events), headless Chromium 1920×1080\n`);
  console.log('| after | JS heap (MB, after GC) | DOM nodes | listeners |\n| --- | --: | --: | --: |');
  for (const s of samples) console.log(`| ${s.t} s | ${s.heapMB.toFixed(2)} | ${s.nodes} | ${s.listeners} |`);
  console.log(`\nEnd vs 1 min: heap ${pct(end.heapMB, first.heapMB)}, DOM nodes ${pct(end.nodes, first.nodes)}; within 10 %: ${Math.abs(end.heapMB / first.heapMB - 1) <= 0.1 && Math.abs(end.nodes / first.nodes - 1) <= 0.1 ? 'yes' : 'NO'}. ` +
    `Last seq on the wall ${lastSeq}; page errors: ${errors.length}.`);
  fs.mkdirSync(new URL('.', import.meta.url).pathname, { recursive: true });
} finally {
  await browser.close();
  await srv.stop();
}
