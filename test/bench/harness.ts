import { randomUUID } from 'node:crypto';
// What every bench mode shares: the processes a run starts (and one cleanup that
// ends them all), the load-generator processes, Xinbao instances with their
// /metrics, inspector and seeded viewers, and the block-by-block latency
// measurement of one "target" (a transport under test).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDb, openDb } from '../../server/src/db.js';
import { parseDatabaseUrl } from '../../server/src/config.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { freePort, spawnServer, type ServerProcess } from '../helpers/process.js';
import { forkChild, type Child } from './ipc.js';
import { collectGarbage, startProfile } from './inspector.js';
import { cpuMs, cpuParts, summarise, type PhaseResult } from './stats.js';
import { createScreens } from './viewers.js';

export function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
/** Progress on stderr (results go to stdout). */
export const say = (msg: string) => console.error(`[bench ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${msg}`);

/**
 * Node processes that are direct children of this one (servers, load generators,
 * the bare server: every one of them started by this run). Other children, such
 * as the esbuild service tsx keeps, are left alone.
 */
function ownChildren(): number[] {
  const out: number[] = [];
  try {
    for (const tid of fs.readdirSync(`/proc/${process.pid}/task`)) {
      const kids = fs.readFileSync(`/proc/${process.pid}/task/${tid}/children`, 'utf8').trim();
      if (!kids) continue;
      for (const pid of kids.split(/\s+/).map(Number)) {
        try {
          if (fs.readlinkSync(`/proc/${pid}/exe`) === fs.realpathSync(process.execPath)) out.push(pid);
        } catch {
          /* exited meanwhile */
        }
      }
    }
  } catch {
    /* not Linux: the registered processes are all we know */
  }
  return out;
}

/** Everything one run starts, so that one cleanup (or the watchdog) ends it all. */
export class Run {
  readonly servers = new Set<ServerProcess>();
  readonly children = new Set<Child>();
  #tmp: string[] = [];
  #finally: (() => Promise<void>)[] = [];
  /** CPU (ms) of this run's processes that have already been stopped. */
  #retiredCpu = 0;

  /** CPU time (ms) used so far by this run: the runner and every process it started. */
  cpuSoFar(): number {
    const u = process.cpuUsage();
    let ms = (u.user + u.system) / 1000 + this.#retiredCpu;
    for (const s of this.servers) ms += cpuMs(s.child.pid) || 0;
    for (const c of this.children) ms += cpuMs(c.proc.pid) || 0;
    return ms;
  }

  tmpDir(): string {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-bench-'));
    this.#tmp.push(d);
    return d;
  }

  /** Runs at cleanup, last registered first (e.g. dropping a scratch database). */
  onCleanup(fn: () => Promise<void>): void {
    this.#finally.unshift(fn);
  }

  fork(name: string, file: URL, execArgv: string[] = []): Child {
    const c = forkChild(name, file, {}, execArgv);
    this.children.add(c);
    return c;
  }

  async spawn(env: Record<string, string>): Promise<ServerProcess> {
    const s = await spawnServer(env);
    this.servers.add(s);
    return s;
  }

  /** Graceful stop of one server (SIGTERM), SIGKILL after 10 s. */
  async stop(s: ServerProcess): Promise<void> {
    const hard = setTimeout(() => void s.kill('SIGKILL'), 10_000);
    this.#retiredCpu += cpuMs(s.child.pid) || 0;
    await s.stop();
    clearTimeout(hard);
    this.servers.delete(s);
  }

  /** SIGKILL to every process this run started (by pid; each is a direct child). */
  killAll(): void {
    for (const c of this.children) c.proc.kill('SIGKILL');
    for (const s of this.servers) s.child.kill('SIGKILL');
    // Also any child a failed start left behind (spawnServer throws without handing it over).
    for (const pid of ownChildren()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }

  #cleaning: Promise<void> | undefined;
  /** True once cleanup has begun (the watchdog fired or the run ended): errors after it are expected. */
  get stopping(): boolean {
    return this.#cleaning !== undefined;
  }

  /** Graceful: children asked to exit, servers SIGTERMed; SIGKILL whatever is left after 15 s. Idempotent. */
  cleanup(): Promise<void> {
    return (this.#cleaning ??= this.#cleanup());
  }

  async #cleanup(): Promise<void> {
    const hard = setTimeout(() => this.killAll(), 15_000);
    await Promise.allSettled([...[...this.children].map((c) => c.close()), ...[...this.servers].map((s) => this.stop(s))]);
    clearTimeout(hard);
    this.children.clear();
    await closeDb().catch(() => {});
    for (const fn of this.#finally.splice(0)) await fn().catch((err) => say(`cleanup step failed: ${(err as Error).message}`));
    for (const d of this.#tmp.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    const left = ownChildren();
    if (left.length) {
      say(`killing ${left.length} leftover child process(es): ${left.join(', ')}`);
      this.killAll();
    }
  }
}

// ---------------------------------------------------------------------------
// Load generators

export type Status = { conns: number; open: number; withAny: number; minGot: number; deliveries: number };
export type Report = { bySeq: Record<string, number[]>; other: string[]; sample?: string; drift: number };

/** The load-generator processes; every group of connections is spread evenly over them. */
export class Clients {
  constructor(readonly procs: Child[]) {}

  static start(run: Run, n: number): Clients {
    return new Clients(Array.from({ length: n }, (_, i) => run.fork(`clients-${i + 1}`, new URL('./clients.ts', import.meta.url))));
  }

  /** n split as evenly as possible over the processes. */
  shares(n: number): number[] {
    const p = this.procs.length;
    return this.procs.map((_, i) => Math.floor(n / p) + (i < n % p ? 1 : 0));
  }

  all<T>(cmd: { cmd: string; [k: string]: unknown }, timeoutMs?: number): Promise<T[]> {
    return Promise.all(this.procs.map((c) => c.request<T>(cmd, timeoutMs)));
  }

  /** Opens `count` connections under `tag`; graphql-ws ones get one token each. Returns the slowest process's time (ms). */
  async connect(tag: string, url: string, mode: 'gql' | 'bare', count: number, opts: { query?: string; tokens?: string[]; recordEvery?: number } = {}): Promise<number> {
    const s = this.shares(count);
    let from = 0;
    const opened = await Promise.all(
      this.procs.map((c, i) => {
        const tokens = opts.tokens?.slice(from, from + s[i]!);
        from += s[i]!;
        return c.request<{ ms: number; retried: number }>({ cmd: 'connect', tag, url, mode, count: s[i], query: opts.query ?? '', tokens, recordEvery: opts.recordEvery ?? 1 }, 300_000);
      }),
    );
    const retried = opened.reduce((n, o) => n + (o.retried ?? 0), 0);
    if (retried) say(`${tag}: ${retried} connections timed out in connection_init (server busy) and were retried`);
    return Math.max(...opened.map((o) => o.ms));
  }

  status(tag: string): Promise<Status[]> {
    return this.all<Status>({ cmd: 'status', tag });
  }

  report(tag: string, clear = false): Promise<Report[]> {
    return this.all<Report>({ cmd: 'report', tag, clear }, 120_000);
  }

  /** Polls until `cond` holds for every tag; fails if a connection drops or time runs out. */
  async waitFor(tags: string[], what: string, cond: (s: Status[]) => boolean, timeoutMs: number, poke?: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await Promise.all(tags.map((t) => this.status(t)));
      if (s.every(cond)) return;
      const flat = s.flat();
      if (flat.some((x) => x.open < x.conns)) throw new Error(`subscribers dropped while waiting for ${what}: ${JSON.stringify(flat)}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(flat)}`);
      if (poke) await poke();
      await sleep(50);
    }
  }

  disconnect(tag: string): Promise<unknown> {
    return this.all({ cmd: 'disconnect', tag }, 60_000);
  }
}

export const everyoneGot = (k: number) => (s: Status[]) => s.every((x) => x.minGot >= k);

/** Load-generator processes for `sockets` open at once: about 6,000 each (≤ 16k), at least 2. */
export function clientProcsFor(sockets: number): number {
  return intEnv('BENCH_CLIENT_PROCS', Math.max(2, Math.ceil(sockets / 6000)));
}

// ---------------------------------------------------------------------------
// Xinbao instances

/** Parses Prometheus text into `name{labels}` → value. */
export function parseMetrics(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    m.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return m;
}

export interface Loop {
  p99: number;
  max: number;
}

export interface Memory {
  rss: number;
  heap: number;
}

export interface Instance {
  name: string;
  server: ServerProcess;
  /** http://127.0.0.1:port */
  base: string;
  url: string;
  wsUrl: string;
  pid: number;
  /** The server's inspector (Chrome DevTools Protocol) port. */
  inspectPort: number;
  metrics(): Promise<Map<string, number>>;
  /** Full GC through the inspector, then RSS and heap from /metrics. */
  memory(): Promise<Memory & { gcMs: number }>;
  /** Open file descriptors of the server process (sockets, database files, pipes…). */
  fds(): number;
  profile(): Promise<{ stop(): Promise<unknown> }>;
}

/** Starts `server/src/main.ts` with an inspector port (for GC and profiles); waits until healthy. */
export async function startInstance(run: Run, name: string, env: Record<string, string>): Promise<Instance> {
  const inspectPort = await freePort();
  const server = await run.spawn({
    LOG_LEVEL: 'error',
    ...env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:${inspectPort}`.trim(),
  });
  const base = `http://127.0.0.1:${server.port}`;
  const pid = server.child.pid!;
  const metrics = async () => {
    const res = await fetch(`${base}/metrics`);
    if (!res.ok) throw new Error(`${name}: /metrics answered ${res.status}`);
    return parseMetrics(await res.text());
  };
  return {
    name,
    server,
    base,
    url: server.url,
    wsUrl: server.wsUrl,
    pid,
    inspectPort,
    metrics,
    memory: async () => {
      // Twice, a second apart: V8 gives pages back to the OS lazily after a GC.
      await collectGarbage(inspectPort);
      await sleep(1000);
      const gcMs = await collectGarbage(inspectPort);
      const m = await metrics();
      return { rss: m.get('process_resident_memory_bytes')!, heap: m.get('nodejs_heap_used_bytes')!, gcMs };
    },
    fds: () => {
      try {
        return fs.readdirSync(`/proc/${pid}/fd`).length;
      } catch {
        return NaN;
      }
    },
    profile: () => startProfile(inspectPort),
  };
}

export function loopFrom(m: Map<string, number>): Loop {
  return { p99: m.get('xinbao_event_loop_delay_ms{quantile="0.99"}') ?? NaN, max: m.get('xinbao_event_loop_delay_ms{quantile="1"}') ?? NaN };
}

export interface Seeded {
  fx: Fixture;
  /** One bearer token per subscriber (each its own wall-display person and session). */
  screens: string[];
}

/** Writes the fixture and `n` screens through this process's own connection, then lets go of the database. */
export async function seed(databaseUrl: string, n: number): Promise<Seeded> {
  await openDb(parseDatabaseUrl(databaseUrl));
  try {
    const fx = await createFixture();
    const screens = await createScreens(n);
    return { fx, screens };
  } finally {
    await closeDb();
  }
}

/** The two GraphQL calls the bench makes: submit an item (one event) and read the head seq. */
export function api(inst: { url: string }, fx: Fixture) {
  return {
    submit: async (n: number | string) => {
      // With an idempotency key a submit whose connection broke can be sent again
      // safely (a kept-alive HTTP connection that the server closed while idle).
      const input = itemInput(fx.units.dept, n, { idempotencyKey: `bench-${n}-${randomUUID()}` });
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await gql<{ submitItem: { id: string } }>(inst.url, SUBMIT, { input }, fx.tokens.infDept);
          if (res.errors) throw new Error(`submitItem failed: ${JSON.stringify(res.errors)}`);
          return;
        } catch (err) {
          if (attempt >= 3 || !/fetch failed/.test(String(err))) throw err;
        }
      }
    },
    seq: async () => {
      const res = await gql<{ eventSeq: number }>(inst.url, '{ eventSeq }', undefined, fx.tokens.office);
      if (!res.data) throw new Error(`eventSeq failed: ${JSON.stringify(res.errors)}`);
      return res.data.eventSeq;
    },
  };
}

/**
 * Opens `n` graphql-ws subscribers under `tag` and waits until every one has
 * received an event: graphql-ws does not acknowledge a subscribe, and a
 * subscription started after an event does not see it, so poke until all have one.
 * Returns a sample `next` frame.
 */
export async function subscribeAll(clients: Clients, tag: string, wsUrl: string, tokens: string[], query: string, poke: (i: number) => Promise<unknown>, recordEvery = 1): Promise<{ ms: number; sample: string }> {
  const ms = await clients.connect(tag, wsUrl, 'gql', tokens.length, { query, tokens, recordEvery });
  let w = 0;
  await clients.waitFor([tag], `the first event at all ${tokens.length} subscribers (${tag})`, everyoneGot(1), 120_000, async () => {
    if (w++ % 10 === 0) await poke(w);
  });
  const warm = await clients.report(tag);
  const bad = warm.flatMap((r) => r.other);
  if (bad.length) throw new Error(`the subscription does not deliver events: ${bad[0]}`);
  const sample = warm.find((r) => r.sample)?.sample;
  if (!sample) throw new Error(`no sample message from ${tag}`);
  return { ms, sample };
}

// ---------------------------------------------------------------------------
// Latency in blocks

/** One transport under test. */
export interface Target {
  label: string;
  /** Client groups holding its subscribers. */
  tags: string[];
  subscribers: number;
  fire(i: number): Promise<unknown>;
  /** Seq of the latest event fired. */
  head(): Promise<number>;
  /** Processes whose CPU the target is charged with. */
  pids: number[];
  /** Reads (and resets) the event-loop delay since the previous call, worst over the target's servers. */
  loop(): Promise<Loop>;
  seqs: number[];
  /** CPU (ms) of its processes during its blocks, in total and per process. */
  cpu: number;
  /** The system (kernel) part of `cpu`. */
  sys: number;
  cpuBy: Map<number, number>;
  fired: number;
  loops: Loop[];
}

export function target(t: Omit<Target, 'seqs' | 'cpu' | 'sys' | 'cpuBy' | 'fired' | 'loops'>): Target {
  return { ...t, seqs: [], cpu: 0, sys: 0, cpuBy: new Map(), fired: 0, loops: [] };
}

export function forget(t: Target): void {
  Object.assign(t, { seqs: [], cpu: 0, sys: 0, cpuBy: new Map(), fired: 0, loops: [] });
}

/** Fires `count` events `gap` ms apart (on a fixed schedule). */
export async function paced(count: number, gap: number, fire: (i: number) => Promise<unknown>): Promise<void> {
  const start = Date.now();
  for (let i = 0; i < count; i++) {
    const wait = start + i * gap - Date.now();
    if (wait > 0) await sleep(wait);
    await fire(i);
  }
}

/**
 * Fires `count` events on one target and waits until every subscriber has them
 * all. The event-loop delay is read right before (which resets it) and right after.
 */
export async function block(clients: Clients, t: Target, count: number, gap: number, deliverMs = 60_000): Promise<void> {
  const head = await t.head();
  await t.loop();
  const before = t.pids.map(cpuParts);
  await paced(count, gap, t.fire);
  const after = await t.head();
  if (after !== head + count) throw new Error(`${t.label}: ${count} fires moved the seq from ${head} to ${after}`);
  for (let s = head + 1; s <= after; s++) t.seqs.push(s);
  t.fired += count;
  await clients.waitFor(t.tags, `${t.label}: ${t.fired} events at all ${t.subscribers} subscribers`, everyoneGot(t.fired), deliverMs);
  t.pids.forEach((pid, i) => {
    const now = cpuParts(pid);
    const used = now.user + now.sys - before[i]!.user - before[i]!.sys;
    t.cpu += used;
    t.sys += now.sys - before[i]!.sys;
    t.cpuBy.set(pid, (t.cpuBy.get(pid) ?? 0) + used);
  });
  t.loops.push(await t.loop());
}

/** Merges the clients' reports for a target's groups into one result. */
export async function collect(clients: Clients, t: Target, label = t.label, tags = t.tags, subscribers = t.subscribers, cpu = t.cpu): Promise<PhaseResult> {
  const reports = (await Promise.all(tags.map((tag) => clients.report(tag)))).flat();
  const drift = Math.max(...reports.map((r) => Math.abs(r.drift)));
  if (drift > 1) say(`warning: ${label}: the monotonic clock drifted ${drift.toFixed(3)} ms from the wall clock; latencies are that uncertain`);
  const other = reports.flatMap((r) => r.other);
  if (other.length) say(`${label}: unexpected messages, e.g. ${other[0]}`);
  return summarise(label, subscribers, reports, t.seqs, cpu, cpu === t.cpu ? t.sys : NaN);
}

/** Warm-up, then `m` events per target in blocks, the order rotating every round so each target takes each position. */
export async function measure(clients: Clients, targets: Target[], o: { warmup: number; events: number; block: number; gap: number; afterWarmup?: () => Promise<void> }): Promise<void> {
  say(`warming up: ${o.warmup} events each`);
  for (const t of targets) await block(clients, t, Math.max(1, o.warmup), o.gap);
  await sleep(500);
  await clients.all({ cmd: 'reset' });
  targets.forEach(forget);
  await o.afterWarmup?.();
  say(`measuring: ${o.events} events per target in rotating blocks of ${o.block}, ${o.gap} ms apart`);
  for (let done = 0, round = 0; done < o.events; done += o.block, round++) {
    const n = Math.min(o.block, o.events - done);
    const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
    for (const t of order) await block(clients, t, n, o.gap);
    say(`  ${done + n}/${o.events} events per target`);
  }
}

export const worstLoop = (loops: Loop[]): Loop => ({
  p99: Math.max(...loops.map((l) => l.p99)),
  max: Math.max(...loops.map((l) => l.max)),
});
