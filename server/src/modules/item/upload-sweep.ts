import fs from 'node:fs';
import path from 'node:path';
import { db } from '../../db.js';
import { log } from '../../log.js';
import { ABANDONED_AFTER_MS, LOOKBACK_MS, STRAY_AFTER_MS, looksStored, strayFiles, type FolderEntry } from './upload.rules.js';

// Photos are uploaded before the item that carries them is sent. An informant who
// uploads and then closes the form leaves a photo no item will ever show; a server
// stopped mid-upload leaves a temporary file. Both are removed here. A photo a
// revision took off an item is kept: the earlier version still lists it (and, for
// revisions made before versions kept their photos, the revision's audit entry names it).

export interface SweepResult {
  /** abandoned uploads whose record and file were removed */
  abandoned: number;
  /** files removed that had no record (or were temporary) */
  strays: number;
}

/** One sweep of abandoned uploads and stray files; safe to run on several instances at once. */
export async function sweepUploads(dir: string, now = new Date()): Promise<SweepResult> {
  const before = new Date(now.getTime() - ABANDONED_AFTER_MS);
  const candidates = await db().attachment.findMany({
    where: { itemId: null, revisions: { none: {} }, createdAt: { lte: before, gte: new Date(before.getTime() - LOOKBACK_MS) } },
    select: { id: true, storedName: true, createdAt: true },
  });
  let abandoned = 0;
  for (const a of candidates) {
    // detached by a revision made before versions kept their photos: its audit entry lists it
    const cited = await db().auditEntry.count({
      where: { at: { gte: a.createdAt }, OR: [{ before: { contains: a.id } }, { after: { contains: a.id } }] },
    });
    if (cited > 0) continue;
    // only if still unattached: an item sent this very moment keeps its photo
    const { count } = await db().attachment.deleteMany({ where: { id: a.id, itemId: null, revisions: { none: {} } } });
    if (count === 0) continue;
    fs.rmSync(path.join(dir, a.storedName), { force: true });
    abandoned++;
  }

  let entries: FolderEntry[] = [];
  try {
    entries = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => ({ name: d.name, mtimeMs: fs.statSync(path.join(dir, d.name)).mtimeMs }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // no upload yet: no folder
  }
  const old = entries.filter((e) => looksStored(e.name) && now.getTime() - e.mtimeMs >= STRAY_AFTER_MS).map((e) => e.name);
  const recorded = new Set<string>();
  for (let i = 0; i < old.length; i += 500) {
    const rows = await db().attachment.findMany({ where: { storedName: { in: old.slice(i, i + 500) } }, select: { storedName: true } });
    for (const r of rows) recorded.add(r.storedName);
  }
  const strays = strayFiles(entries, recorded, now.getTime());
  for (const name of strays) fs.rmSync(path.join(dir, name), { force: true });
  return { abandoned, strays: strays.length };
}

/** Sweeps every `intervalMs` (first after one interval); returns a function that stops it. */
export function startUploadSweep(dir: string, intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepUploads(dir)
      .then((r) => {
        if (r.abandoned || r.strays) log.info('uploads swept', { ...r });
      })
      .catch((err) => log.warn('upload sweep failed', { err }))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
