import { builder } from '../../builder.js';
import { db } from '../../db.js';
import { changePassword, createDisplayToken, endMySession, mySessionsWhere, requireViewer, revokeSession, signIn, signOut } from './auth.service.js';

const SignInResult = builder.objectRef<{ token: string; personId: string; expiresAt: Date }>('SignInResult').implement({
  fields: (t) => ({
    token: t.exposeString('token', {
      description: 'bearer token: send as `Authorization: Bearer <token>` or graphql-ws connectionParams.authorization',
    }),
    person: t.prismaField({
      type: 'Person',
      resolve: (query, r) => db().person.findUniqueOrThrow({ ...query, where: { id: r.personId } }),
    }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
});

const DisplayTokenRef = builder.objectRef<{ token: string; sessionId: string; expiresAt: Date }>('DisplayToken').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'shown once; the server keeps only its hash' }),
    sessionId: t.exposeID('sessionId'),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
});

builder.queryFields((t) => ({
  mySessions: t.prismaField({
    authScopes: { signedIn: true },
    type: ['Session'],
    description: '我的登录设备: the viewer’s own sign-ins still open, newest first (none for a wall’s display token)',
    resolve: (query, _root, _args, ctx) =>
      db().session.findMany({ ...query, where: mySessionsWhere(requireViewer(ctx.viewer)), orderBy: { createdAt: 'desc' }, take: 100 }),
  }),
  viewer: t.prismaField({
    authScopes: { public: true },
    type: 'Person',
    nullable: true,
    description: 'The signed-in person, or null',
    resolve: (query, _root, _args, ctx) =>
      ctx.viewer ? db().person.findUnique({ ...query, where: { id: ctx.viewer.personId } }) : null,
  }),
}));

builder.mutationFields((t) => ({
  signIn: t.field({
    authScopes: { public: true },
    type: SignInResult,
    description: '登录 by account name or phone number',
    args: { login: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => signIn(args.login, args.password, ctx.address, ctx.userAgent),
  }),
  signOut: t.boolean({
    authScopes: { signedIn: true },
    description: '退出登录: revokes the current session',
    resolve: async (_root, _args, ctx) => {
      const viewer = requireViewer(ctx.viewer);
      await signOut(viewer, ctx.address);
      await ctx.sessions.changed(); // its other connections close at once, here and on other instances
      return true;
    },
  }),
  endMySession: t.boolean({
    authScopes: { signedIn: true },
    description: '退出该设备: ends one of the viewer’s own sign-ins (see mySessions); its open connections close at once',
    args: { sessionId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await endMySession(requireViewer(ctx.viewer), String(args.sessionId), ctx.address);
      await ctx.sessions.changed();
      return true;
    },
  }),
  changePassword: t.int({
    authScopes: { signedIn: true },
    description: '修改密码: the current password and a new one (at least 10 characters, letters and digits). Ends this person’s other sign-ins (their connections close at once) and keeps this one; returns how many were ended',
    args: { current: t.arg.string({ required: true }), next: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const ended = await changePassword(requireViewer(ctx.viewer), args.current, args.next, ctx.address);
      if (ended > 0) await ctx.sessions.changed();
      return ended;
    },
  }),
  createDisplayToken: t.field({
    authScopes: { manager: true },
    type: DisplayTokenRef,
    description: '签发值班室大屏令牌 for a DUTY account: read-only, valid a year, revocable. Open /?token=<token> on the display once.',
    args: { personId: t.arg.id({ required: true }), label: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => createDisplayToken(requireViewer(ctx.viewer), args.personId, args.label, ctx.address),
  }),
  revokeSession: t.boolean({
    authScopes: { manager: true },
    description: '吊销会话或大屏令牌; its open subscriptions close at once (on other instances as soon as Redis tells them, at the latest at their next sweep)',
    args: { sessionId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      await revokeSession(requireViewer(ctx.viewer), args.sessionId, ctx.address);
      await ctx.sessions.changed();
      return true;
    },
  }),
}));
