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
  /** The system (kernel) part of it. */
  serverSysMs: number;
}

/** Merges the clients' reports ({seq: latencies[]}) into one phase result. */
export function summarise(
  label: string,
  subscribers: number,
  reports: { bySeq: Record<string, number[]> }[],
  expectedSeqs: number[],
  serverCpuMs: number,
  serverSysMs = NaN,
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
    serverSysMs,
  };
}

export const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : 'n/a');
export const ratio = (a: number, b: number) => (Number.isFinite(a / b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
export const kib = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : 'n/a');
export const mib = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : 'n/a');
export const cpuPerDelivery = (r: PhaseResult) => (r.serverCpuMs * 1000) / (r.events * r.subscribers);
export const p = (r: PhaseResult, which: 'deliveries' | 'toLast', q: number) => percentile(r[which], q);

/** A markdown table; the second row of `rows` may be an alignment row. */
export function mdTable(header: string[], rows: string[][], align = header.map((_, i) => (i === 0 ? '---' : '--:'))): string {
  return [header, align, ...rows].map((l) => `| ${l.join(' | ')} |`).join('\n');
}

/** Latency rows for each result, plus each one's ratio to the floor (the last result). */
export function latencyTable(results: PhaseResult[], floor: PhaseResult): string {
  const rows = results.map((r) => [
    r.label,
    `${r.deliveries.length.toLocaleString('en')}${r.incomplete ? ` (${r.incomplete} events incomplete)` : ''}`,
    ms(p(r, 'deliveries', 50)),
    ms(p(r, 'deliveries', 99)),
    ms(p(r, 'toLast', 50)),
    ms(p(r, 'toLast', 99)),
    r === floor ? '1×' : `**${ratio(p(r, 'deliveries', 99), p(floor, 'deliveries', 99))}**`,
    r === floor ? '1×' : `**${ratio(p(r, 'toLast', 99), p(floor, 'toLast', 99))}**`,
    Number.isFinite(r.serverCpuMs)
      ? `${cpuPerDelivery(r).toFixed(1)} µs${Number.isFinite(r.serverSysMs) ? ` (kernel ${((r.serverSysMs * 1000) / (r.events * r.subscribers)).toFixed(1)})` : ''}`
      : 'n/a',
  ]);
  return mdTable(['target', 'deliveries', 'p50', 'p99', 'event→last p50', 'event→last p99', 'p99 / bare', 'event→last p99 / bare', 'server CPU / delivery'], rows);
}

function sh(cmd: string): string {
  try {
    return execFileSync('sh', ['-c', cmd], { encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

const CLK_TCK = Number(sh('getconf CLK_TCK')) || 100;

const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' / ');
const loadAtStart = loadavg();

/** Machine-wide CPU time (ms) spent busy and stolen by the hypervisor, from /proc/stat. */
function machineCpu(): { busy: number; steal: number; at: number } {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
    return { busy: ((user + nice + system + irq + softirq) * 1000) / CLK_TCK, steal: (steal * 1000) / CLK_TCK, at: Date.now() };
  } catch {
    return { busy: NaN, steal: NaN, at: Date.now() };
  }
}
const cpuAtStart = machineCpu();

/** `ownCpuMs`: CPU this run's own processes used since it started (Run.cpuSoFar()). */
export function machineInfo(ownCpuMs = NaN): string {
  const cpus = os.cpus();
  const end = machineCpu();
  const wall = end.at - cpuAtStart.at;
  const cores = (x: number) => (x / wall).toFixed(2);
  const busy = end.busy - cpuAtStart.busy;
  return [
    `- CPU: ${cpus[0]?.model ?? '?'} (nproc ${sh('nproc')}, ${cpus.length} logical CPUs visible to Node)`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; kernel ${os.release()}; ${os.platform()}/${os.arch()}`,
    `- Node ${process.version}; open-file limit (ulimit -n) ${sh('ulimit -n')}; somaxconn ${sh('cat /proc/sys/net/core/somaxconn')}`,
    `- load average ${loadAtStart} at start, ${loadavg()} at the end`,
    `- CPU in use during the run, on average: ${cores(busy)} of ${cpus.length} cores busy, of which this bench's processes ${cores(ownCpuMs)} ` +
      `and other work on the machine **${cores(busy - ownCpuMs)}**; hypervisor steal ${cores(end.steal - cpuAtStart.steal)}`,
  ].join('\n');
}

/** CPU time a process has used so far, user and system, in ms; NaN if unreadable. */
export function cpuParts(pid: number | undefined): { user: number; sys: number } {
  if (!pid) return { user: NaN, sys: NaN };
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // after "pid (comm) ": state is field 3, utime 14, stime 15 → indices 11 and 12 here
    return { user: (Number(f[11]) * 1000) / CLK_TCK, sys: (Number(f[12]) * 1000) / CLK_TCK };
  } catch {
    return { user: NaN, sys: NaN };
  }
}

/** CPU time (user + system) a process has used so far, in ms; NaN if unreadable. */
export function cpuMs(pid: number | undefined): number {
  const c = cpuParts(pid);
  return c.user + c.sys;
}
