import { builder } from '../../builder.js';
import { eventKindKey, eventKinds, type EventKindKey, type LoggedEvent } from '../../events/kinds.js';
import { headSeq, lastEventAt } from '../../events/event-log.js';
import { passes, type EventFilter } from '../../events/hub.js';
import { AppError } from '../../errors.js';
import { canSeeEvent, seesDashboard } from '../auth/policy.js';
import { withCleanup } from '../../events/with-cleanup.js';
import type { Context } from '../../context.js';

const EventKindEnum = builder.enumType('EventKind', {
  values: Object.fromEntries(Object.entries(eventKinds).map(([k, v]) => [k, { description: v }])) as Record<
    EventKindKey,
    { description: string }
  >,
});

const EventRef = builder.objectRef<LoggedEvent>('Event').implement({
  description: 'Envelope pushed for every change; read the details through normal fields',
  fields: (t) => ({
    seq: t.exposeInt('seq', { description: 'gap-free, strictly increasing; resume with afterSeq = the last one seen' }),
    kind: t.field({ type: EventKindEnum, resolve: (e) => eventKindKey(e.kind) }),
    entityId: t.exposeID('entityId'),
    unitId: t.exposeID('unitId', { nullable: true }),
    at: t.expose('at', { type: 'DateTime' }),
  }),
});

builder.queryFields((t) => ({
  eventSeq: t.int({
    authScopes: { dashboard: true },
    description: 'Latest committed event sequence number: read it before a snapshot, then subscribe with afterSeq = it',
    resolve: () => headSeq(),
  }),
  lastEventAt: t.field({
    type: 'DateTime',
    nullable: true,
    authScopes: { dashboard: true },
    description: 'When the latest event this viewer may see was committed (of the last 200 events); null if none',
    resolve: (_root, _args, ctx) => lastEventAt((e) => canSeeEvent(ctx.viewer, e)),
  }),
}));

/** Counts one closed subscription; kept apart so the closure holds nothing else of the request. */
const closedCounter = (metrics: Context['metrics']) => () => void metrics.subscriptionsClosed++;

builder.subscriptionFields((t) => ({
  events: t.field({
    authScopes: { dashboard: true },
    type: EventRef,
    description: 'Replays every event after afterSeq (or starts now), then continues live: no gap, no duplicate',
    args: {
      afterSeq: t.arg.int(),
      kinds: t.arg({ type: [EventKindEnum] }),
      unitIds: t.arg.idList(),
    },
    subscribe: async (_root, args, ctx) => {
      if (args.afterSeq != null && args.afterSeq < 0) throw new AppError('input/invalid', 'afterSeq 不能为负数');
      // A cursor beyond the committed log means the database was replaced (restored
      // or re-seeded): the client must take a fresh snapshot rather than wait forever.
      if (args.afterSeq != null && args.afterSeq > ctx.hub.head && args.afterSeq > (await headSeq())) {
        throw new AppError('events/ahead_of_log', '事件序号超出当前数据库，请重新加载', { head: await headSeq() });
      }
      const viewer = ctx.viewer;
      // Checked at subscribe time too (not only per event): no viewer, no stream.
      if (!seesDashboard(viewer)) throw new AppError(viewer ? 'auth/forbidden' : 'auth/unauthenticated', viewer ? '无权访问' : '请先登录');
      const filter: EventFilter = {
        kinds: args.kinds?.length ? new Set(args.kinds.map((k) => eventKinds[k])) : undefined,
        unitIds: args.unitIds?.length ? new Set(args.unitIds.map(String)) : undefined,
        visible: (e) => canSeeEvent(viewer, e),
      };
      ctx.metrics.subscriptionsOpened++;
      const lane = ctx.lane;
      if (lane?.spec) {
        // WebSocket, multiplexed: frames are written by the group (events/fanout.ts).
        // The socket is closed when the session ends (app.ts), which ends this too.
        const sub = lane.fanout.join({ ...lane.spec, accepts: (e) => passes(filter, e) }, lane.socket, lane.id, args.afterSeq);
        sub.cleanup = closedCounter(ctx.metrics);
        if (sub.closed) sub.cleanup();
        lane.sub = sub;
        return sub;
      }
      const stream = ctx.hub.stream(args.afterSeq, filter);
      // A revoked session's stream ends (SSE closes; the WebSocket is closed too, see app.ts),
      // and so does one whose grants changed: the client subscribes again and is authorized afresh.
      const unwatch = ctx.sessions.watch(viewer!, () => void stream.return());
      return withCleanup(stream, () => {
        unwatch();
        ctx.metrics.subscriptionsClosed++;
      });
    },
    resolve: (e) => e,
  }),
}));
