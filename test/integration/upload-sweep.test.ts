import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { ABANDONED_AFTER_MS, LOOKBACK_MS, STRAY_AFTER_MS } from '../../server/src/modules/item/upload.rules.js';
import { sweepUploads } from '../../server/src/modules/item/upload-sweep.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput } from '../helpers/graphql.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { uploadPhoto } from '../helpers/uploads.js';

// An informant uploads a photo and closes the form: after a day the photo is
// removed, record and file. A photo a revision took off an item stays (the earlier
// version lists it; before versions kept their photos, its audit entry named it), as
// does every photo an item shows. The server sweeps by itself.
// And a photo whose file has gone missing is a 404, not a crash.

let srv: TestServer;
let fx: Fixture;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-upload-sweep-'));
  srv = await startServer({ UPLOAD_DIR: dir }); // sweeps hourly: these tests call the sweep themselves
  fx = await createFixture();
});
afterAll(async () => {
  await srv.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const SUBMIT = `mutation($i: SubmitItemInput!) { submitItem(input: $i) { id } }`;
const REVIEW = `mutation($id: ID!, $input: ReviewInput!) { reviewItem(id: $id, input: $input) { id } }`;
const REVISE = `mutation($id: ID!, $input: ReviseItemInput!) { reviseItem(id: $id, input: $input) { id } }`;

const upload = () => uploadPhoto(`http://127.0.0.1:${srv.port}`, fx.tokens.infDept);

const fileOf = async (id: string) => path.join(dir, (await db().attachment.findUniqueOrThrow({ where: { id } })).storedName);
/** Makes an upload look `ageMs` old to the sweep. */
const age = (id: string, ageMs: number, now = Date.now()) => db().attachment.update({ where: { id }, data: { createdAt: new Date(now - ageMs) } });
const exists = async (id: string) => (await db().attachment.findUnique({ where: { id } })) !== null;
const fetchPhoto = (id: string) => fetch(`http://127.0.0.1:${srv.port}/attachments/${id}`, { headers: { authorization: `Bearer ${fx.tokens.infDept}` } });

describe('the upload sweep', () => {
  it('removes an upload no item took after a day, and keeps the photos items show or showed', async () => {
    const now = new Date();
    const abandoned = await upload();
    const young = await upload();
    const ancient = await upload();
    const [sent, removedByRevision, kept] = [await upload(), await upload(), await upload()];

    // one item sent with a photo; another returned and revised without one of its two
    const input = itemInput(fx.units.dept, 'sweep-sent');
    await gql(srv.url, SUBMIT, { i: { ...input, attachmentIds: [sent] } }, fx.tokens.infDept);
    const second = itemInput(fx.units.dept, 'sweep-revised', { category: 'MEETING', meetingSummary: '部署防汛工作' });
    const item = (await gql(srv.url, SUBMIT, { i: { ...second, attachmentIds: [removedByRevision, kept] } }, fx.tokens.infDept)).data.submitItem;
    await gql(srv.url, REVIEW, { id: item.id, input: { decision: 'RETURN', comment: '请换一张照片' } }, fx.tokens.office);
    const { unitId: _u, ...revision } = second;
    const revised = await gql(srv.url, REVISE, { id: item.id, input: { ...revision, attachmentIds: [kept] } }, fx.tokens.infDept);
    expect(revised.errors).toBeUndefined();

    for (const id of [abandoned, sent, removedByRevision, kept]) await age(id, ABANDONED_AFTER_MS, now.getTime());
    await age(young, ABANDONED_AFTER_MS - 1000, now.getTime());
    await age(ancient, ABANDONED_AFTER_MS + LOOKBACK_MS + 1000, now.getTime());
    const abandonedFile = await fileOf(abandoned);

    const result = await sweepUploads(dir, now);

    expect(result.abandoned).toBe(1);
    expect(await exists(abandoned)).toBe(false);
    expect(fs.existsSync(abandonedFile)).toBe(false);
    expect((await fetchPhoto(abandoned)).status).toBe(404);
    // a day less a second: the form may still be open
    expect(await exists(young)).toBe(true);
    // past the look-back (a server off for over a week): left as it is
    expect(await exists(ancient)).toBe(true);
    for (const id of [sent, removedByRevision, kept, young, ancient]) expect(fs.existsSync(await fileOf(id))).toBe(true);
    expect(await db().attachment.findUniqueOrThrow({ where: { id: removedByRevision } })).toMatchObject({ itemId: null });
    expect((await fetchPhoto(kept)).status).toBe(200);
  });

  it('keeps a photo taken off by a revision made before versions kept their photos: its audit entry names it', async () => {
    const now = new Date();
    const [gone, kept] = [await upload(), await upload()];
    const input = itemInput(fx.units.dept, 'sweep-legacy', { category: 'MEETING', meetingSummary: '部署防汛工作' });
    const item = (await gql(srv.url, SUBMIT, { i: { ...input, attachmentIds: [gone, kept] } }, fx.tokens.infDept)).data.submitItem;
    await gql(srv.url, REVIEW, { id: item.id, input: { decision: 'RETURN', comment: '请换一张照片' } }, fx.tokens.office);
    const { unitId: _u, ...revision } = input;
    expect((await gql(srv.url, REVISE, { id: item.id, input: { ...revision, attachmentIds: [kept] } }, fx.tokens.infDept)).errors).toBeUndefined();
    // what a database migrated from before this change holds: no photo list for version 1
    await db().revisionPhoto.deleteMany({ where: { attachmentId: gone } });
    await age(gone, ABANDONED_AFTER_MS, now.getTime());

    await sweepUploads(dir, now);

    expect(await exists(gone)).toBe(true);
    expect(fs.existsSync(await fileOf(gone))).toBe(true);
  });

  it('removes temporary files and files without a record once they are an hour old, and nothing else', async () => {
    const now = Date.now();
    const write = (name: string, ageMs: number) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, 'x');
      const t = new Date(now - ageMs);
      fs.utimesSync(file, t, t);
      return file;
    };
    const oldTemp = write('.upload-0123456789ab', STRAY_AFTER_MS);
    const newTemp = write('.upload-ba9876543210', STRAY_AFTER_MS - 5000);
    const orphanFile = write('c'.repeat(32) + '.png', STRAY_AFTER_MS + 1000);
    const newOrphanFile = write('d'.repeat(32) + '.png', 60_000);
    const foreign = write('README.txt', 30 * 24 * 3600_000);
    const recorded = await fileOf(await upload());
    const t = new Date(now - 2 * STRAY_AFTER_MS);
    fs.utimesSync(recorded, t, t);

    const result = await sweepUploads(dir, new Date(now));

    expect(result.strays).toBe(2);
    expect([oldTemp, newTemp, orphanFile, newOrphanFile, foreign, recorded].map((f) => fs.existsSync(f))).toEqual([false, true, false, true, true, true]);
  });

  it('runs by itself on the server', async () => {
    await srv.stop();
    srv = await startServer({ UPLOAD_DIR: dir, UPLOAD_SWEEP_MS: '200' });
    fx = await createFixture();
    const id = await upload();
    const file = await fileOf(id);
    await age(id, ABANDONED_AFTER_MS + 60_000);

    const deadline = Date.now() + 10_000;
    while ((await exists(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

    expect(await exists(id)).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('a photo whose file is missing', () => {
  it('answers 404 and the server keeps serving', async () => {
    const id = await upload();
    fs.rmSync(await fileOf(id));

    const res = await fetchPhoto(id);

    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not_found' });
    const health = await fetch(`http://127.0.0.1:${srv.port}/healthz`);
    expect(health.status).toBe(200);
  });
});
