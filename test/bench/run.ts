// `pnpm bench`: Xinbao's live fan-out measured against the floor on this machine.
// BENCH_MODE picks what to measure (results: markdown on stdout; progress on stderr):
//
//   fanout (default)  N subscribers (BENCH_SUBSCRIBERS, 1000) on each of: Xinbao with
//                     FANOUT_MULTIPLEX=off (stock per-subscriber execution), Xinbao
//                     multiplexed (default), and a bare `ws` broadcast of the same frame.
//                     Latency p50/p99 and event→last, ratios to bare, memory per idle
//                     subscription, event-loop delay during the fan-out, CPU per delivery.
//                     Knobs: BENCH_EVENTS, BENCH_GAP_MS, BENCH_BLOCK, BENCH_WARMUP_EVENTS
//                     (defaults 50/200 ms/10/10, or 30/2000 ms/5/3 above 2,000 subscribers),
//                     BENCH_PROFILE=dir (CPU profiles of both Xinbao servers over the
//                     measurement, through the inspector; summarise with profile-top.ts;
//                     the writes mode honours it too).
//   writes            items submitted per second by BENCH_WRITERS (8) concurrent writers for
//                     BENCH_WRITE_SECONDS (15), with 0 and with BENCH_SUBSCRIBERS (1000)
//                     subscribers connected; SQLite, and PostgreSQL when BENCH_POSTGRES_URL
//                     is set (a scratch database is created and dropped).
//   cross             two Xinbao instances on PostgreSQL (BENCH_POSTGRES_URL) + Redis
//                     (BENCH_REDIS_URL), subscribers split across both, events written on
//                     one; latency to all (and per instance) against the bare floor.
//   soak              BENCH_SOAK_SECONDS (120): BENCH_SUBSCRIBERS (1000) subscribers, 5 events
//                     a second (BENCH_SOAK_RATE); every 10 s latency, memory, open
//                     subscriptions and file descriptors; whether anything grew.
//   heap              BENCH_SUBSCRIBERS (2000) idle subscribers on one server: heap snapshot
//                     growth per subscription by V8 type and constructor (a diagnostic).
//
// Processes: this runner (fires the events, collects results), the servers (spawned
// like a deployment, one process each), the bare ws server, and load-generator
// processes (BENCH_CLIENT_PROCS, default about one per 6,000 sockets, at least 2).
// All on 127.0.0.1. A watchdog ends everything after BENCH_TIMEOUT_MS; every process,
// temporary file and scratch database the run made is removed at the end.
// Figures and method: RESULTS.md.
import { cross } from './cross.js';
import { fanout } from './fanout.js';
import { heap } from './heap.js';
import { intEnv, Run, say } from './harness.js';
import { soak } from './soak.js';
import { machineInfo } from './stats.js';
import { writes } from './writes.js';

const modes = { fanout, writes, cross, soak, heap } as const;
const mode = (process.env.BENCH_MODE ?? 'fanout') as keyof typeof modes;
if (!(mode in modes)) {
  console.error(`BENCH_MODE must be one of ${Object.keys(modes).join(', ')}; got "${mode}"`);
  process.exit(2);
}

const N = intEnv('BENCH_SUBSCRIBERS', 1000);
const defaultTimeout = {
  fanout: N > 2000 ? 900_000 : 300_000,
  writes: 420_000,
  cross: N > 2000 ? 900_000 : 300_000,
  soak: intEnv('BENCH_SOAK_SECONDS', 120) * 1000 + 240_000,
  heap: 600_000,
}[mode];
const TIMEOUT = intEnv('BENCH_TIMEOUT_MS', defaultTimeout);

const run = new Run();
const watchdog = setTimeout(() => {
  say(`timed out after ${TIMEOUT} ms; stopping everything`);
  const hard = setTimeout(() => {
    run.killAll();
    process.exit(2);
  }, 20_000);
  void run.cleanup().finally(() => {
    clearTimeout(hard);
    process.exit(2);
  });
}, TIMEOUT);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    say(`${sig}: stopping`);
    const hard = setTimeout(() => {
      run.killAll();
      process.exit(130);
    }, 20_000);
    void run.cleanup().finally(() => {
      clearTimeout(hard);
      process.exit(130);
    });
  });
}

let code = 0;
const started = Date.now();
try {
  say(`mode ${mode}, timeout ${TIMEOUT / 1000} s`);
  const out = await modes[mode](run);
  console.log([out, '', `Wall time ${((Date.now() - started) / 1000).toFixed(0)} s. Machine:`, '', machineInfo(run.cpuSoFar()), ''].join('\n'));
} catch (err) {
  if (run.stopping) say(`stopped: ${(err as Error).message}`);
  else {
    console.error(err);
    for (const s of run.servers) console.error(`--- server output (port ${s.port}) ---\n${s.output().slice(-4000)}`);
  }
  code = run.stopping ? 2 : 1;
} finally {
  await run.cleanup();
  clearTimeout(watchdog);
}
process.exit(code);
