import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import type PrismaTypes from './generated/pothos-types.js';
import { getDatamodel } from './generated/pothos-types.js';
import { db } from './db.js';
import type { Context } from './context.js';

/** Configuration only: types and fields live in src/modules/<domain>/*.schema.ts. */
export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    ID: { Input: string; Output: string };
  };
}>({
  plugins: [PrismaPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: () => db(),
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    // Surfaces resolvers that forget to spread `query` (N+1 selects) while testing.
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
});

builder.scalarType('DateTime', {
  description: 'ISO-8601 instant, e.g. 2026-11-25T08:00:00.000Z (clients show it in China Standard Time)',
  serialize: (d) => d.toISOString(),
  parseValue: (v) => {
    if (typeof v !== 'string' && typeof v !== 'number') throw new TypeError('DateTime must be an ISO-8601 string');
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw new TypeError(`invalid DateTime: ${String(v)}`);
    return d;
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
