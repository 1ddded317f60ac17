import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput } from '../helpers/graphql.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { uploadPhoto } from '../helpers/uploads.js';

// A meeting item returned with "请补充会议照片": the informant revises it and sends
// the complete new set of photos (kept ones and new uploads).

let srv: TestServer;
let fx: Fixture;
let uploadDir: string;

beforeAll(async () => {
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-revise-photos-'));
  srv = await startServer({ UPLOAD_DIR: uploadDir });
  fx = await createFixture();
});
afterAll(async () => {
  await srv.stop();
  fs.rmSync(uploadDir, { recursive: true, force: true });
});

const ITEM = `id title version status attachments { id }`;
const SUBMIT = `mutation($i: SubmitItemInput!) { submitItem(input: $i) { ${ITEM} } }`;
const REVIEW = `mutation($id: ID!, $input: ReviewInput!) { reviewItem(id: $id, input: $input) { id } }`;
const REVISE = `mutation($id: ID!, $input: ReviseItemInput!) { reviseItem(id: $id, input: $input) { ${ITEM} } }`;
const READ = `query($id: ID!) { item(id: $id) { ${ITEM} } }`;
const VERSIONS = `query($id: ID!) { item(id: $id) { revisions { version photos { id } } } }`;

const upload = (token = fx.tokens.infDept) => uploadPhoto(`http://127.0.0.1:${srv.port}`, token);
/** One after another, so their order (by upload time) is the order of the ids. */
async function uploads(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await upload());
  return ids;
}

/** Setup: a meeting item of the department with `photos` uploaded photos, returned by the office. */
async function returnedItem(name: string, photos: number) {
  const attachmentIds = await uploads(photos);
  const input = itemInput(fx.units.dept, name, { category: 'MEETING', meetingSummary: '部署防汛工作' });
  const item = (await gql(srv.url, SUBMIT, { i: { ...input, attachmentIds } }, fx.tokens.infDept)).data.submitItem;
  await gql(srv.url, REVIEW, { id: item.id, input: { decision: 'RETURN', comment: '请补充会议照片' } }, fx.tokens.office);
  const { unitId: _u, ...revision } = input;
  return { id: item.id as string, photos: attachmentIds, revision: { ...revision, title: `${input.title}（补充照片）` } };
}

const photoIds = (item: { attachments: { id: string }[] }) => item.attachments.map((a) => a.id);
/** Each version's photos as the office sees them: [version, ids]. */
const versions = async (id: string) =>
  ((await gql(srv.url, VERSIONS, { id }, fx.tokens.office)).data.item.revisions as { version: number; photos: { id: string }[] }[]).map((r) => [r.version, r.photos.map((p) => p.id)]);
const photoStatus = async (id: string, token: string) => (await fetch(`http://127.0.0.1:${srv.port}/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } })).status;
const lastAudit = async (id: string) => {
  const a = await db().auditEntry.findFirstOrThrow({ where: { entityId: id, action: 'item.revise' }, orderBy: { id: 'desc' } });
  return { before: JSON.parse(a.before!), after: JSON.parse(a.after!) };
};

describe('revising a returned item’s photos', () => {
  it('adds a photo, and the audit entry records the photos before and after', async () => {
    const item = await returnedItem('add', 1);
    const added = await upload();

    const res = await gql(srv.url, REVISE, { id: item.id, input: { ...item.revision, attachmentIds: [...item.photos, added] } }, fx.tokens.infDept);

    expect(res.errors).toBeUndefined();
    expect(res.data.reviseItem).toMatchObject({ status: 'SUBMITTED', version: 2 });
    expect(photoIds(res.data.reviseItem)).toEqual([...item.photos, added]);
    expect(await lastAudit(item.id)).toMatchObject({ before: { attachmentIds: item.photos }, after: { attachmentIds: [...item.photos, added] } });
    expect(await versions(item.id)).toEqual([
      [1, item.photos],
      [2, [...item.photos, added]],
    ]);
  });

  it('removes one photo and keeps another; the removed one is detached, not deleted', async () => {
    const item = await returnedItem('remove', 2);
    const [gone, kept] = item.photos;

    const res = await gql(srv.url, REVISE, { id: item.id, input: { ...item.revision, attachmentIds: [kept] } }, fx.tokens.infDept);

    expect(res.errors).toBeUndefined();
    expect(photoIds(res.data.reviseItem)).toEqual([kept]);
    expect(await db().attachment.findUnique({ where: { id: gone! } })).toMatchObject({ itemId: null, uploadedById: fx.people.infDept });
    expect(await lastAudit(item.id)).toMatchObject({ before: { attachmentIds: [gone, kept] }, after: { attachmentIds: [kept] } });
    // the first version still shows the photo it was sent with, to those who may read the item
    expect(await versions(item.id)).toEqual([
      [1, [gone, kept]],
      [2, [kept]],
    ]);
    expect(await photoStatus(gone!, fx.tokens.office)).toBe(200);
    expect(await photoStatus(gone!, fx.tokens.infDept)).toBe(200);
    expect(await photoStatus(gone!, fx.tokens.infVillage)).toBe(404);
  });

  it.each([
    ['omitted', {}],
    ['null', { attachmentIds: null }],
  ])('keeps the photos as they are when attachmentIds is %s', async (name, extra) => {
    const item = await returnedItem(`keep-${name}`, 2);

    const res = await gql(srv.url, REVISE, { id: item.id, input: { ...item.revision, ...extra } }, fx.tokens.infDept);

    expect(res.errors).toBeUndefined();
    expect(res.data.reviseItem).toMatchObject({ status: 'SUBMITTED', version: 2 });
    expect(photoIds(res.data.reviseItem)).toEqual(item.photos);
    expect((await lastAudit(item.id)).after).not.toHaveProperty('attachmentIds');
    expect(await versions(item.id)).toEqual([
      [1, item.photos],
      [2, item.photos],
    ]);
  });

  it.each([
    ['another person’s upload', () => upload(fx.tokens.infVillage)],
    ['another item’s photo', async () => (await returnedItem('other', 1)).photos[0]!],
    ['an unknown id', async () => 'no-such-attachment'],
  ])('refuses %s and changes nothing', async (_name, foreign) => {
    const item = await returnedItem('foreign', 1);
    const other = await foreign();
    const otherBefore = await db().attachment.findUnique({ where: { id: other } });
    const added = await upload();

    // a legitimate removal and addition in the same request must not happen either
    const res = await gql(srv.url, REVISE, { id: item.id, input: { ...item.revision, attachmentIds: [added, other] } }, fx.tokens.infDept);

    expect(res.errors?.[0]).toMatchObject({ message: '照片不存在或已被使用，请重新上传', extensions: { code: 'input/invalid' } });
    const after = (await gql(srv.url, READ, { id: item.id }, fx.tokens.infDept)).data.item;
    expect(after).toMatchObject({ title: '测试信息 foreign', version: 1, status: 'RETURNED' });
    expect(photoIds(after)).toEqual(item.photos);
    expect(await versions(item.id)).toEqual([[1, item.photos]]);
    expect(await db().attachment.findUnique({ where: { id: added } })).toMatchObject({ itemId: null });
    expect(await db().attachment.findUnique({ where: { id: other } })).toEqual(otherBefore);
  });

  it('refuses more than 9 photos in all and changes nothing', async () => {
    const item = await returnedItem('ten', 5);
    const more = await uploads(5);

    const res = await gql(srv.url, REVISE, { id: item.id, input: { ...item.revision, attachmentIds: [...item.photos, ...more, more[0]] } }, fx.tokens.infDept);

    expect(res.errors?.[0]).toMatchObject({ message: '每条信息最多 9 张照片', extensions: { code: 'input/invalid' } });
    const after = (await gql(srv.url, READ, { id: item.id }, fx.tokens.infDept)).data.item;
    expect(after).toMatchObject({ version: 1, status: 'RETURNED' });
    expect(photoIds(after)).toEqual(item.photos);
    expect(await db().attachment.count({ where: { id: { in: more }, itemId: null } })).toBe(5);
  });
});
