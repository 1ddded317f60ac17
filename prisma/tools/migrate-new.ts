// pnpm --filter @xinbao/prisma migrate:new <name> [--schema <path>]
//
// Writes the next migration for both databases, under one shared timestamped name so
// the two histories stay aligned:
//   prisma/migrations/<ts>_<name>/migration.sql            (SQLite)
//   prisma/postgres/migrations/<ts>_<name>/migration.sql   (PostgreSQL)
// Each SQL file is the engine's diff from "what the existing folder builds" to the schema.
// Both diffs are computed before anything is written, so a failure leaves no half migration.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertPostgresReachable, diffMigrationsToSchema } from './engine.js';
import {
  LOCKFILE,
  describeError,
  MIGRATIONS_DIR,
  PRISMA_DIR,
  PROVIDERS,
  fail,
  lockfileContent,
  migrationFolders,
  parseArgs,
  schemaFor,
  type Provider,
} from './shared.js';

/** UTC YYYYMMDDHHMMSS, the prefix the Prisma CLI uses. */
function timestamp(d = new Date()): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The engine requires the lockfile to exist; write it before the first diff. */
function ensureLockfile(provider: Provider): void {
  const dir = MIGRATIONS_DIR[provider];
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCKFILE);
  if (!existsSync(file)) writeFileSync(file, lockfileContent(provider));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), []);
  const rawName = args.positional[0];
  if (!rawName || args.positional.length > 1) fail('usage: migrate:new <name> [--schema <path>]');
  const name = rawName.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (!name) fail(`"${rawName}" gives an empty migration name`);

  // Both sides or neither: a migration missing on one database is worse than none.
  await assertPostgresReachable().catch((e: Error) => fail(`${e.message}\nmigrate:new needs PostgreSQL for the pg shadow database.`));

  const scripts = new Map<Provider, string>();
  for (const provider of PROVIDERS) {
    ensureLockfile(provider);
    const sql = await diffMigrationsToSchema(provider, MIGRATIONS_DIR[provider], schemaFor(provider, args.schema));
    if (sql !== null) scripts.set(provider, sql);
  }

  if (scripts.size === 0) {
    console.log('No schema changes: both migration folders already match the schema. Nothing created.');
    return;
  }
  if (scripts.size === 1) {
    // Happens when one folder was edited by hand; writing only one side would hide it.
    const [only] = scripts.keys();
    fail(`only the ${only} migrations differ from the schema; the folders have drifted apart. Run migrate:check and fix the other side first.`);
  }

  // One shared folder name; bump by a second if a migration with that prefix exists
  // (two runs within the same second) so sort order still matches creation order.
  let when = new Date();
  let folder = `${timestamp(when)}_${name}`;
  const taken = () =>
    PROVIDERS.some((p) => migrationFolders(MIGRATIONS_DIR[p]).some((f) => f.slice(0, 14) >= folder.slice(0, 14)));
  while (taken()) {
    when = new Date(when.getTime() + 1000);
    folder = `${timestamp(when)}_${name}`;
  }

  for (const [provider, sql] of scripts) {
    const dir = path.join(MIGRATIONS_DIR[provider], folder);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'migration.sql'), sql);
    console.log(`created ${path.relative(PRISMA_DIR, path.join(dir, 'migration.sql'))} (${provider})`);
  }
}

main().catch((e: unknown) => {
  console.error(`error: ${describeError(e)}`);
  process.exit(1);
});
