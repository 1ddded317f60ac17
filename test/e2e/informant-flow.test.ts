import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql } from '../helpers/graphql.js';
import type { TestServer } from '../helpers/server.js';
import { artifact, canvasJpeg, decodedWidth, displayToken, eventually, launchBrowser, openPage, openWall, setPassword, signIn, startWebServer, loseFirstAnswer } from './e2e-helpers.js';

// An informant reports from a phone; the office adopts it; the duty room's wall
// and the informant's list both follow without a reload.

let server: TestServer & { origin: string };
let fx: Fixture;
let token: string;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  fx = await createFixture();
  await setPassword(fx.people.infVillage, 'village-pw-1');
  token = await displayToken(server.url, fx.tokens.office);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('phone submit → office adopts → the wall counts and adoption rate change live', async () => {
  const wall = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
  await openWall(wall.page, server.origin, token);
  await wall.page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const totals = async () => ({
    submitted: await wall.page.textContent('[data-testid="totals-submitted"]'),
    adopted: await wall.page.textContent('[data-testid="totals-adopted"]'),
    rate: await wall.page.textContent('[data-testid="totals-rate"]'),
  });
  expect(await totals()).toEqual({ submitted: '0', adopted: '0', rate: '0%' });
  const adoptionWall = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
  await openWall(adoptionWall.page, server.origin, token, 'pages=adoption');
  expect(await adoptionWall.page.getAttribute('[data-testid="wall-adoption"]', 'data-values')).not.toContain('李家村=1');

  // the informant signs in on a phone
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const p = phone.page;
  await p.goto(`${server.origin}/report`);
  await p.waitForURL(/\/login\?next=/);
  await p.fill('input[name=login]', 'inf-village');
  await p.fill('input[name=password]', 'village-pw-1');
  await p.click('button[type=submit]');
  await p.waitForURL(/\/report$/);
  await p.waitForSelector('[data-testid="item-form"]');
  expect(await p.textContent('[data-testid="viewer-name"]')).toContain('李芳');
  // no sideways scrolling on a phone
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await p.click('[data-category="WORK_PROGRESS"]');
  await p.fill('input[name=title]', '李家村完成秋冬种 1200 亩');
  await p.fill('textarea[name=body]', '截至 11 月 25 日，全村完成小麦播种 1200 亩。');
  await p.screenshot({ path: artifact('informant-375-form.png'), fullPage: true });
  await p.click('[data-testid="item-submit"]');
  await p.waitForSelector('[data-testid="submit-message"]');
  expect(await p.textContent('[data-testid="submit-message"]')).toContain('已报送');

  await p.click('[data-tab="mine"]');
  const entry = p.locator('[data-testid="my-items"] [data-item-id]').first();
  await entry.waitFor();
  const itemId = (await entry.getAttribute('data-item-id'))!;
  expect(await entry.textContent()).toContain('李家村完成秋冬种');
  expect(await entry.getAttribute('data-status')).toBe('SUBMITTED');

  await eventually(totals, (t) => t.submitted === '1' && t.rate === '0%', 10_000, 'wall counts the new item');
  await wall.page.waitForSelector(`[data-item-id="${itemId}"]`);

  // the office adopts it (through the API)
  const review = await gql(
    server.url,
    `mutation($id: ID!, $input: ReviewInput!) { reviewItem(id: $id, input: $input) { id status } }`,
    { id: itemId, input: { decision: 'ADOPT', level: 'WEBSITE' } },
    fx.tokens.office,
  );
  expect(review.errors).toBeUndefined();

  await eventually(totals, (t) => t.adopted === '1' && t.rate === '100%', 10_000, 'wall shows the adoption');
  // the adoption chart has a page of its own: a second wall that shows only it
  await eventually(() => adoptionWall.page.getAttribute('[data-testid="wall-adoption"]', 'data-values'), (v) => Boolean(v?.includes('李家村=1')), 10_000, 'adoption chart');
  await eventually(() => entry.getAttribute('data-status'), (s) => s === 'ADOPTED', 10_000, 'informant list');
  expect(await entry.textContent()).toContain('政府网站');

  expect(await wall.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await wall.page.screenshot({ path: artifact('informant-flow-wall.png') });
  await p.screenshot({ path: artifact('informant-375-mine.png'), fullPage: true });
  expect(wall.errors).toEqual([]);
  expect(adoptionWall.errors).toEqual([]);
  expect(phone.errors).toEqual([]);
});

it('a half-written item survives a reload (a phone that dropped the tab), is sent once and then forgotten; signing out forgets it too', async () => {
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const p = phone.page;
  await signIn(p, server.origin, 'inf-village', 'village-pw-1', '/report');
  const form = p.getByTestId('item-form');
  const title = '李家村完成冬季道路结冰隐患排查';
  await form.locator('[data-category="ECONOMY"]').click();
  await form.locator('input[name=title]').fill(title);
  await form.locator('textarea[name=body]').fill('共排查村道 12 公里，设置警示牌 8 块。');
  await p.setInputFiles('[data-testid="photo-input"]', [{ name: '警示牌.jpg', mimeType: 'image/jpeg', buffer: await canvasJpeg(p) }]);
  await p.waitForSelector('[data-testid="photo-thumb"][data-status="done"]');
  const photoId = (await p.getAttribute('[data-testid="photo-thumb"]', 'data-attachment-id'))!;
  const stored = () => p.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith('xinbao.draft.')).length);
  await eventually(stored, (n) => n === 1, 5_000, 'the draft kept on the phone');

  // the tab is dropped and opened again
  await p.reload();
  await p.getByTestId('draft-restored').waitFor();
  expect(await form.locator('input[name=title]').inputValue()).toBe(title);
  expect(await form.locator('textarea[name=body]').inputValue()).toBe('共排查村道 12 公里，设置警示牌 8 块。');
  expect(await form.locator('[data-category="ECONOMY"]').getAttribute('aria-pressed')).toBe('true');
  const thumb = p.locator(`[data-testid="photo-thumb"][data-attachment-id="${photoId}"]`);
  await eventually(() => decodedWidth(thumb.locator('img')), (w) => w > 0, 10_000, 'the uploaded photo shown again');
  await p.screenshot({ path: artifact('report-draft-restored-375.png') });

  // sent: one item, and the draft is gone
  await form.locator('button[type=submit]').click();
  await eventually(() => p.textContent('[data-testid="submit-message"]'), (t) => t?.includes('已报送') ?? false, 10_000, 'sent');
  const mine = await gql(server.url, `query($u: ID) { items(filter: { unitId: $u }, first: 50) { title attachments { id } } }`, { u: fx.units.village }, fx.tokens.office);
  const sent = mine.data.items.filter((i: { title: string }) => i.title === title);
  expect(sent).toEqual([{ title, attachments: [{ id: photoId }] }]);
  await eventually(stored, (n) => n === 0, 5_000, 'the draft forgotten after sending');
  await p.reload();
  await form.locator('input[name=title]').waitFor();
  expect(await p.getByTestId('draft-restored').count()).toBe(0);
  expect(await form.locator('input[name=title]').inputValue()).toBe('');

  // a new draft, then 退出登录: nothing of it stays on the device
  await form.locator('input[name=title]').fill('还没写完的信息');
  await eventually(stored, (n) => n === 1, 5_000, 'the second draft kept');
  await p.getByRole('button', { name: '退出登录' }).click();
  await p.waitForURL(/\/login/);
  expect(await stored()).toBe(0);
  expect(phone.errors).toEqual([]);
  await p.context().close();
});

it('a half-written 初报 survives a reload; sent, its answer lost and sent again, it is one incident', async () => {
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const p = phone.page;
  await signIn(p, server.origin, 'inf-village', 'village-pw-1', '/report');
  await p.click('[data-tab="incident"]');
  const form = p.getByTestId('incident-form');
  const title = '三组村民房屋墙体开裂';
  await form.locator('[data-kind="SUDDEN_EVENT"]').click();
  await form.locator('button[data-severity="LARGE"]').click();
  await form.locator('input[name=title]').fill(title);
  await form.locator('input[name=location]').fill('李家村三组');
  await form.locator('textarea[name=description]').fill('连日降雨，一户村民房屋墙体出现裂缝，已疏散 4 人。');
  await form.locator('input[name=reporterPhone]').fill('13800000016');
  const stored = () => p.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith('xinbao.draft.incident.')).length);
  await eventually(stored, (n) => n === 1, 5_000, 'the 初报 draft kept on the phone');

  // the tab is dropped and opened again
  await p.reload();
  await p.click('[data-tab="incident"]');
  await form.getByTestId('incident-draft-restored').waitFor();
  expect(await form.locator('input[name=title]').inputValue()).toBe(title);
  expect(await form.locator('button[data-severity="LARGE"]').getAttribute('aria-pressed')).toBe('true');

  // the first send reaches the server but its answer is lost on the way back
  const lost = await loseFirstAnswer(p, 'mutation ReportIncident');
  await form.getByTestId('incident-submit').click();
  await eventually(() => p.locator('[data-testid="incident-message"]').textContent().catch(() => ''), (t) => Boolean(t && t.length > 0), 10_000, 'the failed send reported');
  expect(lost()).toBe(true);
  expect(await form.locator('input[name=title]').inputValue()).toBe(title); // nothing lost
  await form.getByTestId('incident-submit').click();
  await eventually(() => p.locator('[data-testid="incident-message"]').textContent(), (t) => t?.includes('已报告党政办') ?? false, 10_000, 'sent again');

  const mine = await gql(server.url, `query($u: ID) { incidents(unitId: $u, first: 50) { id title } }`, { u: fx.units.village }, fx.tokens.office);
  expect(mine.data.incidents.filter((i: { title: string }) => i.title === title)).toHaveLength(1);
  await eventually(stored, (n) => n === 0, 5_000, 'the draft forgotten once sent');
  expect(await form.locator('input[name=title]').inputValue()).toBe('');
  expect(phone.errors).toEqual([]);
  await p.context().close();
});

it('an incomplete item is refused on the phone with each missing field marked and named, and nothing is sent', async () => {
  const { page: p, errors } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await signIn(p, server.origin, 'inf-village', 'village-pw-1', '/report');
  const form = p.getByTestId('item-form');
  await form.locator('input[name=title]').fill('');
  await form.locator('textarea[name=body]').fill('');
  const sent: string[] = [];
  p.on('request', (r) => r.postData()?.includes('submitItem') && sent.push(r.url()));
  await form.getByTestId('item-submit').click();

  const problems = form.getByTestId('item-problems');
  expect(await problems.locator('li').allTextContents()).toEqual(['请选择信息类别', '请填写标题', '请填写正文']);
  for (const name of ['title', 'body']) {
    const field = form.locator(`[name=${name}]`);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toBe(await problems.getAttribute('id'));
  }
  expect(await form.locator('input[name=occurredAt]').getAttribute('aria-invalid')).toBeNull();
  await p.screenshot({ path: artifact('item-form-refused-375.png'), fullPage: true });

  // filled in, the marks go with the next attempt
  await p.click('[data-category="MEETING"]');
  await form.locator('textarea[name=meetingSummary]').fill('部署冬季森林防火，落实巡山值守');
  await form.locator('input[name=title]').fill('李家村召开冬季防火部署会');
  await form.locator('textarea[name=body]').fill('村两委部署冬季森林防火工作。');
  await form.getByTestId('item-submit').click();
  await p.waitForSelector('[data-testid="submit-message"]');
  expect(await form.locator('[aria-invalid]').count()).toBe(0);
  expect(sent).toHaveLength(1);

  // the same on the 初报 form: what is missing is named and marked, nothing is sent
  await p.click('[data-tab="incident"]');
  const incident = p.getByTestId('incident-form');
  await incident.getByRole('button', { name: '立即报告' }).click();
  const problem = incident.getByTestId('incident-problem');
  expect(await problem.textContent()).toMatch(/^请填写：.*事件标题.*地点.*事件经过/);
  for (const name of ['title', 'location', 'description']) {
    expect(await incident.locator(`[name=${name}]`).getAttribute('aria-invalid')).toBe('true');
    expect(await incident.locator(`[name=${name}]`).getAttribute('aria-describedby')).toBe(await problem.getAttribute('id'));
  }
  expect(await incident.locator('[name=reporterName]').getAttribute('aria-invalid')).toBeNull(); // filled in from the account
  expect(errors).toEqual([]);
});
