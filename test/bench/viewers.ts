import { randomBytes, randomUUID } from 'node:crypto';
import { db } from '../../server/src/db.js';
import { tokenHash } from '../../server/src/modules/auth/auth.service.js';

/**
 * One signed-in screen per subscriber, as in production: `n` people with the
 * wall-display role (值班室, sees every event), each with its own session, written
 * in one transaction. The server limits sockets per person, so subscribers cannot
 * share one session. Returns the bearer tokens.
 */
export async function createScreens(n: number): Promise<string[]> {
  const people = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    name: `值班屏 ${i + 1}`,
    account: `bench-screen-${i + 1}`,
  }));
  const tokens = people.map(() => randomBytes(24).toString('base64url'));
  const expiresAt = new Date(Date.now() + 24 * 3600_000); // outlives any soak
  // One transaction; on a busy machine 10,000 rows × 3 can take longer than Prisma's 5 s default.
  await db().$transaction(
    async (tx) => {
      await tx.person.createMany({ data: people });
      await tx.personRole.createMany({ data: people.map((p) => ({ personId: p.id, role: 'DUTY' as const })) });
      await tx.session.createMany({ data: people.map((p, i) => ({ personId: p.id, tokenHash: tokenHash(tokens[i]!), expiresAt })) });
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
  return tokens;
}
