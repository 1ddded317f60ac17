// BENCH_MODE=soak: a time-bounded run (BENCH_SOAK_SECONDS, 120) with
// BENCH_SUBSCRIBERS (1000) graphql-ws subscribers on one multiplexed instance
// (SQLite) and BENCH_SOAK_RATE (5) events a second. Every BENCH_SOAK_INTERVAL
// (10) seconds it prints the interval's delivery latency, event-loop delay, the
// server's memory (after a forced full GC unless BENCH_SOAK_GC=0, so the figure is
// live data, not garbage waiting to be collected), open subscriptions, open
// WebSockets and open file descriptors; at the end it says what, if anything,
// grew by more than 10 % after the first interval.
import path from 'node:path';
import { EVENTS_SUB } from '../helpers/graphql.js';
import { api, clientProcsFor, Clients, everyoneGot, intEnv, loopFrom, paced, say, seed, sleep, startInstance, subscribeAll, type Run } from './harness.js';
import { mdTable, mib, ms, percentile } from './stats.js';

interface Sample {
  t: number;
  events: number;
  deliveries: number;
  p50: number;
  p99: number;
  lastP99: number;
  loopP99: number;
  loopMax: number;
  rss: number;
  heap: number;
  gcMs: number;
  subs: number;
  sockets: number;
  fds: number;
}

export async function soak(run: Run): Promise<string> {
  const N = intEnv('BENCH_SUBSCRIBERS', 1000);
  const SECS = intEnv('BENCH_SOAK_SECONDS', 120);
  const RATE = intEnv('BENCH_SOAK_RATE', 5);
  const EVERY = intEnv('BENCH_SOAK_INTERVAL', 10);
  const GC = process.env.BENCH_SOAK_GC !== '0';
  const clients = Clients.start(run, clientProcsFor(N));
  const url = `file:${path.join(run.tmpDir(), 'soak.db')}`;
  const inst = await startInstance(run, 'soak', { DATABASE_URL: url });
  const { fx, screens } = await seed(url, N);
  const a = api(inst, fx);
  say(`soak: ${N} subscribers, ${RATE} events/s for ${SECS} s, a sample every ${EVERY} s${GC ? ' (forced full GC before each memory reading)' : ''}`);
  await subscribeAll(clients, 'soak', inst.wsUrl, screens, EVENTS_SUB, (w) => a.submit(`first ${w}`));
  await sleep(1000);
  await clients.report('soak', true);
  // A forced GC now too, so that every interval (the first included) has one in it.
  if (GC) await inst.memory();
  await inst.metrics();
  const got0 = Math.min(...(await clients.status('soak')).map((s) => s.minGot));

  // Per event seq: how many subscribers have it and the worst latency so far.
  const pending = new Map<string, { n: number; max: number }>();
  const samples: Sample[] = [];
  let fired = 0;
  const t0 = Date.now();
  const firing = paced(Math.round(SECS * RATE), 1000 / RATE, async (i) => {
    await a.submit(`soak ${i}`);
    fired++;
  });
  let firingDone = false;
  void firing.finally(() => (firingDone = true));

  const sample = async (t: number) => {
    const reports = await clients.report('soak', true);
    const lat: number[] = [];
    const toLast: number[] = [];
    for (const r of reports) {
      for (const [seq, l] of Object.entries(r.bySeq)) {
        const e = pending.get(seq) ?? { n: 0, max: -Infinity };
        for (const x of l) {
          lat.push(x);
          if (x > e.max) e.max = x;
        }
        e.n += l.length;
        if (e.n >= N) {
          toLast.push(e.max);
          pending.delete(seq);
        } else pending.set(seq, e);
      }
    }
    lat.sort((x, y) => x - y);
    toLast.sort((x, y) => x - y);
    const m = await inst.metrics(); // event-loop delay since the previous sample
    const loop = loopFrom(m);
    const mem = GC ? await inst.memory() : { rss: m.get('process_resident_memory_bytes')!, heap: m.get('nodejs_heap_used_bytes')!, gcMs: NaN };
    const s: Sample = {
      t,
      events: toLast.length,
      deliveries: lat.length,
      p50: percentile(lat, 50),
      p99: percentile(lat, 99),
      lastP99: percentile(toLast, 99),
      loopP99: loop.p99,
      loopMax: loop.max,
      rss: mem.rss,
      heap: mem.heap,
      gcMs: mem.gcMs,
      subs: m.get('xinbao_subscriptions_open') ?? NaN,
      sockets: m.get('xinbao_websockets_open') ?? NaN,
      fds: inst.fds(),
    };
    samples.push(s);
    say(
      `t=${String(t).padStart(4)} s  events ${s.events}  p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  event→last p99 ${ms(s.lastP99)}  loop p99/max ${ms(s.loopP99)}/${ms(s.loopMax)}  ` +
        `RSS ${mib(s.rss)}  heap ${mib(s.heap)}  subs ${s.subs}  ws ${s.sockets}  fds ${s.fds}`,
    );
  };

  for (let k = 1; k * EVERY <= SECS; k++) {
    const wait = t0 + k * EVERY * 1000 - Date.now();
    if (wait > 0) await sleep(wait);
    await sample(k * EVERY);
  }
  await firing;
  if (!firingDone) throw new Error('firing did not finish');
  // Every subscriber must end up with every event.
  await clients.waitFor(['soak'], `all ${fired} soak events at every subscriber`, everyoneGot(got0 + fired), 60_000);
  await clients.report('soak', true);
  await clients.disconnect('soak');

  const first = samples[0]!;
  /** Least-squares slope of f over the samples, per minute. */
  const slope = (f: (s: Sample) => number) => {
    const xs = samples.map((s) => s.t / 60);
    const ys = samples.map(f);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const num = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0);
    const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    return den ? num / den : NaN;
  };
  const rest = samples.slice(1);
  const growth = (f: (s: Sample) => number) => {
    const base = f(first);
    const last = f(samples.at(-1)!);
    const max = Math.max(...rest.map(f));
    return { base, last, max, lastPct: ((last - base) / base) * 100, maxPct: ((max - base) / base) * 100 };
  };
  const watched: [string, (s: Sample) => number, (x: number) => string][] = [
    ['RSS', (s) => s.rss, mib],
    ['V8 heap (after GC)', (s) => s.heap, mib],
    ['open file descriptors', (s) => s.fds, String],
    ['open subscriptions', (s) => s.subs, String],
    ['open WebSockets', (s) => s.sockets, String],
    ['delivery p99', (s) => s.p99, ms],
    ['event-loop delay p99', (s) => s.loopP99, ms],
  ];
  const grew: string[] = [];
  const noisy: string[] = [];
  const growthRows = watched.map(([name, f, fmt], i) => {
    const g = growth(f);
    const what = `${name} (+${g.maxPct.toFixed(1)} % at its highest, ${g.lastPct >= 0 ? '+' : ''}${g.lastPct.toFixed(1)} % at the end)`;
    if (g.maxPct > 10) (i < 5 ? grew : noisy).push(what);
    return [name, fmt(g.base), fmt(g.last), `${g.lastPct >= 0 ? '+' : ''}${g.lastPct.toFixed(1)} %`, fmt(g.max), `${g.maxPct >= 0 ? '+' : ''}${g.maxPct.toFixed(1)} %`];
  });

  return [
    `## Soak: ${N.toLocaleString('en')} subscribers, ${RATE} events/s for ${SECS} s (one multiplexed instance, SQLite)`,
    '',
    mdTable(
      ['t', 'events (complete)', 'deliveries', 'p50', 'p99', 'event→last p99', 'event-loop p99 / max', 'RSS', 'heap', 'GC pause', 'subscriptions', 'WebSockets', 'fds'],
      samples.map((s) => [
        `${s.t} s`,
        String(s.events),
        s.deliveries.toLocaleString('en'),
        ms(s.p50),
        ms(s.p99),
        ms(s.lastP99),
        `${ms(s.loopP99)} / ${ms(s.loopMax)}`,
        mib(s.rss),
        mib(s.heap),
        Number.isFinite(s.gcMs) ? ms(s.gcMs) : '—',
        String(s.subs),
        String(s.sockets),
        String(s.fds),
      ]),
    ),
    '',
    `Each row covers the ${EVERY} s before it: deliveries received in it and events whose last delivery fell in it. ` +
      (GC ? 'Memory is read after a forced full GC (its pause, shown, falls into the next interval’s figures). ' : 'Memory is read as is (no forced GC). ') +
      `${fired} events fired; every subscriber received every one.`,
    '',
    mdTable(['after the first interval', 'first', 'last', 'change', 'highest', 'change'], growthRows),
    '',
    `Trend over the samples (least squares): RSS ${slope((s) => s.rss / 2 ** 20).toFixed(2)} MiB/min, heap ${slope((s) => s.heap / 2 ** 20).toFixed(2)} MiB/min, ` +
      `file descriptors ${slope((s) => s.fds).toFixed(2)}/min.`,
    '',
    grew.length
      ? `Resources that grew by more than 10 % after the first interval: ${grew.join('; ')}.`
      : 'No resource (RSS, heap, file descriptors, subscriptions, WebSockets) grew by more than 10 % after the first interval.',
    noisy.length
      ? `Latency figures that rose by more than 10 % in some interval (they move with the machine's other load): ${noisy.join('; ')}.`
      : 'Neither delivery p99 nor event-loop delay p99 rose by more than 10 % after the first interval.',
  ].join('\n');
}
