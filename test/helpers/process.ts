import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// `node --import tsx/esm main.ts`, not the tsx CLI: the CLI runs the server in a
// child process, so a SIGKILL aimed at it would leave the real server running.
const tsxLoader = pathToFileURL(createRequire(path.join(root, 'server', 'package.json')).resolve('tsx/esm')).href;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface ServerProcess {
  port: number;
  url: string;
  wsUrl: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs `server/src/main.ts` in its own process (what a deployment runs) and waits until it is healthy. */
export async function spawnServer(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(root, 'server', 'src', 'main.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      WEB_DIST: '',
      PORT: String(p),
      ...env,
      // To investigate a flaky run: raise every spawned server's log level and keep its output.
      ...(process.env.TEST_SERVER_LOG_LEVEL ? { LOG_LEVEL: process.env.TEST_SERVER_LOG_LEVEL } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const logDir = process.env.TEST_SERVER_LOG_DIR;
  const logFile = logDir ? path.join(logDir, `server-${env.INSTANCE_ID ?? 'x'}-${p}-${child.pid}.log`) : undefined;
  if (logDir) fs.mkdirSync(logDir, { recursive: true });
  const keep = (d: Buffer) => {
    out += d;
    if (logFile) fs.appendFileSync(logFile, d);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up:\n${out}`);
    try {
      const res = await fetch(`http://127.0.0.1:${p}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    port: p,
    url: `http://127.0.0.1:${p}/graphql`,
    wsUrl: `ws://127.0.0.1:${p}/graphql`,
    child,
    output: () => out,
    stop: () => kill('SIGTERM'),
    kill,
  };
}
