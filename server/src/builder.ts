import SchemaBuilder from '@pothos/core';
import { GraphQLError } from 'graphql';
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
    // A GraphQLError (not a TypeError) so the message reaches the client unmasked.
    const d = typeof v === 'string' || typeof v === 'number' ? new Date(v) : new Date(NaN);
    if (Number.isNaN(d.getTime())) {
      throw new GraphQLError(`时间格式无效: ${JSON.stringify(v)}，应为 ISO-8601，例如 2026-11-25T08:00:00+08:00`);
    }
    return d;
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
