// Wall-display soak (issue: "runs for weeks"): the real wall in headless Chromium
// receives events at BENCH_RATE per second for BENCH_SOAK_SECONDS (default 600).
// The JS heap and the Blink heap (both after forced garbage collections) and the
// DOM node count are sampled every 30 s; the end values are compared with those
// after the first minute.
//
//   npx -y pnpm@10 --filter @xinbao/test bench:display
//
// The instrument (see cdp.ts and RESULTS.md): Chromium is started by hand and read
// over a bare DevTools connection that enables no protocol domain, as a kiosk runs
// with no DevTools attached. BENCH_INSTRUMENT=playwright drives the same schedule
// through Playwright instead (it enables the Network, Runtime and Page domains on
// the page), for comparing the two instruments.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { db } from '../../server/src/db.js';
import { createFixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { displayToken, launchBrowser, openPage, openWall, startWebServer } from '../e2e/e2e-helpers.js';
import { heapSplit, launchRawChromium, sampleMemory, waitFor, type HeapSplit, type MemorySample } from './cdp.js';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const RATE = Number(process.env.BENCH_RATE ?? 5);
const INSTRUMENT = process.env.BENCH_INSTRUMENT === 'playwright' ? 'playwright' : 'cdp';
// diagnostics only: extra wall address parameters (e.g. `rotate=0`), another built web
const WALL_QUERY = process.env.BENCH_WALL_QUERY ?? '';
const WEB_DIST = process.env.BENCH_WEB_DIST;
const QUIET_MS = 2_500;
const WIDTH = 1920;
const HEIGHT = 1080;

interface Probe {
  sample(): Promise<MemorySample>;
  /** V8's heap as compiled code and other objects (raw instrument only) */
  split?(): Promise<HeapSplit>;
  lastSeq(): Promise<string | null>;
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

/** The wall in a Chromium started by hand; the page's DevTools connection enables nothing. */
async function rawProbe(url: string): Promise<Probe> {
  const browser = await launchRawChromium(url, { width: WIDTH, height: HEIGHT });
  const page = browser.page;
  try {
    await waitFor(page, `document.querySelector('[data-testid="wall"][data-link="live"][data-clock="synced"]')`);
  } catch (err) {
    const state = await page.evaluate<string>(`document.querySelector('[data-testid="wall"]')?.outerHTML.slice(0, 300) ?? document.body.innerText.slice(0, 300)`);
    await browser.close();
    throw new Error(`wall not live: ${state}`, { cause: err });
  }
  const size = await page.evaluate<[number, number]>('[innerWidth, innerHeight]');
  if (size[0] !== WIDTH || size[1] !== HEIGHT) console.error(`[soak] note: viewport is ${size[0]}×${size[1]}`);
  // uncaught errors from here on (the page was live, so start-up went well); two
  // listeners for the whole run, counted in every sample alike
  await page.evaluate(`(() => {
    window.__soakErrors = [];
    addEventListener('error', (e) => __soakErrors.push(String(e.message)));
    addEventListener('unhandledrejection', (e) => __soakErrors.push(String(e.reason)));
    return true;
  })()`);
  return {
    sample: () => sampleMemory(page),
    split: () => heapSplit(page),
    lastSeq: () => page.evaluate<string | null>(`document.querySelector('[data-testid="wall"]').getAttribute('data-last-seq')`),
    errors: () => page.evaluate<string[]>('__soakErrors'),
    close: () => browser.close(),
  };
}

/** The previous instrument: Playwright's page plus a CDP session on it. */
async function playwrightProbe(origin: string, token: string, query: string): Promise<Probe> {
  const browser = await launchBrowser();
  const { page, errors } = await openPage(browser, { viewport: { width: WIDTH, height: HEIGHT } });
  await openWall(page, origin, token, query);
  const cdp = await page.context().newCDPSession(page);
  return {
    // the same readings as the raw instrument, through Playwright's session
    sample: () => sampleMemory({ send: <T>(method: string, params?: Record<string, unknown>) => cdp.send(method as never, params as never) as Promise<T> }),
    lastSeq: () => page.getAttribute('[data-testid="wall"]', 'data-last-seq'),
    errors: async () => errors,
    close: () => browser.close(),
  };
}

/**
 * One submission; a dropped connection (a loaded machine, a keep-alive socket the
 * server closed) is retried with the same idempotency key, so it counts once.
 */
async function submit(input: Record<string, unknown>, token: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await gql(srv.url, SUBMIT, { input }, token);
      if (r.errors) throw Object.assign(new Error(JSON.stringify(r.errors)), { final: true });
      return;
    } catch (err) {
      if ((err as { final?: boolean }).final || attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

const srv = await startWebServer(WEB_DIST ? { WEB_DIST } : {});
let probe: Probe | undefined;
try {
  const fx = await createFixture();
  // the fixture's sessions last an hour; the informant who sends the events must outlast a long soak
  await db().session.updateMany({ data: { expiresAt: new Date(Date.now() + (SECONDS + 3600) * 1000) } });
  const token = await displayToken(srv.url, fx.tokens.office);
  probe =
    INSTRUMENT === 'cdp'
      ? await rawProbe(`${srv.origin}/?token=${encodeURIComponent(token)}${WALL_QUERY ? `&${WALL_QUERY}` : ''}`)
      : await playwrightProbe(srv.origin, token, WALL_QUERY);
  const t0 = Date.now();
  const samples: (MemorySample & { t: number; events: number; load: number })[] = [];
  // the split of the first and the last sample (a heap snapshot each, taken after the sample)
  const splits: HeapSplit[] = [];
  // Submissions go out on a fixed 1/RATE schedule whatever the server's latency
  // (on a loaded machine one round trip can take longer than 200 ms), up to
  // MAX_IN_FLIGHT at a time.
  const MAX_IN_FLIGHT = 16;
  let sent = 0;
  let done = 0;
  let failure: unknown;
  const inFlight = new Set<Promise<void>>();
  let next = Date.now();
  let nextSample = t0 + 60_000;
  const take = async (split = false) => {
    const s = { t: Math.round((Date.now() - t0) / 1000), events: done, load: os.loadavg()[0]!, ...(await probe!.sample()) };
    samples.push(s);
    if (split && probe!.split) splits.push(await probe!.split());
    console.error(
      `[soak] ${s.t} s: JS heap ${s.jsMB.toFixed(2)} MB, Blink heap ${s.embedderMB.toFixed(2)} MB, ${s.nodes} DOM nodes, ${s.listeners} listeners, ${done} events, load ${s.load.toFixed(1)}`,
    );
  };
  /**
   * A sample measures what the wall keeps, not what is on its way through: no new
   * submission for a moment, every answer in, the wall caught up with the last
   * event, then QUIET_MS for the animations it started (a ticker row slides in for
   * 0.6 s and the leaving one stays in the DOM until it has slid out; bars move for
   * 0.6 s). Events due meanwhile go out right after, so the average rate holds.
   */
  const settleAndTake = async (split = false) => {
    await Promise.all(inFlight);
    for (let i = 0; i < 20 && Number(await probe!.lastSeq()) < done; i++) await new Promise((r) => setTimeout(r, 500));
    await new Promise((r) => setTimeout(r, QUIET_MS));
    await take(split);
  };
  const units = [fx.units.dept, fx.units.village];
  const tokens = [fx.tokens.infDept, fx.tokens.infVillage];
  while (Date.now() - t0 < SECONDS * 1000) {
    if (failure) throw failure;
    const i = sent++ % 2;
    const input = itemInput(units[i]!, `soak ${sent}`, { idempotencyKey: randomUUID() });
    const request: Promise<void> = submit(input, tokens[i]!)
      .then(() => void done++)
      .catch((err) => void (failure ??= err))
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
    if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    next += 1000 / RATE;
    if (Date.now() >= nextSample) {
      await settleAndTake(samples.length === 0);
      nextSample += 30_000;
    }
    const wait = next - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  await settleAndTake(true);
  const first = samples[0]!;
  const end = samples.at(-1)!;
  const change = (a: number, b: number) => a / b - 1;
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
  const jsChange = change(end.jsMB, first.jsMB);
  const nodeChange = change(end.nodes, first.nodes);
  const blinkChange = change(end.embedderMB, first.embedderMB);
  const ok = Math.abs(jsChange) <= 0.1 && Math.abs(nodeChange) <= 0.1;
  const lastSeq = await probe.lastSeq();
  const errors = await probe.errors();
  const instrument =
    INSTRUMENT === 'cdp'
      ? 'Chromium started by hand, bare DevTools connection, no protocol domain enabled'
      : 'Playwright (Network, Runtime, Page … domains enabled) + CDP session';
  const extras = [WALL_QUERY && `wall address + \`${WALL_QUERY}\``, process.env.BENCH_JS_FLAGS && `DIAGNOSTIC V8 flags \`${process.env.BENCH_JS_FLAGS}\``, WEB_DIST && `web build ${WEB_DIST}`].filter(Boolean);
  console.log(`## Wall display soak: ${SECONDS} s at ${RATE} events/s (${done} events), headless Chromium ${WIDTH}×${HEIGHT}${extras.length ? ` — ${extras.join(', ')}` : ''}\n`);
  console.log(`Instrument: ${instrument}. Each sample after a ${QUIET_MS / 1000} s pause in the submissions (the wall caught up, its animations over; the events due meanwhile follow at once). Heaps after two forced garbage collections (Runtime.getHeapUsage: usedSize = JS heap, embedderHeapUsedSize = Blink heap); DOM counters from Memory.getDOMCounters. Node ${process.version}, ${os.cpus().length} cores.\n`);
  console.log('| after | JS heap (MB) | Blink heap (MB) | DOM nodes | listeners | events so far | load avg (1 min) |\n| --- | --: | --: | --: | --: | --: | --: |');
  for (const s of samples) {
    console.log(`| ${s.t} s | ${s.jsMB.toFixed(2)} | ${s.embedderMB.toFixed(2)} | ${s.nodes} | ${s.listeners} | ${s.events} | ${s.load.toFixed(1)} |`);
  }
  console.log(
    `\nEnd vs 1 min: JS heap ${pct(jsChange)}, DOM nodes ${pct(nodeChange)} (goal: both within ±10 %: ${ok ? 'met' : 'NOT MET'}); ` +
      `Blink heap ${pct(blinkChange)}. Last seq on the wall ${lastSeq} of ${done} events; page errors: ${errors.length}${errors.length ? ` (${errors.slice(0, 3).join(' | ')})` : ''}.`,
  );
  // A run of 20 minutes or more is also read as consecutive 10-minute windows, each
  // judged like the whole run from load: its end against its first minute. The
  // first window is the run itself from page load; the later ones show whether the
  // wall still grows once it has been running a while.
  if (SECONDS >= 1200) {
    const at = (t: number) => samples.reduce((best, x) => (Math.abs(x.t - t) < Math.abs(best.t - t) ? x : best));
    console.log('\n| window | JS heap after its first minute | at its end | change | DOM nodes | change |\n| --- | --: | --: | --: | --: | --: |');
    for (let w = 0; w + 600 <= end.t + 15; w += 600) {
      const a = at(w + 60);
      const b = at(w + 600);
      console.log(
        `| ${w / 60}–${w / 60 + 10} min | ${a.jsMB.toFixed(2)} MB (${a.t} s) | ${b.jsMB.toFixed(2)} MB (${b.t} s) | ${pct(change(b.jsMB, a.jsMB))} | ${a.nodes} → ${b.nodes} | ${pct(change(b.nodes, a.nodes))} |`,
      );
    }
  }
  if (splits.length === 2) {
    const [a, b] = splits as [HeapSplit, HeapSplit];
    console.log(
      `\nV8 heap split (heap snapshots after the first and the last sample): compiled code and its metadata ` +
        `${a.codeMB.toFixed(2)} → ${b.codeMB.toFixed(2)} MB (${pct(change(b.codeMB, a.codeMB))}); ` +
        `all other V8 objects ${a.objectsMB.toFixed(2)} → ${b.objectsMB.toFixed(2)} MB (${pct(change(b.objectsMB, a.objectsMB))}).`,
    );
  }
  if (Number(lastSeq) !== done) console.log(`\nThe wall did not apply every event (${lastSeq} of ${done}).`);
} finally {
  await probe?.close();
  await srv.stop();
}
