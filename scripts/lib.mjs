// Helpers shared by the two README commands. Plain Node, no dependencies: they
// run before anything is installed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM = ['-y', 'pnpm@10.34.9'];

export function step(title) {
  console.log(`\n\x1b[1m▶ ${title}\x1b[0m`);
}

/** Runs a command in the repo root, inheriting the terminal; exits on failure unless allowed. */
export function run(cmd, args, { env = {}, allowFail = false, cwd = root } = {}) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0 && !allowFail) {
    console.error(`\n✖ failed: ${cmd} ${args.join(' ')} (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  return r.status === 0;
}

export const pnpm = (args, opts) => run('npx', [...PNPM, ...args], opts);

export function install() {
  step('安装依赖 (pnpm install)');
  pnpm(['install', '--frozen-lockfile']);
  step('生成 Prisma 客户端 (SQLite + PostgreSQL)');
  pnpm(['--filter', '@xinbao/prisma', 'generate']);
}
