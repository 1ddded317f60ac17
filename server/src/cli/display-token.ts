/**
 * Issues a wall-display token for a duty-room account and prints the URL to open
 * once on the display PC (it keeps the token; the URL is cleaned afterwards).
 *
 *   pnpm --filter @xinbao/server display:token [--account duty] [--label 值班室大屏]
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { closeDb, db, openDb } from '../db.js';
import { createDisplayToken } from '../modules/auth/auth.service.js';

const { values } = parseArgs({ options: { account: { type: 'string' }, label: { type: 'string', default: '值班室大屏' }, base: { type: 'string' } } });
const config = loadConfig();
await openDb(config.database);
try {
  const duty = await db().person.findFirst({
    where: { active: true, roles: { some: { role: 'DUTY' } }, ...(values.account ? { account: values.account } : {}) },
    orderBy: { createdAt: 'asc' },
  });
  if (!duty) throw new Error('没有值班室 (DUTY) 账号；请先由管理员创建');
  const system = { personId: 'system', name: 'system', unitId: null, roles: new Set(['ADMIN'] as const), sessionId: 'cli', kind: 'USER' as const, unitsInCharge: [] };
  const { token, expiresAt } = await createDisplayToken(system, duty.id, values.label!, 'cli');
  const base = values.base ?? `http://localhost:${config.port}`;
  console.log(`值班室大屏地址（在大屏电脑上打开一次即可，大屏运行期间自动续期，闲置至 ${expiresAt.toISOString().slice(0, 10)} 失效）:\n  ${base}/?token=${token}`);
} catch (err) {
  console.error(`签发失败: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
