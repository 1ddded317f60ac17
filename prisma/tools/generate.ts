// pnpm --filter @xinbao/prisma generate [--schema <path>]
//
// One schema source, two databases: a client generated for sqlite refuses the pg adapter,
// so PostgreSQL gets its own schema (derived here, gitignored) and its own client.
//   prisma/schema.prisma           → server/src/generated/sqlite + pothos-types.ts
//   prisma/postgres/schema.prisma  → server/src/generated/postgres
//
// `prisma generate` insists on locating a native schema engine even though generating
// never uses it, and that engine cannot be downloaded here; any executable satisfies
// the check, so PRISMA_SCHEMA_ENGINE_BINARY points at /bin/true unless already set.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DEFAULT_SCHEMA, POSTGRES_SCHEMA, PRISMA_DIR, derivePostgresSchema, fail, parseArgs } from './shared.js';

const require = createRequire(import.meta.url);

function prismaCli(): string {
  const pkgJson = require.resolve('prisma/package.json');
  const bin = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { bin: { prisma: string } }).bin.prisma;
  return path.join(path.dirname(pkgJson), bin);
}

function generate(schemaPath: string): void {
  console.log(`\n▶ prisma generate --schema ${path.relative(PRISMA_DIR, schemaPath) || schemaPath}`);
  const engine = process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? (existsSync('/bin/true') ? '/bin/true' : undefined);
  execFileSync(process.execPath, [prismaCli(), 'generate', '--schema', schemaPath], {
    // From prisma/ so generator lookups and relative paths behave the same from any cwd.
    cwd: PRISMA_DIR,
    stdio: 'inherit',
    env: {
      ...process.env,
      ...(engine ? { PRISMA_SCHEMA_ENGINE_BINARY: engine } : {}),
      // Generators such as prisma-pothos-types are found on PATH; pnpm adds this folder
      // only when it runs the script, not when someone calls tsx directly.
      PATH: [path.join(PRISMA_DIR, 'node_modules', '.bin'), process.env.PATH].filter(Boolean).join(path.delimiter),
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
}

function main(): void {
  const args = parseArgs(process.argv.slice(2), []);
  if (args.positional.length) fail(`unexpected argument ${args.positional[0]}`);
  // A --schema copy must not overwrite the real derived file next to the real schema.
  const target =
    args.schema === DEFAULT_SCHEMA ? POSTGRES_SCHEMA : path.join(path.dirname(args.schema), 'postgres', 'schema.prisma');

  const derived = derivePostgresSchema(readFileSync(args.schema, 'utf8'), args.schema, target);
  mkdirSync(path.dirname(target), { recursive: true });
  // Only rewrite on change so file watchers are not woken for nothing.
  if (!existsSync(target) || readFileSync(target, 'utf8') !== derived) writeFileSync(target, derived);
  console.log(`derived ${path.relative(PRISMA_DIR, target) || target}`);

  generate(args.schema);
  generate(target);
}

try {
  main();
} catch (e) {
  // execFileSync already streamed prisma's own output; don't repeat its stack.
  console.error(`generate failed: ${(e as Error).message.split('\n')[0]}`);
  process.exit(1);
}
