// Request/reply over a forked child's IPC channel, shared by the bench's processes.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type Cmd = { cmd: string; [k: string]: unknown };
export type Reply = { id: number; error?: string; [k: string]: unknown };

/** A child process (a `.ts` file run through tsx's loader, so no extra tsx wrapper process). */
export interface Child {
  name: string;
  proc: ChildProcess;
  request<T = Record<string, unknown>>(cmd: Cmd, timeoutMs?: number): Promise<T>;
  /** Ask it to exit; SIGKILL if it has not after `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

const tsxLoader = import.meta.resolve('tsx');

export function forkChild(name: string, file: URL, env: Record<string, string> = {}, execArgv: string[] = []): Child {
  const proc = fork(fileURLToPath(file), [], {
    execArgv: ['--import', tsxLoader, ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const pending = new Map<number, { resolve: (r: any) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  // Sending to a child that has just died emits 'error' (EPIPE); the pending requests fail on 'exit'.
  proc.on('error', () => {});
  proc.on('message', (m: Reply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.error) p.reject(new Error(`${name}: ${m.error}`));
    else p.resolve(m);
  });
  proc.once('exit', (code, signal) => {
    for (const [, p] of pending) {
      clearTimeout(p.timer);
      p.reject(new Error(`${name} exited (code ${code}, signal ${signal})`));
    }
    pending.clear();
  });
  return {
    name,
    proc,
    request: (cmd, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const id = next++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${name}: no reply to ${cmd.cmd} within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        if (!proc.connected) {
          pending.delete(id);
          clearTimeout(timer);
          return reject(new Error(`${name}: not running (asked to ${cmd.cmd})`));
        }
        proc.send({ ...cmd, id });
      }),
    close: async (graceMs = 3000) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      if (proc.connected) proc.send({ cmd: 'exit', id: 0 });
      const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Child side: answers each command with the handler's result; exits with the parent. */
export function serve(handlers: Record<string, (cmd: Cmd) => unknown>): void {
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (m: Cmd & { id: number }) => {
    if (m.cmd === 'exit') process.exit(0);
    const h = handlers[m.cmd];
    try {
      if (!h) throw new Error(`unknown command ${m.cmd}`);
      const r = (await h(m)) ?? {};
      process.send!({ ...(r as object), id: m.id });
    } catch (err) {
      process.send!({ id: m.id, error: (err as Error).stack ?? String(err) });
    }
  });
}

/** Spins until Date.now() ticks over (at most ~1 ms); returns the new millisecond. */
export function nextMillisecond(): number {
  const d0 = Date.now();
  let d = d0;
  while (d === d0) d = Date.now();
  return d;
}

/**
 * Wall clock in ms with sub-millisecond resolution: performance.now() (monotonic)
 * offset to Date.now() on a millisecond edge. The two clocks can drift apart by
 * NTP slewing, so `calibrate()` again before each measurement; it returns the
 * correction it applied (ms).
 */
export function preciseClock(): { now: () => number; calibrate: () => number } {
  let base = 0;
  const calibrate = () => {
    const d = nextMillisecond();
    const old = base;
    base = d - performance.now();
    return base - old;
  };
  calibrate();
  return { now: () => base + performance.now(), calibrate };
}
