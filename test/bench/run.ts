// `pnpm bench`: event-to-subscriber latency for N graphql-ws subscribers on one
// Xinbao instance, against the same broadcast done by a bare `ws` server (the
// floor), in one run on this machine. Prints one markdown table.
//
// Processes: this runner (fires the events, collects results), the Xinbao server
// (spawned like a deployment), the bare ws server, and BENCH_CLIENT_PROCS
// load-generator processes holding both sets of subscribers. The two transports
// take turns in blocks of events, so other load on the machine hits both alike.
// All on 127.0.0.1; a watchdog ends everything after BENCH_TIMEOUT_MS.
//
// Latency of one delivery = receive time in the client process − the event's `at`
// (wall clock, same machine). For Xinbao `at` is stamped inside the write
// transaction, so the figure includes the commit, the wake-up, the log read and
// the per-subscriber execution; for the bare server it is stamped just before the
// send loop. `at` has millisecond resolution: Xinbao's is truncated, so its figures
// read 0–1 ms high (0.5 ms on average); the bare server stamps on a millisecond edge.
// Receive times use performance.now() offset to the wall clock, recalibrated after
// the warm-up; the drift over the measurement is reported.
//
// Knobs (environment): BENCH_SUBSCRIBERS (1000), BENCH_EVENTS per transport (50),
// BENCH_GAP_MS between events (200), BENCH_BLOCK events per turn (10),
// BENCH_WARMUP_EVENTS (10), BENCH_CLIENT_PROCS (2), BENCH_TIMEOUT_MS (240000).
// Progress goes to stderr, the table to stdout. Figures and method: RESULTS.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDb, openDb } from '../../server/src/db.js';
import { parseDatabaseUrl } from '../../server/src/config.js';
import { createFixture } from '../helpers/fixtures.js';
import { EVENTS_SUB, gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { spawnServer, type ServerProcess } from '../helpers/process.js';
import { forkChild, type Child } from './ipc.js';
import { createScreens } from './viewers.js';
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
const BLOCK = intEnv('BENCH_BLOCK', 10);
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
/** The slice of `list` that client process i gets under shares(). */
const slice = <T>(list: T[], i: number) => {
  const s = shares(list.length);
  const from = s.slice(0, i).reduce((a, b) => a + b, 0);
  return list.slice(from, from + s[i]!);
};

async function all<T>(cmd: { cmd: string; [k: string]: unknown }, timeoutMs?: number): Promise<T[]> {
  return Promise.all(clients.map((c) => c.request<T>(cmd, timeoutMs)));
}

type Status = { conns: number; open: number; withAny: number; minGot: number; deliveries: number };

async function waitFor(tag: string, what: string, cond: (s: Status[]) => boolean, timeoutMs: number, poke?: () => Promise<void>) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await all<Status>({ cmd: 'status', tag });
    if (cond(s)) return;
    if (s.some((x) => x.open < x.conns)) throw new Error(`subscribers dropped while waiting for ${what}: ${JSON.stringify(s)}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s)}`);
    if (poke) await poke();
    await sleep(50);
  }
}

const everyoneGot = (k: number) => (s: Status[]) => s.every((x) => x.minGot >= k);

/** Fires `count` events `GAP` ms apart (on a fixed schedule). */
async function paced(count: number, fire: (i: number) => Promise<unknown>): Promise<void> {
  const start = Date.now();
  for (let i = 0; i < count; i++) {
    const wait = start + i * GAP - Date.now();
    if (wait > 0) await sleep(wait);
    await fire(i);
  }
}

type Report = { bySeq: Record<string, number[]>; other: string[]; sample?: string; drift: number };

async function collect(tag: string, label: string, expectedSeqs: number[], cpu: number): Promise<PhaseResult> {
  const reports = await all<Report>({ cmd: 'report', tag }, 120_000);
  const drift = Math.max(...reports.map((r) => Math.abs(r.drift)));
  say(`${label}: client clock drift over the run ≤ ${drift.toFixed(3)} ms`);
  if (drift > 1) say(`warning: the monotonic clock drifted ${drift.toFixed(3)} ms from the wall clock; latencies are that uncertain`);
  const other = reports.flatMap((r) => r.other);
  if (other.length) say(`${label}: unexpected messages, e.g. ${other[0]}`);
  return summarise(label, N, reports, expectedSeqs, cpu);
}

/** One transport under test: how to fire an event and which process to charge CPU to. */
interface Target {
  tag: string;
  label: string;
  fire(i: number): Promise<unknown>;
  /** Seq of the latest event fired. */
  head(): Promise<number>;
  pid: number | undefined;
  seqs: number[];
  cpu: number;
  fired: number;
}

/** Fires `count` events on one target and waits until every subscriber has them all. */
async function block(t: Target, count: number): Promise<void> {
  const head = await t.head();
  const before = cpuMs(t.pid);
  await paced(count, t.fire);
  const after = await t.head();
  if (after !== head + count) throw new Error(`${t.label}: ${count} fires moved the seq from ${head} to ${after}`);
  for (let s = head + 1; s <= after; s++) t.seqs.push(s);
  t.fired += count;
  await waitFor(t.tag, `${t.label}: ${t.fired} events at all ${N} subscribers`, everyoneGot(t.fired), 30_000);
  t.cpu += cpuMs(t.pid) - before;
}

async function main() {
  say(`N=${N} subscribers, M=${M} events ${GAP} ms apart, blocks of ${BLOCK}, ${PROCS} client process(es), timeout ${TIMEOUT / 1000} s`);
  for (let i = 0; i < PROCS; i++) clients.push(forkChild(`clients-${i + 1}`, new URL('./clients.ts', import.meta.url)));

  // --- Xinbao: a separate server process on a fresh SQLite file -------------------
  const dbUrl = `file:${path.join(tmpDir, 'bench.db')}`;
  say(`starting the Xinbao server (SQLite ${dbUrl})`);
  server = await spawnServer({ DATABASE_URL: dbUrl, LOG_LEVEL: 'error' });
  // The server has migrated the file; write the fixture (units, people, sessions) from
  // here through a second connection (WAL), then let go of the file.
  await openDb(parseDatabaseUrl(dbUrl));
  const fx = await createFixture();
  const screens = await createScreens(N);
  await closeDb();
  const url = server.url;
  const submit = async (n: number | string) => {
    const res = await gql<{ submitItem: { id: string } }>(url, SUBMIT, { input: itemInput(fx.units.dept, n) }, fx.tokens.infDept);
    if (res.errors) throw new Error(`submitItem failed: ${JSON.stringify(res.errors)}`);
  };
  // This runner is the only writer and each submitItem appends one event, so a block's
  // events are the seqs between the heads before and after it (checked in block()).
  const seqNow = async () => {
    const res = await gql<{ eventSeq: number }>(url, '{ eventSeq }', undefined, fx.tokens.office);
    if (!res.data) throw new Error(`eventSeq failed: ${JSON.stringify(res.errors)}`);
    return res.data.eventSeq;
  };

  // Every subscriber is a signed-in screen with its own session (see viewers.ts).
  say(`opening ${N} graphql-ws subscribers`);
  const opened = await Promise.all(
    clients.map((c, i) =>
      c.request<{ ms: number }>({ cmd: 'connect', tag: 'x', url: server!.wsUrl, mode: 'gql', count: shares(N)[i], query: EVENTS_SUB, tokens: slice(screens, i) }, 120_000),
    ),
  );
  say(`connected in ${Math.max(...opened.map((o) => o.ms))} ms; waiting until every subscription delivers`);
  // graphql-ws does not acknowledge a subscribe: an event that reaches every client proves
  // every subscription is live. A subscription started after an event does not see it, so poke again.
  let w = 0;
  await waitFor('x', 'the first event at every subscriber', everyoneGot(1), 60_000, async () => {
    if (w++ % 10 === 0) await submit(`warm-up ${w}`);
  });
  const warm = await all<Report>({ cmd: 'report', tag: 'x' });
  const bad = warm.flatMap((r) => r.other);
  if (bad.length) throw new Error(`the subscription does not deliver events: ${bad[0]}`);
  const sample = warm.find((r) => r.sample)?.sample;
  if (!sample) throw new Error('no sample message from Xinbao');

  // --- the floor: a bare ws server sending the same frame -------------------------
  say('starting the bare ws broadcast server');
  bare = forkChild('bare-server', new URL('./bare-server.ts', import.meta.url));
  const { port } = await bare.request<{ port: number }>({ cmd: 'listening' });
  say(`opening ${N} bare ws connections`);
  await Promise.all(clients.map((c, i) => c.request({ cmd: 'connect', tag: 'b', url: `ws://127.0.0.1:${port}/`, mode: 'bare', count: shares(N)[i] }, 120_000)));
  for (let i = 0; (await bare.request<{ clients: number }>({ cmd: 'count' })).clients < N; i++) {
    if (i > 200) throw new Error('the bare server never saw every connection');
    await sleep(50);
  }
  let bareSeq = 0;
  const broadcast = () => bare!.request({ cmd: 'fire', seq: ++bareSeq, template: sample });

  const x: Target = { tag: 'x', label: 'graphql-ws (Xinbao)', fire: (i) => submit(`bench ${i}`), head: seqNow, pid: serverNodePid(server.child.pid), seqs: [], cpu: 0, fired: 0 };
  const b: Target = { tag: 'b', label: 'bare ws', fire: broadcast, head: async () => bareSeq, pid: bare.proc.pid, seqs: [], cpu: 0, fired: 0 };

  // Warm both up (JIT, buffers), then forget the warm-up.
  say(`warming up: ${WARMUP} events each`);
  for (const t of [x, b]) await block(t, Math.max(1, WARMUP));
  await sleep(500);
  await all({ cmd: 'reset' });
  for (const t of [x, b]) Object.assign(t, { seqs: [], cpu: 0, fired: 0 });

  // Alternate blocks, so whatever else the machine is doing falls on both transports
  // alike; a block starts only after the previous one has reached every subscriber.
  say(`measuring: ${M} events per transport in alternating blocks of ${BLOCK}, ${GAP} ms apart`);
  for (let done = 0; done < M; done += BLOCK) {
    const n = Math.min(BLOCK, M - done);
    for (const t of done / BLOCK % 2 === 0 ? [x, b] : [b, x]) await block(t, n);
  }

  const results = [await collect('x', x.label, x.seqs, x.cpu), await collect('b', b.label, b.seqs, b.cpu)] as const;
  await all({ cmd: 'disconnect', tag: 'x' }, 30_000);
  await all({ cmd: 'disconnect', tag: 'b' }, 30_000);

  const out = [
    `## Event-to-subscriber latency: ${N.toLocaleString('en')} subscribers, one instance`,
    '',
    `${M} events per transport, ${GAP} ms apart, the two transports alternating in blocks of ${BLOCK}; ` +
      `${PROCS} load-generator process(es) holding both sets of connections; payload ${Buffer.byteLength(sample)} bytes ` +
      `(a graphql-ws \`next\` frame); latency = client receive time − event \`at\` ` +
      `(Xinbao's \`at\` is truncated to the millisecond, so its figures read up to 1 ms high).`,
    '',
    table(results[0], results[1]),
    '',
    `Event→last percentiles are over the ${M} events (with fewer than 100 events, p99 is the worst one). ` +
      'Server CPU is user+system time of the server process during its blocks (for Xinbao it includes handling the mutations).',
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
