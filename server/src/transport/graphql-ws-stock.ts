import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { WebSocketServer } from 'ws';
import type { GraphqlWsHandle, GraphqlWsOptions } from './graphql-ws.js';

/**
 * FANOUT_MULTIPLEX=off: the stock stack, graphql-ws's own server over yoga's envelop,
 * every subscriber iterating its own stream and executing the document per event.
 * Kept so the fan-out benchmark can measure stock and Xinbao's lane in one run; the
 * default is serveGraphqlWs (graphql-ws.ts). Its handle has nothing to stop or wait for.
 */
export function serveStockGraphqlWs(wss: WebSocketServer, opts: GraphqlWsOptions): GraphqlWsHandle {
  useServer(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      onConnect: async (ctx) => {
        const r = await opts.onConnect(ctx.connectionParams, ctx.extra.socket);
        if (r === false) return false; // graphql-ws closes with 4403
        if (r.onClose) ctx.extra.socket.once('close', r.onClose);
        return true;
      },
      onSubscribe: async (ctx, _id, params) => {
        if (Object.keys(ctx.subscriptions).length >= opts.maxSubscriptionsPerSocket) {
          return [new GraphQLError(`每个连接最多 ${opts.maxSubscriptionsPerSocket} 个订阅`, { extensions: { code: 'input/invalid' } })];
        }
        const { schema, execute, subscribe, contextFactory, parse, validate } = opts.yoga.getEnveloped({
          ...ctx,
          connectionParams: ctx.connectionParams,
          address: opts.addressOf(ctx.extra.request),
          params,
        });
        const args = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        if (errors.length) return errors;
        return args;
      },
    },
    wss,
    opts.keepAliveMs,
  );
  // app.stop() closes the sockets and the server itself; graphql-ws keeps its own operations
  return { stop: () => {}, settled: async () => {} };
}
