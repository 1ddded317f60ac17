// Measures the JavaScript the wall display loads (the entry chunk and its static
// imports, as listed in dist/index.html) gzipped, prints it, and fails the build
// when it exceeds the budget. Screens loaded on demand are reported, not counted.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 450;
const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'dist');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const loaded = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const gz = (f) => gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length / 1024;
const wall = loaded.reduce((n, f) => n + gz(f), 0);
const lazy = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js') && !loaded.includes(`assets/${f}`));
console.log(`wall display JS: ${wall.toFixed(1)} KB gzip (${loaded.length} file(s); budget ${BUDGET_KB} KB); ${lazy.length} lazy chunk(s) ${lazy.reduce((n, f) => n + gz(`assets/${f}`), 0).toFixed(1)} KB gzip`);
if (wall > BUDGET_KB) {
  console.error(`bundle budget exceeded: ${wall.toFixed(1)} KB > ${BUDGET_KB} KB`);
  process.exit(1);
}
