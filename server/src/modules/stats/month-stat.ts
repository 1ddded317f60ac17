import { db, dbKind, type Tx } from '../../db.js';
import type { ItemStatus } from '../../generated/sqlite/enums.js';
import { monthKey } from '../period/period.rules.js';

/**
 * Moves one item between status counts of its month, inside the caller's
 * transaction. An atomic upsert (ON CONFLICT … DO UPDATE), so concurrent writers
 * on PostgreSQL never race on a missing row.
 */
export async function bumpMonthStat(tx: Tx, submittedAt: Date, unitId: string, from: ItemStatus | null, to: ItemStatus | null): Promise<void> {
  const month = monthKey(submittedAt);
  for (const [status, delta] of [
    [from, -1],
    [to, 1],
  ] as const) {
    if (!status || from === to) continue;
    if (dbKind() === 'postgres') {
      await tx.$executeRaw`INSERT INTO "ItemMonthStat" ("month", "unitId", "status", "count") VALUES (${month}, ${unitId}, ${status}::"ItemStatus", ${delta})
        ON CONFLICT ("month", "unitId", "status") DO UPDATE SET "count" = "ItemMonthStat"."count" + excluded."count"`;
    } else {
      await tx.$executeRaw`INSERT INTO "ItemMonthStat" ("month", "unitId", "status", "count") VALUES (${month}, ${unitId}, ${status}, ${delta})
        ON CONFLICT ("month", "unitId", "status") DO UPDATE SET "count" = "ItemMonthStat"."count" + excluded."count"`;
    }
  }
}

/** Recomputes every month's counts from the items (after a bulk load such as the seed). */
export async function rebuildMonthStats(): Promise<number> {
  const counts = new Map<string, { month: string; unitId: string; status: ItemStatus; count: number }>();
  let cursor: string | undefined;
  for (;;) {
    const rows = await db().item.findMany({
      select: { id: true, unitId: true, status: true, submittedAt: true },
      orderBy: { id: 'asc' },
      take: 5000,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (rows.length === 0) break;
    for (const r of rows) {
      const month = monthKey(r.submittedAt);
      const key = `${month}|${r.unitId}|${r.status}`;
      const c = counts.get(key) ?? { month, unitId: r.unitId, status: r.status, count: 0 };
      c.count++;
      counts.set(key, c);
    }
    cursor = rows[rows.length - 1]!.id;
  }
  const data = [...counts.values()];
  await db().$transaction([db().itemMonthStat.deleteMany(), db().itemMonthStat.createMany({ data })]);
  return data.length;
}
