import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput } from '../helpers/graphql.js';
import { withGps } from '../helpers/images.js';
import type { TestServer } from '../helpers/server.js';
import { uploadPhoto } from '../helpers/uploads.js';
import { artifact, canvasJpeg, decodedWidth, eventually, launchBrowser, openPage, setPassword, signIn, startWebServer } from './e2e-helpers.js';

// Meeting photos from a phone (also added when revising a returned item), 催报 from
// the office seen live by the informant, and the admin issuing a wall token that
// then opens the wall.

let server: TestServer & { origin: string };
let fx: Fixture;
let browser: Browser;
let uploadDir: string;

beforeAll(async () => {
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-e2e-uploads-'));
  server = await startWebServer({ UPLOAD_DIR: uploadDir, SESSION_SEEN_FLUSH_MS: '200' }); // last uses written at once
  fx = await createFixture();
  await setPassword(fx.people.infDept, 'dept-pw-1');
  await setPassword(fx.people.office, 'office-pw-1');
  await setPassword(fx.people.admin, 'admin-pw-12');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(uploadDir, { recursive: true, force: true });
});

it('an informant attaches a meeting photo on a phone; it is stored without GPS and shown in 我的信息 and the review queue', async () => {
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const p = phone.page;
  await signIn(p, server.origin, 'inf-dept', 'dept-pw-1', '/report');
  await p.waitForSelector('[data-testid="item-form"]');
  await p.click('[data-category="MEETING"]');
  await p.fill('input[name=title]', '经发办召开安全生产专题会议');
  await p.fill('textarea[name=body]', '11 月 25 日召开安全生产专题会议，部署冬季安全检查。');
  await p.fill('textarea[name=meetingSummary]', '一是开展隐患排查；二是落实值班值守。');
  // the camera input: image/* with capture
  expect(await p.getAttribute('[data-testid="photo-input"]', 'accept')).toBe('image/*');
  expect(await p.getAttribute('[data-testid="photo-input"]', 'capture')).not.toBeNull();
  await p.setInputFiles('[data-testid="photo-input"]', [
    { name: '会议现场.jpg', mimeType: 'image/jpeg', buffer: withGps(await canvasJpeg(p)) },
    { name: '会议纪要.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
  ]);
  await p.waitForSelector('[data-testid="photo-thumb"][data-status="done"]');
  const bad = p.locator('[data-testid="photo-thumb"][data-status="error"]');
  expect(await bad.textContent()).toContain('只能上传 JPEG、PNG 或 WebP');
  // a failed photo blocks the submit until it is removed
  await p.click('[data-testid="item-submit"]');
  expect(await p.textContent('[data-testid="photo-problem"]')).toContain('有照片上传失败');
  await bad.locator('[data-testid="photo-remove"]').click();
  expect(await p.locator('[data-testid="photo-thumb"]').count()).toBe(1);
  const attachmentId = (await p.getAttribute('[data-testid="photo-thumb"]', 'data-attachment-id'))!;
  await p.screenshot({ path: artifact('photo-form-375.png'), fullPage: true });
  await p.click('[data-testid="item-submit"]');
  await p.waitForSelector('[data-testid="submit-message"]');
  expect(await p.textContent('[data-testid="submit-message"]')).toContain('已报送');
  expect(await p.locator('[data-testid="photo-thumb"]').count()).toBe(0); // the form is reset

  await p.click('[data-tab="mine"]');
  const entry = p.locator('[data-testid="my-items"] [data-item-id]').first();
  await entry.locator(`[data-testid="item-photo"][data-attachment-id="${attachmentId}"]`).waitFor();
  const itemId = (await entry.getAttribute('data-item-id'))!;
  // shown through an object URL (the file needs the bearer header)
  expect(await entry.locator('[data-testid="item-photo"]').getAttribute('src')).toMatch(/^blob:/);
  await eventually(() => decodedWidth(entry.locator('[data-testid="item-photo"]')), (w) => w > 0, 10_000, 'the photo decoded in 我的信息');

  // the server kept it, without the GPS segment
  const res = await gql(server.url, `query($id: ID!) { item(id: $id) { attachments { id url mimeType originalName } } }`, { id: itemId }, fx.tokens.office);
  expect(res.data.item.attachments).toEqual([expect.objectContaining({ id: attachmentId, mimeType: 'image/jpeg', originalName: '会议现场.jpg' })]);
  const file = await fetch(`${server.origin}${res.data.item.attachments[0].url}`, { headers: { authorization: `Bearer ${fx.tokens.office}` } });
  expect(file.status).toBe(200);
  expect(Buffer.from(await file.arrayBuffer()).toString('latin1')).not.toContain('GPSLatitude');

  // the office sees it in the review queue
  const desk = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await signIn(desk.page, server.origin, 'office', 'office-pw-1', '/office');
  const queued = desk.page.locator(`[data-testid="review-queue"] [data-item-id="${itemId}"] [data-testid="item-photo"]`);
  await eventually(() => decodedWidth(queued), (w) => w > 0, 10_000, 'the photo decoded in the review queue');
  await desk.page.screenshot({ path: artifact('photo-review-queue.png') });
  expect(phone.errors).toEqual([]);
  expect(desk.errors).toEqual([]);
  await phone.page.context().close();
  await desk.page.context().close();
});

it('returned with 请补充会议照片, the informant adds a photo while revising; the office sees it on the item', async () => {
  // Setup: a meeting item with one photo, returned by the office
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const p = phone.page;
  const photo = withGps(await canvasJpeg(p, 30));
  const first = await uploadPhoto(server.origin, fx.tokens.infDept, photo, '会场.jpg');
  const input = { ...itemInput(fx.units.dept, 'revise-photo', { category: 'MEETING', meetingSummary: '部署冬季安全检查', attachmentIds: [first] }), title: '经发办召开冬季安全检查部署会' };
  const itemId = (await gql(server.url, 'mutation($i: SubmitItemInput!) { submitItem(input: $i) { id } }', { i: input }, fx.tokens.infDept)).data.submitItem.id as string;
  const ret = await gql(server.url, 'mutation($id: ID!) { reviewItem(id: $id, input: { decision: RETURN, comment: "请补充会议照片" }) { status } }', { id: itemId }, fx.tokens.office);
  expect(ret.data.reviewItem.status).toBe('RETURNED');

  // Action: on the phone, revise it; the form starts with the photo the item has
  await signIn(p, server.origin, 'inf-dept', 'dept-pw-1', '/report');
  await p.click('[data-tab="mine"]');
  const entry = p.locator(`[data-testid="my-items"] [data-item-id="${itemId}"]`);
  expect(await entry.locator('[data-testid="item-comment"]').textContent()).toContain('请补充会议照片');
  await entry.locator('[data-testid="item-revise"]').click();
  const form = p.locator('[data-testid="revise-form"]');
  const kept = form.locator(`[data-testid="photo-thumb"][data-status="done"][data-attachment-id="${first}"]`);
  await kept.locator('img[src^="blob:"]').waitFor(); // fetched with the bearer header
  await eventually(() => decodedWidth(kept.locator('img')), (w) => w > 0, 10_000, 'the kept photo decoded');
  await form.locator('[data-testid="photo-input"]').setInputFiles([{ name: '会场全景.jpg', mimeType: 'image/jpeg', buffer: withGps(await canvasJpeg(p, 280)) }]);
  await eventually(() => form.locator('[data-testid="photo-thumb"][data-status="done"]').count(), (n) => n === 2, 15_000, 'the new photo uploaded');
  const added = (await form.locator('[data-testid="photo-thumb"]').nth(1).getAttribute('data-attachment-id'))!;
  expect(added).not.toBe(first);
  await p.screenshot({ path: artifact('revise-photos-375.png'), fullPage: true });
  await form.locator('[data-testid="item-submit"]').click();
  expect(await p.locator('[data-testid="revise-message"]').textContent()).toContain('已重新报送');

  // Assert: the item has both photos, in 我的信息 and in the office's review queue
  await entry.locator(`[data-testid="item-photo"][data-attachment-id="${added}"]`).waitFor();
  expect(await entry.getAttribute('data-status')).toBe('SUBMITTED');
  const res = await gql(server.url, 'query($id: ID!) { item(id: $id) { version attachments { id } } }', { id: itemId }, fx.tokens.office);
  expect(res.data.item).toEqual({ version: 2, attachments: [{ id: first }, { id: added }] });
  const desk = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await signIn(desk.page, server.origin, 'office', 'office-pw-1', '/office');
  const queued = desk.page.locator(`[data-testid="review-queue"] [data-item-id="${itemId}"]`);
  await queued.locator(`[data-testid="item-photo"][data-attachment-id="${added}"]`).waitFor();
  await queued.locator(`[data-testid="item-photo"][data-attachment-id="${first}"]`).waitFor();
  expect(phone.errors).toEqual([]);
  expect(desk.errors).toEqual([]);
  await phone.page.context().close();
  await desk.page.context().close();
});

it('a revised item in the review queue shows why it was returned and what the revision changed, with the photo it took off', async () => {
  // Setup: a meeting item with two photos, returned; revised with a new title, one photo
  // taken off and one added (through the API, as the phone does above)
  const desk = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  const d = desk.page;
  const upload = async (hue: number) => uploadPhoto(server.origin, fx.tokens.infDept, await canvasJpeg(d, hue));
  const [gone, kept, added] = [await upload(10), await upload(120), await upload(220)];
  const input = itemInput(fx.units.dept, 'versions', { category: 'MEETING', meetingSummary: '部署冬季安全检查', attachmentIds: [gone, kept] });
  const before = { ...input, title: '经发办开会' };
  const itemId = (await gql(server.url, 'mutation($i: SubmitItemInput!) { submitItem(input: $i) { id } }', { i: before }, fx.tokens.infDept)).data.submitItem.id as string;
  await gql(server.url, 'mutation($id: ID!) { reviewItem(id: $id, input: { decision: RETURN, comment: "标题写明会议名称，换一张看得清会场的照片" }) { id } }', { id: itemId }, fx.tokens.office);
  const { unitId: _u, ...revision } = before;
  const revised = await gql(
    server.url,
    'mutation($id: ID!, $i: ReviseItemInput!) { reviseItem(id: $id, input: $i) { version } }',
    { id: itemId, i: { ...revision, title: '经发办召开冬季安全生产检查部署会', attachmentIds: [kept, added] } },
    fx.tokens.infDept,
  );
  expect(revised.data.reviseItem.version).toBe(2);

  // Action: the office opens the queue and the list of changes
  await signIn(d, server.origin, 'office', 'office-pw-1', '/office');
  const card = d.locator(`[data-testid="review-queue"] [data-item-id="${itemId}"]`);
  const versions = card.locator('[data-testid="item-versions"]');
  await versions.waitFor();
  expect(await versions.locator('.returned').textContent()).toContain('退回修改：标题写明会议名称，换一张看得清会场的照片');
  await versions.locator('summary').click();
  const change = versions.locator('[data-version="2"]');
  await change.waitFor();

  // Assert: only the title changed among the fields, before and after shown; the photo
  // taken off (no longer on the item) is shown from the first version, the new one as added
  expect(await change.locator('h3').textContent()).toContain('第 1 版 → 第 2 版');
  expect(await change.locator('[data-field]').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')))).toEqual(['title']);
  expect(await change.locator('[data-field="title"] del').textContent()).toBe('经发办开会');
  expect(await change.locator('[data-field="title"] ins').textContent()).toBe('经发办召开冬季安全生产检查部署会');
  const removed = change.locator(`[data-photos="removed"] [data-testid="item-photo"][data-attachment-id="${gone}"]`);
  const add = change.locator(`[data-photos="added"] [data-testid="item-photo"][data-attachment-id="${added}"]`);
  await eventually(() => decodedWidth(removed), (w) => w > 0, 10_000, 'the photo taken off decoded');
  await eventually(() => decodedWidth(add), (w) => w > 0, 10_000, 'the added photo decoded');
  expect(await change.locator('[data-photos] [data-testid="item-photo"]').count()).toBe(2);
  await card.screenshot({ path: artifact('review-versions.png') });
  expect(desk.errors).toEqual([]);
  await d.context().close();
});

it('the office sends 催报 to a unit behind pace; its informant sees it on /report without a reload', async () => {
  // a month quota no department can be on pace with (0 items), whatever the day of the month
  await db().quotaRule.updateMany({ where: { unitKind: 'DEPARTMENT', period: 'MONTH' }, data: { minimum: 1000 } });

  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const p = phone.page;
  await signIn(p, server.origin, 'inf-dept', 'dept-pw-1', '/report');
  await p.waitForSelector('[data-testid="item-form"]');
  await p.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  expect(await p.locator('[data-testid="report-reminder"]').count()).toBe(0);

  const desk = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  const o = desk.page;
  await signIn(o, server.origin, 'office', 'office-pw-1', '/office/quota');
  const row = o.locator(`[data-testid="quota-row"][data-unit-id="${fx.units.dept}"]`);
  await row.waitFor();
  expect(await row.textContent()).toContain('进度落后');
  await row.locator('[data-testid="quota-select"]').check();
  await o.fill('[data-testid="reminder-message"]', '本月信息报送进度落后，请于本周五前补报。');
  await o.click('[data-testid="reminder-send"]');
  await o.waitForSelector('[data-testid="reminder-result"]');
  expect(await o.textContent('[data-testid="reminder-result"]')).toBe('已向 1 个单位发出催报');
  await o.locator('[data-testid="reminder-history"] [data-testid="reminder-row"]', { hasText: '经济发展办公室' }).first().waitFor();
  await o.screenshot({ path: artifact('office-quota.png'), fullPage: true });

  const reminder = p.locator('[data-testid="report-reminder"]').first();
  await reminder.waitFor({ timeout: 10_000 });
  expect(await reminder.textContent()).toContain('请于本周五前补报');
  expect(await reminder.textContent()).toContain('陈静');
  expect(await p.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await p.screenshot({ path: artifact('report-reminder-375.png') });
  expect(phone.errors).toEqual([]);
  expect(desk.errors).toEqual([]);
  await phone.page.context().close();
  await desk.page.context().close();
});

it('the admin issues a display token; its URL opens the live wall (high contrast remembered)', async () => {
  const { page: a, errors } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await signIn(a, server.origin, 'admin', 'admin-pw-12', '/admin/sessions');
  await a.waitForSelector('[data-testid="token-issue"]');
  await a.selectOption('[data-testid="token-person"]', fx.people.duty);
  await a.fill('[data-testid="token-label"]', '值班室1号屏');
  await a.click('[data-testid="token-issue"]');
  const url = await a.inputValue('[data-testid="token-url"]');
  expect(url).toMatch(new RegExp(`^${server.origin}/\\?token=[^&]+$`));
  const row = a.locator('[data-testid="session-row"][data-kind="DISPLAY"]', { hasText: '值班室1号屏' });
  await row.waitFor();
  // not yet opened anywhere; the admin's own session is the one in use
  expect(await row.getByTestId('session-last-seen').textContent()).toBe('尚无记录');
  expect(await a.locator('[data-testid="session-row"]', { has: a.getByTestId('session-current') }).getByTestId('session-last-seen').textContent()).toBe('正在使用');
  const tokenId = await row.getAttribute('data-session-id');
  await a.screenshot({ path: artifact('admin-sessions.png'), fullPage: true });

  // the audit log shows the issue, and the chain verifies
  await a.click('[data-admin-tab="audit"]');
  await a.waitForSelector('[data-testid="audit-row"]');
  await a.click('[data-testid="audit-verify"]');
  await a.waitForSelector('[data-testid="audit-verify-result"]');
  expect(await a.getAttribute('[data-testid="audit-verify-result"]', 'data-ok')).toBe('true');
  // filtered by a group of actions picked by name (no codes to know), at once; then to one
  // entity's history from its row
  const rowsOf = (attr: string) => a.locator('[data-testid="audit-row"]').evaluateAll((rows, n) => rows.map((r) => r.getAttribute(n)), attr);
  await a.selectOption('[data-testid="audit-action"]', { label: '登录与会话（全部）' });
  await eventually(() => rowsOf('data-action'), (v) => v.length > 0 && v.every((x) => x?.startsWith('auth.')), 10_000, 'only sign-ins and sessions');
  expect(new Set(await rowsOf('data-action')).size).toBeGreaterThan(1); // the group, not one action
  await a.selectOption('[data-testid="audit-action"]', { label: '签发大屏令牌' });
  await eventually(() => rowsOf('data-action'), (v) => v.length > 0 && v.every((x) => x === 'auth.display_token'), 10_000, 'only display tokens');
  await a.selectOption('[data-testid="audit-action"]', { label: '全部操作' });
  await eventually(() => rowsOf('data-action'), (v) => new Set(v).size > 1, 10_000, 'every action again');
  const someEntity = a.locator('[data-testid="audit-row"][data-action="auth.display_token"]').first();
  const entity = await someEntity.getAttribute('data-entity-id');
  await someEntity.getByTestId('audit-entity').click();
  await eventually(() => rowsOf('data-entity-id'), (v) => v.length > 0 && v.every((x) => x === entity), 10_000, "one entity's history");
  expect(await a.inputValue('input[name=auditEntity]')).toBe(entity);
  await a.screenshot({ path: artifact('admin-audit-entity.png'), fullPage: true });
  await a.click('[data-testid="audit-clear"]');

  const wall = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
  await wall.page.goto(`${url}&contrast=high`);
  await wall.page.waitForSelector('[data-testid="wall"][data-link="live"][data-clock="synced"]', { timeout: 20_000 });
  // token and contrast leave the address bar and are remembered
  expect(wall.page.url()).not.toContain('token=');
  expect(wall.page.url()).not.toContain('contrast=');
  expect(await wall.page.getAttribute('[data-testid="wall"]', 'data-contrast')).toBe('high');
  expect(await wall.page.evaluate(() => getComputedStyle(document.querySelector('.app')!).backgroundColor)).toBe('rgb(0, 0, 0)');
  await eventually(() => wall.page.getAttribute('[data-testid="wall-categories"]', 'data-values'), (v) => Boolean(v?.includes('MEETING=')), 10_000, 'categories chart');
  await wall.page.reload();
  await wall.page.waitForSelector('[data-testid="wall"][data-link="live"]', { timeout: 20_000 });
  expect(await wall.page.getAttribute('[data-testid="wall"]', 'data-contrast')).toBe('high');
  await wall.page.screenshot({ path: artifact('wall-high-contrast.png') });
  // the administrator sees that the wall has used its token (once written: within 200 ms here, a minute by default)
  await eventually(async () => (await db().session.findUniqueOrThrow({ where: { id: tokenId! } })).lastSeenAt, (v) => v !== null, 10_000, 'the last use written');
  await a.click('[data-admin-tab="audit"]');
  await a.click('[data-admin-tab="sessions"]');
  const aDate = (v: string | null) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(v ?? '');
  await eventually(() => row.getByTestId('session-last-seen').textContent(), aDate, 10_000, 'the wall\'s last use');
  expect(errors).toEqual([]);
  expect(wall.errors).toEqual([]);
  await a.context().close();
  await wall.page.context().close();
});

it('the admin creates a unit and a person through the forms, with focus moving in and back; a missing account is refused before anything is sent', async () => {
  const { page: a, errors } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await signIn(a, server.origin, 'admin', 'admin-pw-12', '/admin/units');

  // a new unit
  await a.click('[data-testid="unit-new"]');
  await a.waitForSelector('[data-testid="unit-form"]');
  expect(await a.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('unitName');
  await a.fill('input[name=unitName]', '新城社区');
  await a.selectOption('select[name=unitKind]', 'COMMUNITY');
  await a.click('[data-testid="unit-save"]');
  await a.waitForSelector('[data-testid="unit-form"]', { state: 'detached' });
  expect(await a.textContent('[data-testid="unit-message"]')).toBe('已保存：新城社区');
  const unitRow = a.locator('[data-testid="unit-row"]', { hasText: '新城社区' });
  await unitRow.waitFor();
  expect(await unitRow.textContent()).toContain('社区');
  // focus went back to the button that opened the form
  expect(await a.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('unit-new');

  // renamed through its row's edit button
  await unitRow.locator('[data-testid="unit-edit"]').click();
  expect(await a.inputValue('input[name=unitName]')).toBe('新城社区');
  await a.fill('input[name=unitName]', '新城社区居委会');
  await a.click('[data-testid="unit-save"]');
  await a.locator('[data-testid="unit-row"]', { hasText: '新城社区居委会' }).waitFor();
  const saved = await db().unit.findFirst({ where: { name: '新城社区居委会' } });
  expect(saved?.kind).toBe('COMMUNITY');

  // a person for it: refused without an account, saved with one
  await a.click('[data-admin-tab="people"]');
  await a.click('[data-testid="person-new"]');
  await a.waitForSelector('[data-testid="person-form"]');
  await a.fill('input[name=name]', '周晓梅');
  await a.click('[data-testid="person-save"]');
  expect(await a.textContent('[data-testid="person-form"] [data-testid="person-message"]')).toBe('请填写登录账号');
  expect(await db().person.count({ where: { name: '周晓梅' } })).toBe(0);
  await a.fill('input[name=account]', 'zhouxm');
  await a.selectOption('select[name=unitId]', saved!.id);
  await a.fill('input[name=password]', 'zhou-pw-2026');
  await a.click('[data-testid="person-save"]');
  await a.waitForSelector('[data-testid="person-form"]', { state: 'detached' });
  expect(await a.textContent('[data-testid="person-message"]')).toBe('已保存：周晓梅');
  await a.locator('[data-testid="person-row"]', { hasText: '周晓梅' }).waitFor();
  const person = await db().person.findFirst({ where: { name: '周晓梅' } });
  expect(person?.unitId).toBe(saved!.id);

  // the password is the administrator's: the row says so, and 周晓梅 changes it before anything else
  const row = a.locator('[data-testid="person-row"]', { hasText: '周晓梅' });
  expect(await row.getByTestId('password-change-due').textContent()).toBe('待本人改密');
  const { page: z, errors: zErrors } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await z.goto(`${server.origin}/report`);
  await z.waitForURL(/\/login/);
  await z.fill('input[name=login]', 'zhouxm');
  await z.fill('input[name=password]', 'zhou-pw-2026');
  await z.click('button[type=submit]');
  await z.waitForURL((u) => u.pathname === '/account');
  expect(new URL(z.url()).searchParams.get('next')).toBe('/report');
  expect(await z.getByTestId('password-change-due').textContent()).toContain('请先改为只有您自己知道的密码');
  // any other screen leads back here until it is changed
  await z.goto(`${server.origin}/units/${saved!.id}`);
  await z.waitForURL((u) => u.pathname === '/account');
  const form = z.getByTestId('change-password');
  await form.locator('input[name=current]').fill('zhou-pw-2026');
  await form.locator('input[name=next]').fill('meizhou-2026-x');
  await form.locator('input[name=confirm]').fill('meizhou-2026-x');
  await form.locator('button[type=submit]').click();
  await form.getByTestId('change-password-done').waitFor();
  await z.screenshot({ path: artifact('account-first-sign-in-375.png') });
  await z.getByTestId('account-continue').click();
  await z.waitForURL((u) => u.pathname === '/units/' + saved!.id);
  expect(await z.getByTestId('password-change-due').count()).toBe(0);
  expect((await db().person.findFirst({ where: { name: '周晓梅' } }))?.passwordChangeDue).toBe(false);
  await a.reload();
  await a.click('[data-admin-tab="people"]');
  await a.locator('[data-testid="person-row"]', { hasText: '周晓梅' }).waitFor();
  expect(await a.locator('[data-testid="person-row"]', { hasText: '周晓梅' }).getByTestId('password-change-due').count()).toBe(0);
  expect(zErrors).toEqual([]);
  await z.context().close();
  expect(errors).toEqual([]);
  await a.context().close();
});

it('the office raises this month\'s quota for villages (阶段性定额); a village informant\'s phone shows the new minimum and why, live, and it goes when withdrawn', async () => {
  await setPassword(fx.people.infVillage, 'village-pw-1');
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const p = phone.page;
  await signIn(p, server.origin, 'inf-village', 'village-pw-1', '/report');
  const monthBar = p.locator('[data-testid="quota-progress"] [data-period="month"]');
  // villages have no monthly rule (the month's label shows once the board is in)
  await eventually(() => monthBar.textContent(), (v) => Boolean(v?.includes('年') && v.includes('本期无定额要求')), 10_000, 'no monthly quota for a village');
  await p.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  const desk = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  const o = desk.page;
  await signIn(o, server.origin, 'office', 'office-pw-1', '/office/quota');
  const raises = o.getByTestId('quota-raises');
  await raises.getByTestId('raise-none').waitFor();
  // the first choice is this month; a minimum with no reason is refused, naming the field
  await raises.locator('select[name=raiseKind]').selectOption('VILLAGE');
  await raises.locator('input[name=raiseMinimum]').fill('3');
  await raises.getByTestId('raise-save').click();
  await eventually(() => raises.getByTestId('raise-result').textContent(), (v) => Boolean(v?.includes('2–60 字')), 10_000, 'the reason asked for');
  expect(await raises.locator('input[name=raiseReason]').getAttribute('aria-invalid')).toBe('true');
  await raises.locator('input[name=raiseReason]').fill('秋冬季森林防火专项');
  await raises.getByTestId('raise-save').click();
  await eventually(() => raises.getByTestId('raise-result').textContent(), (v) => Boolean(v?.includes('行政村的定额调高至 3 条')), 10_000, 'saved');
  const row = raises.locator('[data-testid="raise-row"][data-kind="VILLAGE"]');
  expect(await row.textContent()).toContain('秋冬季森林防火专项');
  expect(await row.textContent()).toContain('陈静');
  await o.screenshot({ path: artifact('office-quota-raise.png'), fullPage: true });

  // the phone follows without a reload: the month's minimum and why
  await eventually(() => monthBar.textContent(), (v) => Boolean(v?.includes('定额 3 条')), 10_000, 'the raised minimum on the phone');
  expect(await monthBar.getByTestId('quota-raise-note').textContent()).toBe('阶段性定额：秋冬季森林防火专项');
  await p.screenshot({ path: artifact('report-quota-raise-375.png') });

  // the month's notice, drafted now, says under its table why villages had a minimum
  await o.goto(`${server.origin}/office/notices`);
  const thisMonth = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
  await o.getByTestId('notice-months').locator(`[data-month="${thisMonth}"]`).click();
  await o.getByTestId('generate-notice').click();
  await o.getByTestId('notice-sheet').waitFor();
  await eventually(() => o.getByTestId('notice-quota-note').textContent().catch(() => ''), (v) => v === '阶段性定额：行政村 3 条（秋冬季森林防火专项）', 10_000, 'the raise under the notice');
  expect(await o.getByTestId('notice-sheet').locator('tbody tr', { hasText: '李家村' }).locator('td').last().textContent()).toContain('3');
  await o.getByTestId('notice-sheet').screenshot({ path: artifact('notice-quota-note.png') });
  // and the month's statistics say it under the units' table
  await o.goto(`${server.origin}/office/statistics`);
  await eventually(() => o.getByTestId('stats-quota-note').textContent().catch(() => ''), (v) => v === '阶段性定额：行政村 3 条（秋冬季森林防火专项）', 10_000, 'the raise under the statistics');
  await o.goto(`${server.origin}/office/quota`);

  // withdrawn: back to what it was
  await row.getByTestId('raise-remove').click();
  await raises.getByTestId('raise-none').waitFor();
  await eventually(() => monthBar.textContent(), (v) => Boolean(v?.includes('本期无定额要求')), 10_000, 'no monthly quota again on the phone');
  expect(await monthBar.getByTestId('quota-raise-note').count()).toBe(0);
  expect(await p.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  expect(phone.errors).toEqual([]);
  expect(desk.errors).toEqual([]);
  await phone.page.context().close();
  await desk.page.context().close();
});

it('the office changes a standing quota from next month on (常规定额): scheduled beside the one in force, told to the units\' informants live, and withdrawn', async () => {
  await setPassword(fx.people.infVillage, 'village-pw-1');
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await signIn(phone.page, server.origin, 'inf-village', 'village-pw-1', '/report');
  await phone.page.getByTestId('quota-progress').waitFor();
  const upcoming = phone.page.getByTestId('quota-upcoming');

  const desk = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  const o = desk.page;
  await signIn(o, server.origin, 'office', 'office-pw-1', '/office/quota');
  const rules = o.getByTestId('quota-rules');
  // villages: 15 a quarter, no monthly quota (the regulation's rules)
  const row = rules.locator('[data-testid="rule-row"][data-kind="VILLAGE"][data-period="MONTH"]');
  await eventually(() => row.getByTestId('rule-current').textContent().catch(() => ''), (v) => v?.trim() === '无', 10_000, 'no monthly quota for villages');
  expect(await rules.locator('[data-testid="rule-row"][data-kind="VILLAGE"][data-period="QUARTER"]').getByTestId('rule-current').textContent()).toContain('15 条');
  expect(await row.getByTestId('rule-scheduled').count()).toBe(0);
  expect(await upcoming.count()).toBe(0);

  await rules.locator('select[name=ruleKind]').selectOption('VILLAGE');
  // blank is not 0 (which would take the quota away): asked for, nothing sent
  await rules.getByTestId('rule-save').click();
  expect(await rules.getByTestId('rule-result').textContent()).toContain('请填写定额条数');
  expect(await rules.locator('input[name=ruleMinimum]').getAttribute('aria-invalid')).toBe('true');

  const next = rules.locator('select[name=ruleFrom] option').nth(1);
  const nextLabel = (await next.textContent())!.trim();
  await rules.locator('select[name=ruleFrom]').selectOption(await next.getAttribute('value'));
  await rules.locator('input[name=ruleMinimum]').fill('2');
  await rules.getByTestId('rule-save').click();
  await eventually(() => rules.getByTestId('rule-result').textContent(), (v) => v === `行政村月度定额自${nextLabel}起为 2 条`, 10_000, 'saved');
  await eventually(() => row.getByTestId('rule-scheduled').textContent().catch(() => ''), (v) => Boolean(v?.includes(`自${nextLabel}起 2 条`)), 10_000, 'scheduled');
  expect(await row.getByTestId('rule-current').textContent()).toContain('无');
  await rules.screenshot({ path: artifact('office-quota-rules.png') });

  // the village's informant is told without a reload
  await eventually(() => upcoming.textContent().catch(() => ''), (v) => v === `自${nextLabel}起，月度定额调整为 2 条`, 10_000, 'the change on the phone');
  await phone.page.getByTestId('quota-progress').screenshot({ path: artifact('report-quota-upcoming-375.png') });

  await row.getByTestId('rule-withdraw').click();
  await eventually(() => row.getByTestId('rule-scheduled').count(), (n) => n === 0, 10_000, 'withdrawn');
  await eventually(() => upcoming.count(), (n) => n === 0, 10_000, 'gone from the phone');
  expect(phone.errors).toEqual([]);
  expect(desk.errors).toEqual([]);
  await phone.page.context().close();
  await desk.page.context().close();
});
