// `npm test`: installs everything and runs every suite — unit (under three time
// zones), integration on SQLite, the web's own tests, browser tests in headless
// Chromium, and, when TEST_POSTGRES_URL and TEST_REDIS_URL are set, the
// PostgreSQL + Redis suites. Ends with one "N passed, N failed" line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { install, pnpm, root, run, step } from './lib.mjs';

const pgUrl = process.env.TEST_POSTGRES_URL;
const redisUrl = process.env.TEST_REDIS_URL;
if (process.env.CI && (!pgUrl || !redisUrl)) {
  console.error('CI requires TEST_POSTGRES_URL and TEST_REDIS_URL: the PostgreSQL + Redis suites must run, not be skipped.');
  process.exit(1);
}

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-reports-'));
const totals = { passed: 0, failed: 0, files: 0 };
let anyFailed = false;
/** Each failed test as "suite › file › test: first line of its error", repeated at the very end. */
const failures = [];

/** Collects the failed tests (and files that failed outside any test) of one vitest JSON report. */
function collectFailures(name, report) {
  for (const file of report.testResults ?? []) {
    const rel = path.relative(root, file.name);
    const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failed) {
      const first = String(t.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 300);
      failures.push(`${name} › ${rel} › ${t.fullName}: ${first}`);
    }
    if (failed.length === 0 && file.status === 'failed') {
      failures.push(`${name} › ${rel}: ${String(file.message ?? '').split('\n')[0].slice(0, 300)}`);
    }
  }
}

/** Runs one vitest project and adds its counts; a run with no test counts as a failure. */
function vitest(name, args, env = {}) {
  step(`测试: ${name}`);
  const out = path.join(reports, `${name.replace(/\W+/g, '_')}.json`);
  const ok = pnpm(['--filter', '@xinbao/test', 'exec', 'vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
    env,
    allowFail: true,
  });
  let report;
  try {
    report = JSON.parse(fs.readFileSync(out, 'utf8'));
  } catch {
    console.error(`✖ ${name}: no report written`);
    anyFailed = true;
    totals.failed++;
    return;
  }
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  collectFailures(name, report);
  if (report.numTotalTests === 0) {
    console.error(`✖ ${name}: ran no test`);
    anyFailed = true;
    totals.failed++;
  }
  if (!ok) anyFailed = true;
}

install();

step('迁移与 schema 一致性检查 (migrate:check)');
pnpm(['--filter', '@xinbao/prisma', 'migrate:check', ...(pgUrl ? [] : ['--sqlite-only'])], { env: pgUrl ? { POSTGRES_URL: pgUrl } : {} });

step('类型检查 (typecheck)');
pnpm(['-r', 'typecheck']);

for (const tz of ['Asia/Shanghai', 'UTC', 'America/New_York']) vitest(`unit TZ=${tz}`, ['--project', 'unit'], { TZ: tz });
vitest('integration (SQLite)', ['--project', 'integration']);

step('测试: web');
if (!pnpm(['--filter', '@xinbao/web', 'test'], { allowFail: true })) {
  anyFailed = true;
  failures.push('web › (see the web test output above)');
}

step('构建值班室大屏 (web build)');
pnpm(['--filter', '@xinbao/web', 'build']);

step('浏览器 (Chromium)');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log('未找到 Chromium，正在安装 chromium 与 fonts-noto-cjk (apt-get)…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  } else {
    console.error(`✖ 浏览器测试需要 Chromium (${chromium})。请以 root 运行本命令，或先执行: apt-get install -y chromium fonts-noto-cjk；也可设置 CHROMIUM_PATH。`);
    process.exit(1);
  }
}
vitest('e2e (headless Chromium)', ['--project', 'e2e'], { CHROMIUM_PATH: chromium });

if (pgUrl && redisUrl) {
  vitest('PostgreSQL + Redis', ['--project', 'pg']);
  vitest('integration (PostgreSQL)', ['--project', 'pg-integration']);
} else console.log('\n(未设置 TEST_POSTGRES_URL / TEST_REDIS_URL：跳过 PostgreSQL + Redis 套件)');

if (failures.length > 0) {
  console.log('\nfailed:');
  for (const line of failures) console.log(`  ✖ ${line}`);
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(anyFailed || totals.failed > 0 ? 1 : 0);
