import { builder } from '../../builder.js';

builder.queryFields((t) => ({
  serverTime: t.field({
    authScopes: { public: true },
    type: 'DateTime',
    description: 'The server clock: clients compute the CST clock and countdowns from it, never from their own',
    resolve: () => new Date(),
  }),
}));
