/**
 * Creates the first administrator. There is no default password anywhere: the
 * password is typed at a prompt (not echoed) or given in XINBAO_ADMIN_PASSWORD.
 *
 *   pnpm --filter @xinbao/server admin:create --account admin --name 系统管理员
 */
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { loadConfig } from '../config.js';
import { closeDb, openDb } from '../db.js';
import { applyMigrations } from '../db/migrate.js';
import { savePerson } from '../modules/admin/admin.service.js';
import { passwordProblem } from '../modules/auth/password.js';
import { db } from '../db.js';

async function promptHidden(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  out._writeToOutput = (s: string) => out.output.write(s.startsWith(question) ? question : '');
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

const { values } = parseArgs({ options: { account: { type: 'string', default: 'admin' }, name: { type: 'string', default: '系统管理员' } } });
const config = loadConfig();
await applyMigrations(config.database);
await openDb(config.database);
try {
  if (await db().person.count({ where: { roles: { some: { role: 'ADMIN' } } } })) {
    console.error('已存在管理员账号；请由管理员在系统内创建其他账号。(an admin exists already)');
    process.exitCode = 1;
  } else {
    let password = process.env.XINBAO_ADMIN_PASSWORD ?? '';
    if (!password) {
      if (!process.stdin.isTTY) throw new Error('no terminal: set XINBAO_ADMIN_PASSWORD');
      password = await promptHidden('新管理员密码: ');
      if ((await promptHidden('再次输入密码: ')) !== password) throw new Error('两次输入的密码不一致');
    }
    const problem = passwordProblem(password);
    if (problem) throw new Error(problem);
    // The command line is the trust root here, so it acts as a built-in admin.
    const system = { personId: 'system', name: 'system', unitId: null, roles: new Set(['ADMIN'] as const), sessionId: 'cli', kind: 'USER' as const, unitsInCharge: [] };
    const person = await savePerson(system, null, { name: values.name!, account: values.account!, roles: ['ADMIN'], password }, 'cli');
    console.log(`已创建管理员 ${person.account} (${person.id})`);
  }
} catch (err) {
  console.error(`创建失败: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
