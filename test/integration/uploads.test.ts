import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithGps } from '../helpers/images.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput } from '../helpers/graphql.js';
import { startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let fx: Fixture;
let base: string;

beforeAll(async () => {
  srv = await startServer();
  fx = await createFixture();
  base = `http://127.0.0.1:${srv.port}`;
});
afterAll(() => srv.stop());

const upload = (body: BodyInit, token: string | null = fx.tokens.infDept, name = 'meeting.jpg', extra: Record<string, string> = {}) =>
  fetch(`${base}/uploads`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'image/jpeg', 'x-filename': encodeURIComponent(name), ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
    duplex: 'half',
  } as RequestInit);

describe('meeting photos', () => {
  it('strips EXIF GPS, stores the photo, and attaches it to the item', async () => {
    const res = await upload(new Uint8Array(jpegWithGps()), fx.tokens.infDept, '会议现场.jpg');
    expect(res.status).toBe(201);
    const a = await res.json();
    expect(a).toMatchObject({ mimeType: 'image/jpeg', originalName: '会议现场.jpg' });

    const submit = await gql(
      srv.url,
      'mutation($i: SubmitItemInput!) { submitItem(input: $i) { id attachments { id url mimeType } } }',
      { i: itemInput(fx.units.dept, 'photo', { category: 'MEETING', meetingSummary: '部署防汛工作', attachmentIds: [a.id] }) },
      fx.tokens.infDept,
    );
    expect(submit.errors).toBeUndefined();
    expect(submit.data.submitItem.attachments).toEqual([{ id: a.id, url: `/attachments/${a.id}`, mimeType: 'image/jpeg' }]);

    const file = await fetch(`${base}/attachments/${a.id}`, { headers: { authorization: `Bearer ${fx.tokens.office}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(bytes.toString('latin1')).not.toMatch(/GPS|Exif/);
    // Another unit's informant cannot fetch it, not even to learn it exists.
    expect((await fetch(`${base}/attachments/${a.id}`, { headers: { authorization: `Bearer ${fx.tokens.infVillage}` } })).status).toBe(404);
    // And a photo cannot be attached twice.
    const again = await gql(srv.url, 'mutation($i: SubmitItemInput!) { submitItem(input: $i) { id } }', { i: itemInput(fx.units.dept, 'x', { attachmentIds: [a.id] }) }, fx.tokens.infDept);
    expect(again.errors?.[0]?.message).toMatch(/照片不存在或已被使用/);
  });

  it('rejects an HTML file renamed to .jpg', async () => {
    const res = await upload('<html><body><script>alert(document.cookie)</script></body></html>', fx.tokens.infDept, 'photo.jpg');
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'upload/bad_type' });
  });

  it('rejects an oversized upload without the server’s memory growing by its size', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0xff);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        // 64 MB, streamed (no content-length), far beyond the 10 MB limit.
        if (sent >= 64) return ctrl.close();
        sent++;
        ctrl.enqueue(chunk);
      },
    });
    global.gc?.();
    const before = process.memoryUsage();
    const res = await upload(body as never).catch((err: Error) => ({ status: 0, err }) as never);
    const after = process.memoryUsage();
    // The server answers 413 and closes; the client may see the close first.
    if (res.status !== 0) expect(res.status).toBe(413);
    expect(sent).toBeLessThan(64);
    expect(after.rss - before.rss).toBeLessThan(40 * 1024 * 1024);
    const declared = await fetch(`${base}/uploads`, { method: 'POST', body: new Uint8Array(11 * 1024 * 1024), headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${fx.tokens.infDept}` } });
    expect(declared.status).toBe(413);
  });

  it('requires a signed-in person, not a display', async () => {
    expect((await upload(new Uint8Array(jpegWithGps()), null)).status).toBe(401);
    expect((await upload(new Uint8Array(jpegWithGps()), fx.tokens.display)).status).toBe(403);
  });
});
