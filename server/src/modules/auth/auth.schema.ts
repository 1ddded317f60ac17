import { builder } from '../../builder.js';
import { db } from '../../db.js';
import { signIn } from './auth.service.js';

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

builder.queryFields((t) => ({
  viewer: t.prismaField({
    type: 'Person',
    nullable: true,
    description: 'The signed-in person, or null',
    resolve: (query, _root, _args, ctx) =>
      ctx.viewer ? db().person.findUnique({ ...query, where: { id: ctx.viewer.personId } }) : null,
  }),
}));

builder.mutationFields((t) => ({
  signIn: t.field({
    type: SignInResult,
    description: '登录 by account name or phone number',
    args: { login: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => signIn(args.login, args.password, ctx.address),
  }),
}));
