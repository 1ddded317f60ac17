import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Online backup of a SQLite database: SQLite's backup API copies a consistent
 * snapshot page by page while the server keeps writing (WAL readers never block
 * the writer). The copy is then integrity-checked.
 */
/** better-sqlite3's largest step, i.e. everything left */
const ALL_PAGES = 0x7fffffff;

export async function backupSqlite(sourceFile: string, destFile: string): Promise<{ pages: number }> {
  fs.mkdirSync(path.dirname(path.resolve(destFile)), { recursive: true });
  if (fs.existsSync(destFile)) throw new Error(`备份文件已存在: ${destFile}`);
  const src = new Database(sourceFile, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    // All remaining pages in one step: SQLite starts a backup again whenever another
    // connection writes between two steps, so a step of a hundred pages (the default)
    // never finished a busy database. One step holds a WAL read snapshot, which does not
    // block the server's writes; this runs in the backup command's own process.
    const r = await src.backup(destFile, { progress: () => ALL_PAGES });
    const check = checkIntegrity(destFile);
    if (check !== 'ok') throw new Error(`备份文件校验失败: ${check}`);
    return { pages: r.totalPages };
  } finally {
    src.close();
  }
}

export function checkIntegrity(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/**
 * Restores a backup over a database file. The server must be stopped: the target's
 * WAL and shared-memory files are removed so no stale frames are replayed.
 */
export async function restoreSqlite(backupFile: string, targetFile: string): Promise<void> {
  const check = checkIntegrity(backupFile);
  if (check !== 'ok') throw new Error(`备份文件已损坏: ${check}`);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(targetFile + suffix, { force: true });
  const tmp = `${targetFile}.restoring`;
  fs.rmSync(tmp, { force: true });
  const src = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    await src.backup(tmp);
  } finally {
    src.close();
  }
  fs.renameSync(tmp, targetFile); // atomic on one file system: never a half-restored database
}
