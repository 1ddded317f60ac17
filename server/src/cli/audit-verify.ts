/** Verifies the audit trail's hash chain: exit 0 when intact, 1 naming the first bad row. */
import { loadConfig } from '../config.js';
import { closeDb, openDb } from '../db.js';
import { verifyAuditChain } from '../modules/audit/audit.service.js';

const config = loadConfig();
await openDb(config.database);
try {
  const r = await verifyAuditChain();
  if (r.ok) console.log(`审计链完整: ${r.checked} 条记录已核验`);
  else {
    console.error(`审计链被破坏: 第 ${r.brokenAt} 条记录 — ${r.reason}（此前 ${r.checked} 条完好）`);
    process.exitCode = 1;
  }
} finally {
  await closeDb();
}
