// The wall at rest (the duty room at 3 a.m.: nothing submitted, nothing open): how
// much work the page does per minute just to stay current. Chromium's own counters
// (Performance.getMetrics) over BENCH_IDLE_SECONDS (default 60) after the wall has
// been live for 20 s: main-thread task time, script time, style recalculations and
// layouts. A screen that runs for weeks should do little more than tick its clock.
//
//   cd test && npx tsx bench-display/idle.ts
import { createFixture } from '../helpers/fixtures.js';
import { displayToken, startWebServer } from '../e2e/e2e-helpers.js';
import { launchRawChromium, waitFor } from './cdp.js';

const SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const WEB_DIST = process.env.BENCH_WEB_DIST;
const WALL_QUERY = process.env.BENCH_WALL_QUERY ?? '';

const srv = await startWebServer(WEB_DIST ? { WEB_DIST } : {});
const fx = await createFixture();
const token = await displayToken(srv.url, fx.tokens.office);
const browser = await launchRawChromium(`${srv.origin}/?token=${encodeURIComponent(token)}${WALL_QUERY ? `&${WALL_QUERY}` : ''}`);
try {
  const page = browser.page;
  await waitFor(page, `document.querySelector('[data-testid="wall"][data-link="live"][data-clock="synced"]')`);
  await new Promise((r) => setTimeout(r, 20_000)); // first loads and animations over
  await page.send('Performance.enable', { timeDomain: 'threadTicks' });
  const metrics = async () =>
    Object.fromEntries((await page.send<{ metrics: { name: string; value: number }[] }>('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const a = await metrics();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const b = await metrics();
  const perMin = (k: string) => ((b[k]! - a[k]!) * 60) / SECONDS;
  const ms = (k: string) => `${(perMin(k) * 1000).toFixed(0)} ms`;
  console.log(`## The wall at rest: ${SECONDS} s with no events${WALL_QUERY ? ` (\`${WALL_QUERY}\`)` : ''}${WEB_DIST ? ` — web build ${WEB_DIST}` : ''}\n`);
  console.log('| per minute | main-thread tasks | script | style recalculations | layouts | layout time |\n| --- | --: | --: | --: | --: | --: |');
  console.log(`| at rest | ${ms('TaskDuration')} | ${ms('ScriptDuration')} | ${perMin('RecalcStyleCount').toFixed(0)} | ${perMin('LayoutCount').toFixed(0)} | ${ms('LayoutDuration')} |`);
} finally {
  await browser.close();
  await srv.stop();
}
