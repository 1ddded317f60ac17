/**
 * Backup and restore.
 *   SQLite:     pnpm --filter @xinbao/server backup  <file>   (online, while the server runs)
 *               pnpm --filter @xinbao/server restore <file>   (server stopped)
 *   PostgreSQL: use pg_dump / pg_restore (see docs/deploy/README.md).
 */
import { loadConfig } from '../config.js';
import { backupSqlite, restoreSqlite } from '../db/backup.js';

const [command, file] = process.argv.slice(2);
const config = loadConfig();
try {
  if (config.database.kind !== 'sqlite') throw new Error('PostgreSQL 请使用 pg_dump / pg_restore（见 docs/deploy/README.md）');
  if (!file || (command !== 'backup' && command !== 'restore')) throw new Error('用法: backup <文件> | restore <文件>');
  const dbFile = config.database.url.replace(/^file:/, '');
  if (command === 'backup') {
    const t0 = Date.now();
    const r = await backupSqlite(dbFile, file);
    console.log(`备份完成: ${file}（${r.pages} 页，${Date.now() - t0} ms，完整性校验通过）`);
  } else {
    await restoreSqlite(file, dbFile);
    console.log(`已从 ${file} 恢复到 ${dbFile}；请启动服务。`);
  }
} catch (err) {
  console.error(`失败: ${(err as Error).message}`);
  process.exitCode = 1;
}
