// BENCH_MODE=writes: how many items per second one instance accepts from
// BENCH_WRITERS concurrent writers (each submits, waits for the answer, submits
// again) for BENCH_WRITE_SECONDS, first with no subscriber and then with
// BENCH_SUBSCRIBERS graphql-ws subscribers connected (each item is one event they
// all receive). On SQLite, and on PostgreSQL when BENCH_POSTGRES_URL is set (a
// scratch database, created and dropped). With subscribers, the run also waits
// until every subscriber has every event and reports how long that took after the
// last write: accepting writes faster than they can be fanned out only builds a
// backlog.
import fs from 'node:fs';
import path from 'node:path';
import { EVENTS_SUB } from '../helpers/graphql.js';
import { createTestDatabase } from '../helpers/services.js';
import { api, clientProcsFor, Clients, everyoneGot, intEnv, loopFrom, say, seed, sleep, startInstance, subscribeAll, type Instance, type Loop, type Run } from './harness.js';
import { cpuMs, mdTable, ms, percentile } from './stats.js';

interface Phase {
  subscribers: number;
  items: number;
  seconds: number;
  errors: number;
  submit: Float64Array;
  cpuPct: number;
  loop: Loop;
  events: number;
  catchUp?: string;
  delivery?: Float64Array;
}

async function writePhase(inst: Instance, a: ReturnType<typeof api>, writers: number, seconds: number, subscribers: number): Promise<Phase> {
  const head0 = await a.seq();
  const profDir = process.env.BENCH_PROFILE;
  const prof = profDir ? await inst.profile() : undefined;
  await inst.metrics(); // resets the event-loop delay reading
  const cpu0 = cpuMs(inst.pid);
  const lat: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let k = 0; performance.now() < end; k++) {
        const t = performance.now();
        try {
          await a.submit(`w${w}-${k}`);
          lat.push(performance.now() - t);
        } catch (err) {
          if (errors++ === 0) say(`first write error: ${(err as Error).message}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const loop = loopFrom(await inst.metrics());
  if (prof && profDir) {
    fs.mkdirSync(profDir, { recursive: true });
    const file = path.join(profDir, `writes-${inst.name}-${subscribers}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(await prof.stop()));
    say(`CPU profile written: ${file}`);
  }
  const cpu = cpuMs(inst.pid) - cpu0;
  const events = (await a.seq()) - head0;
  return { subscribers, items: lat.length, seconds: elapsed, errors, submit: Float64Array.from(lat).sort(), cpuPct: cpu / (elapsed * 1000) * 100, loop, events };
}

export async function writes(run: Run): Promise<string> {
  const N = intEnv('BENCH_SUBSCRIBERS', 1000);
  const W = intEnv('BENCH_WRITERS', 8);
  const SECS = intEnv('BENCH_WRITE_SECONDS', 15);
  const CATCHUP = intEnv('BENCH_CATCHUP_MS', 120_000);
  const SAMPLE = 10;
  const clients = Clients.start(run, clientProcsFor(N));
  const dbs: { key: string; label: string; url: string }[] = [{ key: 'sqlite', label: 'SQLite (WAL, synchronous=FULL)', url: `file:${path.join(run.tmpDir(), 'writes.db')}` }];
  if (process.env.BENCH_POSTGRES_URL) {
    const scratch = await createTestDatabase(process.env.BENCH_POSTGRES_URL);
    run.onCleanup(scratch.drop);
    dbs.push({ key: 'postgres', label: 'PostgreSQL', url: scratch.url });
  } else say('BENCH_POSTGRES_URL is not set: SQLite only');

  const rows: string[][] = [];
  for (const d of dbs) {
    say(`${d.key}: starting a Xinbao server`);
    const inst = await startInstance(run, d.key, { DATABASE_URL: d.url });
    const { fx, screens } = await seed(d.url, N);
    const a = api(inst, fx);
    for (let i = 0; i < 20; i++) await a.submit(`warm ${i}`);

    say(`${d.key}: ${W} writers for ${SECS} s, no subscribers`);
    const idle = await writePhase(inst, a, W, SECS, 0);
    say(`${d.key}: ${(idle.items / idle.seconds).toFixed(1)} items/s`);

    say(`${d.key}: opening ${N} subscribers`);
    await subscribeAll(clients, d.key, inst.wsUrl, screens, EVENTS_SUB, (w) => a.submit(`first ${w}`), SAMPLE);
    await sleep(1000);
    await clients.report(d.key, true); // forget the warm-up deliveries
    const got0 = Math.min(...(await clients.status(d.key)).map((s) => s.minGot));
    say(`${d.key}: ${W} writers for ${SECS} s, ${N} subscribers`);
    const busy = await writePhase(inst, a, W, SECS, N);
    say(`${d.key}: ${(busy.items / busy.seconds).toFixed(1)} items/s; waiting until every subscriber has all ${busy.events} events`);
    const tEnd = Date.now();
    try {
      await clients.waitFor([d.key], 'every event at every subscriber', everyoneGot(got0 + busy.events), CATCHUP);
      busy.catchUp = `${((Date.now() - tEnd) / 1000).toFixed(1)} s`;
    } catch (err) {
      const behind = got0 + busy.events - Math.min(...(await clients.status(d.key)).map((s) => s.minGot));
      busy.catchUp = `not within ${CATCHUP / 1000} s (slowest subscriber ${behind} events behind)`;
      say(`${d.key}: ${(err as Error).message.slice(0, 200)}`);
    }
    const reports = await clients.report(d.key, true);
    busy.delivery = Float64Array.from(reports.flatMap((r) => Object.values(r.bySeq).flat())).sort();
    await clients.disconnect(d.key);
    await run.stop(inst.server);

    for (const ph of [idle, busy]) {
      rows.push([
        d.label,
        ph.subscribers.toLocaleString('en'),
        `**${(ph.items / ph.seconds).toFixed(1)}**`,
        ms(percentile(ph.submit, 50)),
        ms(percentile(ph.submit, 99)),
        String(ph.errors),
        `${ph.cpuPct.toFixed(0)} %`,
        `${ms(ph.loop.p99)} / ${ms(ph.loop.max)}`,
        ph.catchUp ?? '—',
        ph.delivery ? `${ms(percentile(ph.delivery, 50))} / ${ms(percentile(ph.delivery, 99))} / ${ms(ph.delivery.at(-1) ?? NaN)}` : '—',
      ]);
    }
  }

  return [
    `## Write throughput: ${W} concurrent writers, ${SECS} s, one instance`,
    '',
    `Each writer submits an item (\`submitItem\`: one transaction with the item, its audit record and one event), waits for the answer and submits the next. ` +
      `Subscribers: graphql-ws, every one a separate signed-in wall display that receives every event; delivery latency is sampled on 1 in ${SAMPLE} subscribers.`,
    '',
    mdTable(
      ['database', 'subscribers', 'items / s', 'submit p50', 'submit p99', 'errors', 'server CPU', 'event-loop delay p99 / max', 'all subscribers caught up after the last write', 'delivery p50 / p99 / max'],
      rows,
    ),
    '',
    'Server CPU: the server process\'s user+system time over the write period ÷ wall time (100 % = one core). Event-loop delay over the write period (10 ms resolution: idle reads about 10 ms).',
  ].join('\n');
}
