import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface PhaseResult {
  label: string;
  subscribers: number;
  events: number;
  /** Every delivery's latency, ascending (ms). */
  deliveries: Float64Array;
  /** Per event: latency to the last subscriber to receive it, ascending (ms). */
  toLast: Float64Array;
  /** Events some subscriber never received (excluded from toLast). */
  incomplete: number;
  /** Server process CPU (user+system) over the measured events, ms; NaN if unknown. */
  serverCpuMs: number;
}

/** Merges the clients' reports ({seq: latencies[]}) into one phase result. */
export function summarise(
  label: string,
  subscribers: number,
  reports: { bySeq: Record<string, number[]> }[],
  expectedSeqs: number[],
  serverCpuMs: number,
): PhaseResult {
  const all: number[] = [];
  const last: number[] = [];
  let incomplete = 0;
  for (const seq of expectedSeqs) {
    let n = 0;
    let max = -Infinity;
    for (const r of reports) {
      const l = r.bySeq[seq] ?? [];
      n += l.length;
      for (const x of l) {
        all.push(x);
        if (x > max) max = x;
      }
    }
    if (n >= subscribers) last.push(max);
    else incomplete++;
  }
  return {
    label,
    subscribers,
    events: expectedSeqs.length,
    deliveries: Float64Array.from(all).sort(),
    toLast: Float64Array.from(last).sort(),
    incomplete,
    serverCpuMs,
  };
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : 'n/a');
const ratio = (a: number, b: number) => (Number.isFinite(a / b) && b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a');
const cpuPerDelivery = (r: PhaseResult) => (r.serverCpuMs * 1000) / (r.events * r.subscribers);

export function table(x: PhaseResult, bare: PhaseResult): string {
  const row = (r: PhaseResult) => [
    r.label,
    `${r.deliveries.length.toLocaleString('en')}${r.incomplete ? ` (${r.incomplete} events incomplete)` : ''}`,
    ms(percentile(r.deliveries, 50)),
    ms(percentile(r.deliveries, 99)),
    ms(percentile(r.toLast, 50)),
    ms(percentile(r.toLast, 99)),
    Number.isFinite(r.serverCpuMs) ? `${cpuPerDelivery(r).toFixed(1)} µs` : 'n/a',
  ];
  const q = (r: PhaseResult, f: (r: PhaseResult) => Float64Array, p: number) => percentile(f(r), p);
  const lines = [
    ['transport', 'deliveries', 'p50', 'p99', 'event→last p50', 'event→last p99', 'server CPU / delivery'],
    ['---', '--:', '--:', '--:', '--:', '--:', '--:'],
    row(x),
    row(bare),
    [
      '**ratio Xinbao / bare**',
      '',
      ratio(q(x, (r) => r.deliveries, 50), q(bare, (r) => r.deliveries, 50)),
      `**${ratio(q(x, (r) => r.deliveries, 99), q(bare, (r) => r.deliveries, 99))}**`,
      ratio(q(x, (r) => r.toLast, 50), q(bare, (r) => r.toLast, 50)),
      ratio(q(x, (r) => r.toLast, 99), q(bare, (r) => r.toLast, 99)),
      ratio(cpuPerDelivery(x), cpuPerDelivery(bare)),
    ],
  ];
  return lines.map((l) => `| ${l.join(' | ')} |`).join('\n');
}

function sh(cmd: string): string {
  try {
    return execFileSync('sh', ['-c', cmd], { encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' / ');
const loadAtStart = loadavg();

export function machineInfo(): string {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model ?? '?'} (nproc ${sh('nproc')}, ${cpus.length} logical CPUs visible to Node)`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; kernel ${os.release()}; ${os.platform()}/${os.arch()}`,
    `- Node ${process.version}; open-file limit (ulimit -n) ${sh('ulimit -n')}; somaxconn ${sh('cat /proc/sys/net/core/somaxconn')}`,
    `- load average ${loadAtStart} at start, ${loadavg()} at the end (other work on the machine skews the figures)`,
  ].join('\n');
}

const CLK_TCK = Number(sh('getconf CLK_TCK')) || 100;

/** CPU time (user + system) a process has used so far, in ms; NaN if unreadable. */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after "pid (comm) ": state is field 3, utime 14, stime 15 → indices 11 and 12 here
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** The node process that actually runs the server: spawnServer starts tsx, which starts node. */
export function serverNodePid(tsxPid: number | undefined): number | undefined {
  if (!tsxPid) return undefined;
  try {
    const kids = fs.readFileSync(`/proc/${tsxPid}/task/${tsxPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return kids.length === 1 ? Number(kids[0]) : tsxPid;
  } catch {
    return tsxPid;
  }
}
