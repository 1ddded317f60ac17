// BENCH_MODE=cross: the fan-out across two Xinbao instances (multiplexed, the
// default) on one PostgreSQL database, woken through Redis. BENCH_SUBSCRIBERS are
// split evenly between instance A and instance B; every event is written on A, so
// subscribers on B get it only through the Redis wake-up (the poll fallback,
// EVENT_POLL_MS, stays at its default 2 s). Compared, in the same run and in
// alternating blocks, with a bare `ws` broadcast to the same number of connections.
import { EVENTS_SUB } from '../helpers/graphql.js';
import { createTestDatabase } from '../helpers/services.js';
import { fanoutSettings } from './fanout.js';
import {
  api,
  clientProcsFor,
  Clients,
  collect,
  loopFrom,
  measure,
  say,
  seed,
  sleep,
  startInstance,
  subscribeAll,
  target,
  worstLoop,
  type Run,
} from './harness.js';
import { latencyTable, mdTable, ms } from './stats.js';

export async function cross(run: Run): Promise<string> {
  const pgBase = process.env.BENCH_POSTGRES_URL;
  const redis = process.env.BENCH_REDIS_URL;
  if (!pgBase || !redis) throw new Error('BENCH_MODE=cross needs BENCH_POSTGRES_URL (an admin database URL) and BENCH_REDIS_URL');
  const { N, M, GAP, BLOCK, WARMUP } = fanoutSettings();
  const PROCS = clientProcsFor(2 * N);
  const nA = Math.ceil(N / 2);
  const nB = N - nA;
  say(`cross: N=${N} subscribers (${nA} on A, ${nB} on B), ${M} events ${GAP} ms apart, blocks of ${BLOCK}, ${PROCS} client processes`);
  const clients = Clients.start(run, PROCS);
  const scratch = await createTestDatabase(pgBase);
  run.onCleanup(scratch.drop);
  const env = { DATABASE_URL: scratch.url, REDIS_URL: redis };
  // One after the other: the first applies the migrations.
  const A = await startInstance(run, 'A', { ...env, INSTANCE_ID: 'A' });
  const B = await startInstance(run, 'B', { ...env, INSTANCE_ID: 'B' });
  const { fx, screens } = await seed(scratch.url, N);
  const a = api(A, fx);
  say(`opening ${nA} subscribers on A and ${nB} on B`);
  const { sample } = await subscribeAll(clients, 'A', A.wsUrl, screens.slice(0, nA), EVENTS_SUB, (w) => a.submit(`first A ${w}`));
  if (nB) await subscribeAll(clients, 'B', B.wsUrl, screens.slice(nA), EVENTS_SUB, (w) => a.submit(`first B ${w}`));
  await sleep(500);

  const bare = run.fork('bare-server', new URL('./bare-server.ts', import.meta.url));
  const { port } = await bare.request<{ port: number }>({ cmd: 'listening' });
  await clients.connect('bare', `ws://127.0.0.1:${port}/`, 'bare', N);
  for (let i = 0; (await bare.request<{ clients: number }>({ cmd: 'count' })).clients < N; i++) {
    if (i > 400) throw new Error('the bare server never saw every connection');
    await sleep(50);
  }
  let bareSeq = 0;
  const b = target({
    label: 'bare ws broadcast (floor)',
    tags: ['bare'],
    subscribers: N,
    fire: () => bare.request({ cmd: 'fire', seq: ++bareSeq, template: sample }),
    head: async () => bareSeq,
    pids: [bare.proc.pid!],
    loop: () => bare.request({ cmd: 'eld' }),
  });
  const tags = nB ? ['A', 'B'] : ['A'];
  const x = target({
    label: 'Xinbao ×2, PostgreSQL + Redis (all subscribers)',
    tags,
    subscribers: N,
    fire: (i) => a.submit(`bench ${i}`),
    head: a.seq,
    pids: [A.pid, B.pid],
    loop: async () => worstLoop([loopFrom(await A.metrics()), loopFrom(await B.metrics())]),
  });

  await measure(clients, [x, b], { warmup: WARMUP, events: M, block: BLOCK, gap: GAP });
  const all = await collect(clients, x);
  const onA = await collect(clients, x, '— of which on A (the writer’s instance)', ['A'], nA, x.cpuBy.get(A.pid));
  const onB = nB ? await collect(clients, x, '— of which on B (woken through Redis)', ['B'], nB, x.cpuBy.get(B.pid)) : undefined;
  const floor = await collect(clients, b);
  for (const t of [...tags, 'bare']) await clients.disconnect(t);
  const loopX = worstLoop(x.loops);
  const loopB = worstLoop(b.loops);

  return [
    `## Cross-instance fan-out: ${N.toLocaleString('en')} subscribers split over two instances (PostgreSQL + Redis)`,
    '',
    `${nA.toLocaleString('en')} subscribers on instance A, ${nB.toLocaleString('en')} on instance B, both multiplexed (default), one PostgreSQL database, Redis pub/sub for wake-ups; ` +
      `every event is written on A. ${M} events per target, ${GAP} ms apart, alternating with the bare floor (${N.toLocaleString('en')} connections) in blocks of ${BLOCK}; ${PROCS} load-generator processes.`,
    '',
    latencyTable([all, onA, ...(onB ? [onB] : []), floor], floor),
    '',
    mdTable(
      ['target', 'event-loop delay p99 (worst block)', 'max (worst block)'],
      [
        ['Xinbao A and B (worse of the two)', ms(loopX.p99), ms(loopX.max)],
        ['bare ws', ms(loopB.p99), ms(loopB.max)],
      ],
    ),
    '',
    'Server CPU per delivery: the first row is both instances together over all deliveries; the per-instance rows are each instance over its own subscribers (A also handles the mutations).',
  ].join('\n');
}
