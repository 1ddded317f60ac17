import { createSourceEventStream, execute, print, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import { maskError, type Plugin } from 'graphql-yoga';
import { LaneSubscription } from './fanout.js';
import type { Context } from '../context.js';
import { isDisplay, seesAll } from '../modules/auth/policy.js';

/**
 * Multiplexed subscription execution (the Hasura approach). Stock GraphQL
 * servers execute a subscription's document once per subscriber per event. Here
 * each subscriber still gets its own source stream (its own cursor, filters,
 * visibility and revocation), but the document is executed once per distinct
 * (document, variables, permission scope) and event, and that one result object is
 * handed to every subscriber that shares it; the transports only serialise it.
 */
// Results of recent events only: a subscriber far behind re-executes, which is rare and cheap.
const MAX_CACHED = 5_000;

const docKeys = new WeakMap<DocumentNode, string>();
function docKey(doc: DocumentNode): string {
  let k = docKeys.get(doc);
  if (!k) docKeys.set(doc, (k = print(doc)));
  return k;
}

/** Viewers who see exactly the same events and fields share results. */
function scopeKey(ctx: Context): string {
  const v = ctx.viewer;
  if (!v) return 'anon';
  if (seesAll(v) || isDisplay(v)) return 'all';
  return `u:${v.unitId ?? ''}|l:${[...v.unitsInCharge].sort().join(',')}|r:${[...v.roles].sort().join(',')}`;
}

export class ResultCache {
  #results = new Map<string, Promise<ExecutionResult> | ExecutionResult>();
  hits = 0;
  misses = 0;

  get(key: string, compute: () => Promise<ExecutionResult> | ExecutionResult) {
    let r = this.#results.get(key);
    if (r) {
      this.hits++;
      return r;
    }
    this.misses++;
    r = compute();
    this.#results.set(key, r);
    // Map keeps insertion order: drop the oldest entries (events only move forward).
    if (this.#results.size > MAX_CACHED) {
      const drop = this.#results.size - MAX_CACHED;
      let i = 0;
      for (const k of this.#results.keys()) {
        if (i++ >= drop) break;
        this.#results.delete(k);
      }
    }
    return r;
  }
}

/**
 * An envelop plugin, so it applies to graphql-ws and SSE alike. A subscription's
 * result may depend only on its document, variables, the viewer's permission
 * scope and the event — true of `events`, whose fields are the event's own.
 */
export function useMultiplexedEvents(cache: ResultCache, opts: { isDev: boolean }): Plugin {
  const formatError = (err: GraphQLError) => maskError(err, 'Unexpected error.', opts.isDev) as GraphQLError;
  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (a: ExecutionArgs) => {
        const ctx = a.contextValue as Context;
        const { afterSeq: _ignored, ...shared } = (a.variableValues ?? {}) as Record<string, unknown>;
        const group = `${docKey(a.document)}\u0000${a.operationName ?? ''}\u0000${JSON.stringify(shared)}\u0000${scopeKey(ctx)}`;
        const run = (event: { seq: number }) => cache.get(`${group}\u0000${event.seq}`, () => execute({ ...a, rootValue: event }));
        // graphql-ws: the resolver joins the fast lane, which writes the frames itself.
        if (ctx.lane) ctx.lane.spec = { key: group, execute: run, formatError: (err) => formatError(err).toJSON() };
        const source = await createSourceEventStream(a);
        if (!(Symbol.asyncIterator in source) || source instanceof LaneSubscription) return source as ExecutionResult;
        const it = source[Symbol.asyncIterator]();
        return {
          async next() {
            const r = await it.next();
            if (r.done) return r;
            return { done: false, value: await run(r.value as { seq: number }) };
          },
          return: () => it.return?.() ?? Promise.resolve({ done: true, value: undefined }),
          throw: (e: unknown) => it.throw?.(e) ?? Promise.reject(e),
          [Symbol.asyncIterator]() {
            return this;
          },
        } as AsyncIterableIterator<ExecutionResult>;
      });
    },
  };
}
