import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { repoRoot } from '../config.js';
import { schema } from './index.js';

/** The committed SDL: sorted, so a diff shows only real changes. */
export const printedSchema = () => printSchema(lexicographicSortSchema(schema)) + '\n';
export const schemaFile = path.join(repoRoot, 'server', 'schema.graphql');

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  fs.writeFileSync(schemaFile, printedSchema());
  console.log(`wrote ${path.relative(repoRoot, schemaFile)}`);
}
