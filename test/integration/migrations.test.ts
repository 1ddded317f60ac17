import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrationsDir } from '../../server/src/db/migrate.js';
import { tempSqliteUrl } from '../helpers/server.js';

const tmp = tempSqliteUrl();
afterAll(() => fs.rmSync(tmp.dir, { recursive: true, force: true }));

describe('applying migrations at start-up', () => {
  it('keeps child rows when a later migration rebuilds a parent table (no cascade on DROP)', async () => {
    // Setup: a database at the first migration, with an incident and its report.
    const all = fs.readdirSync(migrationsDir('sqlite')).filter((d) => /^\d+_/.test(d)).sort();
    expect(all.length).toBeGreaterThan(1);
    const staged = path.join(tmp.dir, 'migrations');
    fs.mkdirSync(path.join(staged, all[0]!), { recursive: true });
    fs.copyFileSync(path.join(migrationsDir('sqlite'), all[0]!, 'migration.sql'), path.join(staged, all[0]!, 'migration.sql'));
    expect(await applyMigrations({ kind: 'sqlite', url: tmp.url }, staged)).toEqual([all[0]]);
    const db = new Database(tmp.file);
    db.exec(`
      INSERT INTO Unit (id, name, kind, sortOrder, active, createdAt) VALUES ('u1', '李家村', 'VILLAGE', 0, 1, 0);
      INSERT INTO Person (id, name, account, active, createdAt) VALUES ('p1', '王伟', 'wang', 1, 0);
      INSERT INTO Incident (id, unitId, kind, severity, title, location, description, casualties, losses, measures,
        reporterName, reporterPhone, occurredAt, reportedAt, reportedById, enteredById, status, updatedAt)
        VALUES ('i1', 'u1', 'WORK_INJURY', 'GENERAL', 't', 'l', 'd', 'c', 'x', 'm', 'n', '1', 0, 0, 'p1', 'p1', 'REPORTED', 0);
      INSERT INTO IncidentReport (id, incidentId, direction, kind, number, byMainLeaderPersonally, sentAt, sentById)
        VALUES ('r1', 'i1', 'UNIT_TO_OFFICE', 'INITIAL', 1, 0, 0, 'p1');
    `);
    db.close();

    // Action: the real folder, with every later migration.
    const applied = await applyMigrations({ kind: 'sqlite', url: tmp.url });

    // Assert
    expect(applied).toEqual(all.slice(1));
    const after = new Database(tmp.file, { readonly: true });
    expect(after.prepare('SELECT count(*) AS n FROM IncidentReport').get()).toEqual({ n: 1 });
    expect(after.prepare('SELECT count(*) AS n FROM Incident').get()).toEqual({ n: 1 });
    after.close();
    // Idempotent: nothing left to apply.
    expect(await applyMigrations({ kind: 'sqlite', url: tmp.url })).toEqual([]);
  });

  it('gives each item’s current version the photos the item has, in upload order', async () => {
    // Setup: a database just before versions kept their photos, with an item at
    // version 2 showing two photos, one photo its revision took off, and an item without photos.
    const file = tempSqliteUrl();
    const all = fs.readdirSync(migrationsDir('sqlite')).filter((d) => /^\d+_/.test(d)).sort();
    const at = all.findIndex((d) => d.endsWith('_revision_photos'));
    expect(at).toBeGreaterThan(0);
    const staged = path.join(file.dir, 'migrations');
    for (const d of all.slice(0, at)) {
      fs.mkdirSync(path.join(staged, d), { recursive: true });
      fs.copyFileSync(path.join(migrationsDir('sqlite'), d, 'migration.sql'), path.join(staged, d, 'migration.sql'));
    }
    await applyMigrations({ kind: 'sqlite', url: file.url }, staged);
    const db = new Database(file.file);
    const item = (id: string, version: number) =>
      `INSERT INTO Item (id, unitId, category, channel, title, body, occurredAt, submittedAt, authorId, enteredById, status, version, updatedAt)
         VALUES ('${id}', 'u1', 'WORK_PROGRESS', 'WRITTEN', 't', 'b', 0, 0, 'p1', 'p1', 'SUBMITTED', ${version}, 0);`;
    const revision = (id: string, itemId: string, version: number) =>
      `INSERT INTO ItemRevision (id, itemId, version, category, channel, title, body, occurredAt, editedById, createdAt)
         VALUES ('${id}', '${itemId}', ${version}, 'WORK_PROGRESS', 'WRITTEN', 't', 'b', 0, 'p1', 0);`;
    const photo = (id: string, itemId: string | null, createdAt: number) =>
      `INSERT INTO Attachment (id, itemId, storedName, originalName, mimeType, size, sha256, uploadedById, createdAt)
         VALUES ('${id}', ${itemId ? `'${itemId}'` : 'NULL'}, '${id}.jpg', 'p.jpg', 'image/jpeg', 1, 'x', 'p1', ${createdAt});`;
    db.exec(`
      INSERT INTO Unit (id, name, kind, sortOrder, active, createdAt) VALUES ('u1', '李家村', 'VILLAGE', 0, 1, 0);
      INSERT INTO Person (id, name, account, active, createdAt) VALUES ('p1', '王伟', 'wang', 1, 0);
      ${item('i1', 2)} ${revision('r1', 'i1', 1)} ${revision('r2', 'i1', 2)}
      ${photo('later', 'i1', 2000)} ${photo('earlier', 'i1', 1000)} ${photo('taken-off', null, 500)}
      ${item('i2', 1)} ${revision('r3', 'i2', 1)}
    `);
    db.close();

    await applyMigrations({ kind: 'sqlite', url: file.url });

    const after = new Database(file.file, { readonly: true });
    expect(after.prepare('SELECT revisionId, attachmentId, position FROM RevisionPhoto ORDER BY revisionId, position').all()).toEqual([
      { revisionId: 'r2', attachmentId: 'earlier', position: 0 },
      { revisionId: 'r2', attachmentId: 'later', position: 1 },
    ]);
    after.close();
    fs.rmSync(file.dir, { recursive: true, force: true });
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    const db = new Database(tmp.file);
    db.prepare(`UPDATE _prisma_migrations SET checksum = 'x' WHERE rowid = 1`).run();
    db.close();
    await expect(applyMigrations({ kind: 'sqlite', url: tmp.url })).rejects.toThrow(/edited after it was applied/);
  });
});
