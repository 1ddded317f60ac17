// Summarises a .cpuprofile (from BENCH_PROFILE=dir or `node --cpu-prof`): where the
// server's CPU went, by package and by function (self time).
//   npx tsx bench/profile-top.ts /path/to/mux-1000.cpuprofile [top=25]
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) {
  console.error('usage: profile-top.ts file.cpuprofile [top]');
  process.exit(2);
}
const top = Number(process.argv[3] ?? 25);
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));

// Self time per node: each sample's delta is charged to the sampled (leaf) node.
const self = new Map<number, number>();
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i]!;
  self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i + 1] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** "graphql-ws", "@prisma/client", "server/src/events", "(node internals)", "(idle)", … */
function where(url: string, fn: string): string {
  if (fn === '(idle)' || fn === '(program)' || fn === '(garbage collector)') return fn;
  if (!url) return '(native / V8)';
  const m = url.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1]!;
  if (url.startsWith('node:')) return '(node internals)';
  const s = url.match(/\/(server\/src\/[^/]+(?:\/[^/]+)?)\//);
  return s ? s[1]! : url.replace(/^file:\/\//, '');
}

const byPkg = new Map<string, number>();
const byFn = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  const f = n.callFrame;
  const pkg = where(f.url, f.functionName);
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
  const key = `${f.functionName || '(anonymous)'}  ${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/work\/main\//, '')}:${f.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + t);
}
const pct = (t: number) => `${((t / total) * 100).toFixed(1).padStart(5)} %`;
const busy = total - (byPkg.get('(idle)') ?? 0);
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s not idle`);
console.log('\nSelf time by package:');
for (const [k, t] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${(t / 1e3).toFixed(0).padStart(7)} ms  ${k}`);
console.log('\nSelf time by function:');
for (const [k, t] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${(t / 1e3).toFixed(0).padStart(7)} ms  ${k}`);
