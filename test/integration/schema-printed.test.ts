import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema, schemaFile } from '../../server/src/schema/print.js';

describe('server/schema.graphql', () => {
  it('is the schema the code builds (run `pnpm --filter @xinbao/server print-schema` after a change)', () => {
    expect(fs.readFileSync(schemaFile, 'utf8')).toBe(printedSchema());
  });
});
