// pnpm --filter @xinbao/prisma migrate:check [--sqlite-only] [--schema <path>]
//
// Fails when schema.prisma and either migrations folder have drifted apart, i.e. when
// replaying a folder on a shadow database does not yield the schema. Exit codes:
//   0  both folders match the schema
//   2  drift (the missing SQL is printed so the fix is obvious)
//   1  could not check (PostgreSQL unreachable, engine error, bad arguments)
// PostgreSQL is required unless --sqlite-only is given: a check that silently skips
// half its job would pass in CI exactly when it matters.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { assertPostgresReachable, diffMigrationsToSchema } from './engine.js';
import { LOCKFILE, MIGRATIONS_DIR, describeError, PRISMA_DIR, fail, parseArgs, schemaFor, type Provider } from './shared.js';

/** Paths inside prisma/ relative to it, anything else (a --schema copy) in full. */
function shown(file: string): string {
  const rel = path.relative(PRISMA_DIR, file);
  return rel.startsWith('..') ? file : rel;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), ['--sqlite-only']);
  if (args.positional.length) fail(`unexpected argument ${args.positional[0]}`);
  const providers: Provider[] = args.flags.has('--sqlite-only') ? ['sqlite'] : ['sqlite', 'postgresql'];

  if (providers.includes('postgresql')) {
    await assertPostgresReachable().catch((e: Error) =>
      fail(`${e.message}\nmigrate:check needs PostgreSQL for the pg side; pass --sqlite-only to check SQLite alone.`),
    );
  }

  let drift = false;
  for (const provider of providers) {
    const dir = MIGRATIONS_DIR[provider];
    const where = path.relative(PRISMA_DIR, dir);
    // The engine refuses to read a folder without a lockfile; say what is actually wrong.
    if (!existsSync(path.join(dir, LOCKFILE))) {
      console.error(`✗ ${provider}: ${where}/${LOCKFILE} is missing — run migrate:new to create the migrations.`);
      drift = true;
      continue;
    }
    const sql = await diffMigrationsToSchema(provider, dir, schemaFor(provider, args.schema));
    if (sql === null) {
      console.log(`✓ ${provider}: ${where} matches ${shown(args.schema)}`);
    } else {
      drift = true;
      console.error(`✗ ${provider}: ${where} does not match the schema. Missing SQL:\n`);
      console.error(sql.trimEnd().replace(/^/gm, '    '));
      console.error('');
    }
  }

  if (drift) {
    console.error('Schema and migrations have drifted. Run `pnpm --filter @xinbao/prisma migrate:new <name>`.');
    return 2;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`error: ${describeError(e)}`);
    process.exit(1);
  },
);
