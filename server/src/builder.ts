import SchemaBuilder from '@pothos/core';
import { GraphQLError } from 'graphql';
import PrismaPlugin from '@pothos/plugin-prisma';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type PrismaTypes from './generated/pothos-types.js';
import { getDatamodel } from './generated/pothos-types.js';
import { db } from './db.js';
import type { Context } from './context.js';
import { AppError } from './errors.js';
import { isAdmin, isDisplay, isMainLeader, isOffice, seesAll, seesAssessment, seesDashboard } from './modules/auth/policy.js';

/** Configuration only: types and fields live in src/modules/<domain>/*.schema.ts. */
export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  DefaultFieldNullability: false;
  AuthScopes: {
    /** Anyone, signed in or not (sign-in itself, the server clock). */
    public: boolean;
    signedIn: boolean;
    /** Dashboard summaries: every signed-in role but the account administrator alone. */
    dashboard: boolean;
    /** A person acting (not a read-only wall display). */
    actor: boolean;
    office: boolean;
    mainLeader: boolean;
    /** The office or a main leader: sees every unit in full. */
    staff: boolean;
    /** Cross-unit statistics, rankings and scores: staff and leaders. */
    assessment: boolean;
    admin: boolean;
    /** Manages accounts and display tokens: the admin or the office. */
    manager: boolean;
  };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    ID: { Input: string; Output: string };
  };
}>({
  plugins: [ScopeAuthPlugin, PrismaPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => {
      const v = ctx.viewer;
      return {
        public: true,
        signedIn: Boolean(v),
        dashboard: seesDashboard(v),
        actor: Boolean(v) && !isDisplay(v),
        office: isOffice(v),
        mainLeader: isMainLeader(v),
        staff: seesAll(v),
        assessment: seesAssessment(v),
        admin: isAdmin(v),
        manager: isAdmin(v) || isOffice(v),
      };
    },
    // One stable code for every refusal; unauthenticated callers are told to sign in.
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer ? new AppError('auth/forbidden', '无权访问') : new AppError('auth/unauthenticated', '请先登录'),
  },
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
