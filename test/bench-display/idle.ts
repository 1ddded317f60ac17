// The wall at rest (the duty room at 3 a.m.: nothing submitted, nothing open): how
// much work the page does per minute just to stay current. Chromium's own counters
// (Performance.getMetrics) over BENCH_IDLE_SECONDS (default 60) after the wall has
// been live for 20 s: main-thread task time, script time, style recalculations and
// layouts. A screen that runs for weeks should do little more than tick its clock.
// BENCH_IDLE_SCENARIO=incident: the same with an emergency reported 11 hours after it
// happened (past the 10-hour line, so counted as concealed) and its alert not yet
// acknowledged: a state a wall may stay in for hours.
//
//   cd test && npx tsx bench-display/idle.ts
import { createFixture } from '../helpers/fixtures.js';
import { displayToken, startWebServer } from '../e2e/e2e-helpers.js';
import { report } from '../helpers/incidents.js';
import { launchRawChromium, waitFor } from './cdp.js';

const SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const WEB_DIST = process.env.BENCH_WEB_DIST;
const WALL_QUERY = process.env.BENCH_WALL_QUERY ?? '';
const SCENARIO = process.env.BENCH_IDLE_SCENARIO === 'incident' ? 'incident' : 'quiet';

const srv = await startWebServer(WEB_DIST ? { WEB_DIST } : {});
const fx = await createFixture();
const token = await displayToken(srv.url, fx.tokens.office);
const browser = await launchRawChromium(`${srv.origin}/?token=${encodeURIComponent(token)}${WALL_QUERY ? `&${WALL_QUERY}` : ''}`);
try {
  const page = browser.page;
  await waitFor(page, `document.querySelector('[data-testid="wall"][data-link="live"][data-clock="synced"]')`);
  if (SCENARIO === 'incident') {
    // reported while the wall watches, so it raises an alert
    await report(srv.url, fx.tokens.infVillage, fx.units.village, { occurredAt: new Date(Date.now() - 11 * 3600_000).toISOString() });
    await waitFor(page, `document.querySelector('[data-testid="incident-alert"]')`);
  }
  await new Promise((r) => setTimeout(r, 20_000)); // first loads and animations over
  await page.send('Performance.enable', { timeDomain: 'threadTicks' });
  const metrics = async () =>
    Object.fromEntries((await page.send<{ metrics: { name: string; value: number }[] }>('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const a = await metrics();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const b = await metrics();
  const perMin = (k: string) => ((b[k]! - a[k]!) * 60) / SECONDS;
  const ms = (k: string) => `${(perMin(k) * 1000).toFixed(0)} ms`;
  const what = SCENARIO === 'incident' ? 'a concealed incident and its alert on screen' : 'no events';
  console.log(`## The wall at rest: ${SECONDS} s with ${what}${WALL_QUERY ? ` (\`${WALL_QUERY}\`)` : ''}${WEB_DIST ? ` — web build ${WEB_DIST}` : ''}\n`);
  console.log('| per minute | main-thread tasks | script | style recalculations | layouts | layout time |\n| --- | --: | --: | --: | --: | --: |');
  console.log(`| ${SCENARIO === 'incident' ? 'concealed incident, alert showing' : 'nothing open'} | ${ms('TaskDuration')} | ${ms('ScriptDuration')} | ${perMin('RecalcStyleCount').toFixed(0)} | ${perMin('LayoutCount').toFixed(0)} | ${ms('LayoutDuration')} |`);
} finally {
  await browser.close();
  await srv.stop();
}
