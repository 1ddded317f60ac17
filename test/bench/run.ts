// `pnpm bench`: event-to-subscriber latency for N graphql-ws subscribers on one
// Xinbao instance, against the same broadcast done by a bare `ws` server (the
// floor), in one run on this machine. Prints one markdown table.
//
// Processes: this runner (fires the events, collects results), the Xinbao server
// (spawned like a deployment), BENCH_CLIENT_PROCS load-generator processes holding
// the subscribers, and later the bare ws server. All on 127.0.0.1; a watchdog ends
// everything after BENCH_TIMEOUT_MS.
//
// Latency of one delivery = receive time in the client process − the event's `at`
// (wall clock, same machine). For Xinbao `at` is stamped inside the write
// transaction, so the figure includes the commit, the wake-up, the log read and
// the per-subscriber execution; for the bare server it is stamped just before the
// send loop. `at` has millisecond resolution: Xinbao's is truncated, so its figures
// read 0–1 ms high (0.5 ms on average); the bare server stamps on a millisecond edge.
// Receive times use performance.now() offset to the wall clock, recalibrated before
// each measurement; the drift over the measurement is reported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDb, openDb } from '../../server/src/db.js';
import { parseDatabaseUrl } from '../../server/src/config.js';
import { createFixture } from '../helpers/fixtures.js';
import { EVENTS_SUB, gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { spawnServer, type ServerProcess } from '../helpers/process.js';
import { forkChild, type Child } from './ipc.js';
import { cpuMs, machineInfo, serverNodePid, summarise, table, type PhaseResult } from './stats.js';

function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

const N = intEnv('BENCH_SUBSCRIBERS', 1000);
const M = intEnv('BENCH_EVENTS', 50);
const GAP = intEnv('BENCH_GAP_MS', 200);
const PROCS = Math.min(N, intEnv('BENCH_CLIENT_PROCS', 2));
const WARMUP = intEnv('BENCH_WARMUP_EVENTS', 10, 0);
const TIMEOUT = intEnv('BENCH_TIMEOUT_MS', 240_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const say = (msg: string) => console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${msg}`);

let server: ServerProcess | undefined;
let bare: Child | undefined;
const clients: Child[] = [];
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-bench-'));

/** SIGKILLs every process this run started, including the node process under the server's tsx. */
function killAll(): void {
  for (const c of clients) c.proc.kill('SIGKILL');
  bare?.proc.kill('SIGKILL');
  if (server) {
    const nodePid = serverNodePid(server.child.pid);
    try {
      if (nodePid && nodePid !== server.child.pid) process.kill(nodePid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    server.child.kill('SIGKILL');
  }
}

/** Graceful stop (SIGTERM reaches the server through tsx); SIGKILL whatever is left after 10 s. */
async function cleanup(): Promise<void> {
  const hard = setTimeout(killAll, 10_000);
  await Promise.allSettled([...clients.map((c) => c.close()), bare?.close(), server?.stop()]);
  clearTimeout(hard);
  server = undefined;
  fs.rmSync(tmpDir, { recursive: true, force: true });
}

const watchdog = setTimeout(() => {
  say(`timed out after ${TIMEOUT} ms; stopping everything`);
  const hard = setTimeout(() => {
    killAll();
    process.exit(2);
  }, 12_000);
  void cleanup().finally(() => {
    clearTimeout(hard);
    process.exit(2);
  });
}, TIMEOUT);
watchdog.unref();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    say(`${sig}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** Splits n as evenly as possible over the client processes. */
const shares = (n: number) => clients.map((_, i) => Math.floor(n / PROCS) + (i < n % PROCS ? 1 : 0));

async function all<T>(cmd: { cmd: string; [k: string]: unknown }, timeoutMs?: number): Promise<T[]> {
  return Promise.all(clients.map((c) => c.request<T>(cmd, timeoutMs)));
}

type Status = { conns: number; open: number; withAny: number; minGot: number; deliveries: number };

async function waitFor(what: string, cond: (s: Status[]) => boolean, timeoutMs: number, poke?: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await all<Status>({ cmd: 'status' });
    if (cond(s)) return;
    if (s.some((x) => x.open < x.conns)) throw new Error(`subscribers dropped while waiting for ${what}: ${JSON.stringify(s)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s)}`);
    if (poke) await poke();
    await sleep(100);
  }
}

const everyoneGot = (k: number) => (s: Status[]) => s.every((x) => x.minGot >= k);

/** Fires `count` events `GAP` ms apart (on a fixed schedule), returning what each fire returned. */
async function paced<T>(count: number, fire: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  const start = Date.now();
  for (let i = 0; i < count; i++) {
    const wait = start + i * GAP - Date.now();
    if (wait > 0) await sleep(wait);
    out.push(await fire(i));
  }
  return out;
}

async function measure(label: string, expectedSeqs: number[], cpuPid: number | undefined, cpuBefore: number): Promise<PhaseResult> {
  await waitFor(`${label}: all ${M} events at all ${N} subscribers`, everyoneGot(M), 30_000);
  const cpu = cpuMs(cpuPid) - cpuBefore;
  const reports = await all<{ bySeq: Record<string, number[]>; other: string[]; sample?: string; drift: number }>({ cmd: 'report' });
  const drift = Math.max(...reports.map((r) => Math.abs(r.drift)));
  say(`${label}: client clock drift over the measurement ≤ ${drift.toFixed(3)} ms`);
  if (drift > 1) say(`warning: the monotonic clock drifted ${drift.toFixed(3)} ms from the wall clock; latencies are that uncertain`);
  const other = reports.flatMap((r) => r.other);
  if (other.length) say(`${label}: unexpected messages, e.g. ${other[0]}`);
  const r = summarise(label, N, reports, expectedSeqs, cpu);
  (r as PhaseResult & { sample?: string }).sample = reports.find((x) => x.sample)?.sample;
  return r;
}

async function xinbaoPhase(): Promise<PhaseResult & { sample?: string }> {
  const dbUrl = `file:${path.join(tmpDir, 'bench.db')}`;
  say(`starting the Xinbao server (SQLite ${dbUrl})`);
  server = await spawnServer({ DATABASE_URL: dbUrl, LOG_LEVEL: 'error' });
  // The server has migrated the file; write the fixture (units, people, sessions) from
  // here through a second connection (WAL), then let go of the file.
  await openDb(parseDatabaseUrl(dbUrl));
  const fx = await createFixture();
  await closeDb();
  const submit = async (n: number | string) => {
    const res = await gql<{ submitItem: { id: string } }>(server!.url, SUBMIT, { input: itemInput(fx.units.dept, n) }, fx.tokens.infDept);
    if (res.errors) throw new Error(`submitItem failed: ${JSON.stringify(res.errors)}`);
  };
  const seqNow = async () => (await gql<{ eventSeq: number }>(server!.url, '{ eventSeq }')).data!.eventSeq;

  say(`opening ${N} graphql-ws subscribers from ${PROCS} client process(es)`);
  const opened = await Promise.all(
    clients.map((c, i) => c.request<{ ms: number }>({ cmd: 'connect', url: server!.wsUrl, mode: 'gql', count: shares(N)[i], query: EVENTS_SUB }, 120_000)),
  );
  say(`connected in ${Math.max(...opened.map((o) => o.ms))} ms; warming up until every subscription delivers`);
  // graphql-ws does not acknowledge a subscribe: an event that reaches every client proves
  // every subscription is live. A subscription started after an event does not see it, so poke again.
  let w = 0;
  await waitFor('the first event at every subscriber', everyoneGot(1), 60_000, async () => {
    if (w++ % 5 === 0) await submit(`warm-up ${w}`);
  });
  await paced(WARMUP, (i) => submit(`warm-up JIT ${i}`));
  await sleep(1000);
  await all({ cmd: 'reset' });

  const pid = serverNodePid(server.child.pid);
  const head = await seqNow();
  const cpuBefore = cpuMs(pid);
  say(`measuring: ${M} events, ${GAP} ms apart (server pid ${pid})`);
  await paced(M, (i) => submit(`bench ${i}`));
  const expected = Array.from({ length: M }, (_, i) => head + 1 + i);
  const result = await measure('graphql-ws (Xinbao)', expected, pid, cpuBefore);
  if ((await seqNow()) !== head + M) say('warning: the event log grew by more than one event per submitItem');

  await all({ cmd: 'disconnect' }, 30_000);
  const hard = setTimeout(killAll, 10_000);
  await server.stop();
  clearTimeout(hard);
  server = undefined;
  return result;
}

async function barePhase(template: string): Promise<PhaseResult> {
  say('starting the bare ws broadcast server');
  bare = forkChild('bare-server', new URL('./bare-server.ts', import.meta.url));
  const { port } = await bare.request<{ port: number }>({ cmd: 'listening' });
  const url = `ws://127.0.0.1:${port}/`;
  say(`opening ${N} bare ws connections`);
  await Promise.all(clients.map((c, i) => c.request({ cmd: 'connect', url, mode: 'bare', count: shares(N)[i] }, 120_000)));
  for (let i = 0; ; i++) {
    if ((await bare.request<{ clients: number }>({ cmd: 'count' })).clients >= N) break;
    if (i > 100) throw new Error('the bare server never saw every connection');
    await sleep(100);
  }
  let seq = 0;
  const fire = () => bare!.request({ cmd: 'fire', seq: ++seq, template });
  await fire();
  await waitFor('the first bare broadcast at every client', everyoneGot(1), 30_000);
  await paced(WARMUP, fire);
  await sleep(1000);
  await all({ cmd: 'reset' });

  const cpuBefore = cpuMs(bare.proc.pid);
  const first = seq + 1;
  say(`measuring: ${M} broadcasts, ${GAP} ms apart`);
  await paced(M, fire);
  const result = await measure('bare ws', Array.from({ length: M }, (_, i) => first + i), bare.proc.pid, cpuBefore);
  await all({ cmd: 'disconnect' }, 30_000);
  await bare.close();
  bare = undefined;
  return result;
}

async function main() {
  say(`N=${N} subscribers, M=${M} events ${GAP} ms apart, ${PROCS} client process(es), timeout ${TIMEOUT / 1000} s`);
  for (let i = 0; i < PROCS; i++) clients.push(forkChild(`clients-${i + 1}`, new URL('./clients.ts', import.meta.url)));

  const x = await xinbaoPhase();
  if (!x.sample) throw new Error('no sample message from the Xinbao phase');
  const b = await barePhase(x.sample);

  const out = [
    `## Event-to-subscriber latency: ${N.toLocaleString('en')} subscribers, one instance`,
    '',
    `${M} events ${GAP} ms apart per transport; ${PROCS} load-generator process(es); payload ${Buffer.byteLength(x.sample)} bytes ` +
      `(a graphql-ws \`next\` frame); latency = client receive time − event \`at\` ` +
      `(Xinbao's \`at\` is truncated to the millisecond, so its figures read up to 1 ms high).`,
    '',
    table(x, b),
    '',
    `Event→last percentiles are over the ${M} events (with fewer than 100 events, p99 is the worst one). ` +
      'Server CPU is user+system time of the server process over the measured events (for Xinbao it includes handling the mutations).',
    '',
    machineInfo(),
    '',
  ].join('\n');
  console.log(out);
}

let code = 0;
try {
  await main();
} catch (err) {
  console.error(err);
  if (server) console.error(`--- server output ---\n${server.output()}`);
  code = 1;
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
process.exit(code);
