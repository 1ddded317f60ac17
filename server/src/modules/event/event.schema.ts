import { builder } from '../../builder.js';
import { eventKindKey, eventKinds, type EventKindKey, type LoggedEvent } from '../../events/kinds.js';
import { headSeq } from '../../events/event-log.js';

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
    description: 'Latest committed event sequence number: read it before a snapshot, then subscribe with afterSeq = it',
    resolve: () => headSeq(),
  }),
}));

builder.subscriptionFields((t) => ({
  events: t.field({
    type: EventRef,
    description: 'Replays every event after afterSeq (or starts now), then continues live: no gap, no duplicate',
    args: {
      afterSeq: t.arg.int(),
      kinds: t.arg({ type: [EventKindEnum] }),
      unitIds: t.arg.idList(),
    },
    subscribe: (_root, args, ctx) => {
      if (args.afterSeq != null && args.afterSeq < 0) throw new Error('afterSeq must be ≥ 0');
      return ctx.hub.stream(args.afterSeq, {
        kinds: args.kinds?.length ? new Set(args.kinds.map((k) => eventKinds[k])) : undefined,
        unitIds: args.unitIds?.length ? new Set(args.unitIds.map(String)) : undefined,
      });
    },
    resolve: (e) => e,
  }),
}));
