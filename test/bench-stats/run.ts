// Statistics benchmark (county scale): 1,000 units and 1,000,000 items over three
// years in SQLite; the per-unit statistics query (unitSummary: submitted, adopted,
// adoption rate, quota) for a month, a quarter and a year, p50/p95 over repeated
// runs, against a hand-written SQL aggregate over the same rows (the floor). Then the
// 12-month trend the wall reloads after every burst of events (monthlyTrend: from the
// month rollup, against counting the items month by month as it did before) and the
// office's full statistics (per unit and per person, by category and level), the
// year-end assessment (yearScores) and 信息查询 (words in the items' titles and texts).
//
//   npx -y pnpm@10 --filter @xinbao/test bench:stats   (BENCH_ITEMS, BENCH_UNITS, BENCH_RUNS)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations } from '../../server/src/db/migrate.js';
import { closeDb, openDb } from '../../server/src/db.js';
import { unitSummary } from '../../server/src/modules/stats/stats.service.js';
import { monthlyTrend, statistics, yearScores } from '../../server/src/modules/assessment/assessment.service.js';
import { lastMonths, monthsOf, parsePeriod } from '../../server/src/modules/period/period.rules.js';
import { db } from '../../server/src/db.js';
import { visibleItemsWhere, type ItemFilter } from '../../server/src/modules/item/item.service.js';
import type { Viewer } from '../../server/src/context.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-stats-'));
const file = path.join(dir, 'stats.db');
const url = `file:${file}`;

const TITLES = ['召开禁毒宣传工作会', '推进人居环境整治', '开展安全生产大检查', '新签约项目四个', '组织防汛应急演练', '落实秋粮收购政策', '开展文明城市创建', '推进乡村振兴示范点建设', '开展森林防火巡查', '召开党风廉政建设会议', '完成医保参保登记', '开展垃圾分类宣传'];
const SENTENCES = [
  '镇党委高度重视，成立专项工作组，明确责任分工和完成时限。',
  '截至目前共走访群众一百二十户，发放宣传资料三百余份。',
  '会议传达了上级关于禁毒工作的部署要求，安排下一步重点任务。',
  '项目总投资两亿元，预计明年六月建成投用，可带动就业两百人。',
  '检查中发现隐患十二处，已当场整改九处，其余限期整改。',
  '下一步将持续加大工作力度，确保各项任务按期完成。',
  '活动覆盖全镇十个村和三个社区，群众参与热情高。',
  '通过网格员入户走访，及时掌握群众诉求，化解矛盾纠纷五起。',
];

function seed() {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // bulk load only
  const kinds = ['DEPARTMENT', 'COMMUNITY', 'VILLAGE'];
  const unit = db.prepare('INSERT INTO Unit (id, name, kind, sortOrder, active, createdAt) VALUES (?, ?, ?, ?, 1, 0)');
  // two informants per unit, so the per-person statistics have people to rank
  const person = db.prepare(`INSERT INTO Person (id, name, account, unitId, active, createdAt) VALUES (?, '信息员', ?, ?, 1, 0)`);
  db.transaction(() => {
    for (let u = 0; u < UNITS; u++) {
      unit.run(`u${u}`, `单位${u}`, kinds[u % 3], u);
      for (const k of [0, 1]) person.run(`p${u}-${k}`, `p${u}-${k}`, `u${u}`);
    }
  })();
  db.exec(`INSERT INTO QuotaRule (id, unitKind, period, minimum, active) VALUES ('q1','DEPARTMENT','MONTH',5,1),('q2','COMMUNITY','MONTH',5,1),('q3','VILLAGE','QUARTER',15,1),('q4','COMMUNITY','QUARTER',15,1)`);
  const item = db.prepare(
    `INSERT INTO Item (id, unitId, category, channel, title, body, occurredAt, submittedAt, authorId, enteredById, status, version, adoptionLevel, updatedAt)
     VALUES (?, ?, ?, 'WRITTEN', ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const end = Date.UTC(2026, 10, 25);
  const span = 3 * 365 * 86_400_000;
  let x = 12345;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const statuses = ['ADOPTED', 'NOT_ADOPTED', 'SUBMITTED', 'RETURNED'];
  const categories = ['WORK_PROGRESS', 'MEETING', 'LEADER_ACTIVITY', 'ECONOMY', 'PRACTICE', 'RESEARCH'];
  db.transaction(() => {
    for (let i = 0; i < ITEMS; i++) {
      const t = end - Math.floor(rnd() * span);
      const st = statuses[Math.floor(rnd() * 10) % 4]!;
      const u = Math.floor(rnd() * UNITS);
      const author = `p${u}-${i % 2}`;
      // text as informants write it (a title of about 15 characters, a body of about 120), for 信息查询
      const title = `单位${u}${TITLES[Math.floor(rnd() * TITLES.length)]}`;
      const body = [0, 1, 2].map(() => SENTENCES[Math.floor(rnd() * SENTENCES.length)]).join('');
      item.run(`i${i}`, `u${u}`, categories[i % categories.length], title, body, t, t, author, author, st, st === 'ADOPTED' ? 'WEBSITE' : null, t);
    }
  })();
  // The month rollup, as the migration's backfill builds it for existing data.
  db.exec(`DELETE FROM ItemMonthStat; INSERT INTO ItemMonthStat (month, unitId, status, count)
    SELECT strftime('%Y-%m', submittedAt / 1000 + 28800, 'unixepoch'), unitId, status, count(*) FROM Item GROUP BY 1, 2, 3`);
  db.pragma('optimize');
  db.close();
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function main() {
  await applyMigrations({ kind: 'sqlite', url });
  const t0 = Date.now();
  seed();
  console.error(`seeded ${UNITS} units and ${ITEMS.toLocaleString('en')} items in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await openDb({ kind: 'sqlite', url });
  const raw = new Database(file, { readonly: true });
  raw.defaultSafeIntegers(false);
  const handSql = raw.prepare(
    `SELECT unitId, count(*) AS submitted, sum(status = 'ADOPTED') AS adopted FROM Item WHERE submittedAt >= ? AND submittedAt < ? GROUP BY unitId`,
  );
  // The same figures by hand from the rollup: the floor for what unitSummary does.
  const rollupSql = (months: string[]) =>
    raw.prepare(
      `SELECT unitId, sum(count) AS submitted, sum(CASE WHEN status = 'ADOPTED' THEN count ELSE 0 END) AS adopted
       FROM ItemMonthStat WHERE month IN (${months.map(() => '?').join(',')}) GROUP BY unitId`,
    );
  const now = new Date(Date.UTC(2026, 10, 25));
  const rows: string[] = [];
  for (const key of ['2026-10', '2026-Q3', '2025']) {
    const p = parsePeriod(key);
    const ours: number[] = [];
    const floor: number[] = [];
    const rollupFloor: number[] = [];
    const months = monthsOf(p);
    const byRollup = rollupSql(months);
    for (let i = 0; i < RUNS + 3; i++) {
      let t = performance.now();
      const s = await unitSummary(key, now);
      const a = performance.now() - t;
      t = performance.now();
      const r = handSql.all(p.start.getTime(), p.end.getTime()) as { submitted: number }[];
      const b = performance.now() - t;
      t = performance.now();
      byRollup.all(...months);
      const c = performance.now() - t;
      if (i >= 3) {
        ours.push(a);
        floor.push(b);
        rollupFloor.push(c);
      }
      if (i === 0 && s.submitted !== r.reduce((n, x) => n + x.submitted, 0)) throw new Error(`${key}: totals differ`);
    }
    rows.push(
      `| ${key} (${p.kind.toLowerCase()}) | ${pct(ours, 50).toFixed(1)} | ${pct(ours, 95).toFixed(1)} | ${pct(rollupFloor, 50).toFixed(1)} | ${pct(rollupFloor, 95).toFixed(1)} | ${(pct(ours, 95) / pct(rollupFloor, 95)).toFixed(1)}× | ${pct(floor, 50).toFixed(1)} | ${pct(floor, 95).toFixed(1)} |`,
    );
  }
  // The 12-month trend, from the rollup (now) and by counting the items (before).
  const timed = async (runs: number, f: () => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const t = performance.now();
      await f();
      if (i >= 3) ms.push(performance.now() - t);
    }
    return `${pct(ms, 50).toFixed(1)} | ${pct(ms, 95).toFixed(1)}`;
  };
  const countingTrend = () =>
    Promise.all(
      lastMonths(now, 12).map(async (p) => {
        const where = { submittedAt: { gte: p.start, lt: p.end } };
        return [await db().item.count({ where }), await db().item.count({ where: { ...where, status: 'ADOPTED' } })];
      }),
    );
  const [fromRollup, counted] = [await monthlyTrend(12, null, now), await countingTrend()];
  if (fromRollup.some((m, i) => m.submitted !== counted[i]![0] || m.adopted !== counted[i]![1])) throw new Error('trend: rollup and items differ');
  const more = [
    `| monthlyTrend, 12 months (the wall's trend) | from the rollup | ${await timed(RUNS, () => monthlyTrend(12, null, now))} |`,
    `| | counting the items (before) | ${await timed(RUNS, countingTrend)} |`,
  ];
  const statsRuns = Math.min(RUNS, 10);
  for (const key of ['2026-10', '2026-Q3', '2025']) more.push(`| statistics (units and people, by category and level) | ${key} | ${await timed(statsRuns, () => statistics(key, now))} |`);
  more.push(`| yearScores (year-end assessment, units and people) | 2025 | ${await timed(statsRuns, () => yearScores(2025, now))} |`);
  // 信息查询 as the office's page asks it: the count and the first page of thirty, together
  const office: Viewer = { personId: 'bench', name: 'bench', unitId: null, roles: new Set(['OFFICE']), sessionId: 'bench', kind: 'USER', unitsInCharge: [] };
  const search = (filter: ItemFilter) => {
    const where = visibleItemsWhere(filter, office);
    return Promise.all([db().item.count({ where }), db().item.findMany({ where, orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }], take: 30 })]);
  };
  const searches: [string, ItemFilter][] = [
    ['a word in titles and texts', { text: '禁毒' }],
    ['two words', { text: '禁毒 资料' }],
    ['a word found nowhere', { text: '无此词语' }],
    ['a word, one unit', { text: '禁毒', unitId: 'u7' }],
  ];
  const found: string[] = [];
  for (const key of ['2026-10', '2025']) {
    for (const [what, filter] of searches) {
      const [hits] = await search({ ...filter, period: key });
      found.push(`| ${what} (${filter.text}) | ${key} | ${hits.toLocaleString('en')} | ${await timed(statsRuns, () => search({ ...filter, period: key }))} |`);
    }
  }
  raw.close();
  await closeDb();
  console.log(`## Statistics per unit: ${UNITS} units, ${ITEMS.toLocaleString('en')} items (SQLite), ${RUNS} runs each\n`);
  console.log(
    '| period | unitSummary p50 ms | p95 ms | hand SQL on the rollup p50 ms | p95 ms | ratio p95 | hand SQL scanning items p50 ms | p95 ms |\n| --- | --: | --: | --: | --: | --: | --: | --: |',
  );
  console.log(rows.join('\n'));
  console.log(`\n| query | period / how | p50 ms | p95 ms |\n| --- | --- | --: | --: |\n${more.join('\n')}`);
  console.log(`\n| 信息查询 (count and first page of 30) | period | found | p50 ms | p95 ms |\n| --- | --- | --: | --: | --: |\n${found.join('\n')}`);
  console.log(`\n${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}`);
}

try {
  await main();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
