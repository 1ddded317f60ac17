import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { tokenHash } from '../../server/src/modules/auth/auth.service.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql } from '../helpers/graphql.js';
import type { TestServer } from '../helpers/server.js';
import { artifact, displayToken, eventually, launchBrowser, openPage, openWall, setPassword, signIn, startWebServer } from './e2e-helpers.js';

let server: TestServer & { origin: string };
let fx: Fixture;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  fx = await createFixture();
  await setPassword(fx.people.infDept, 'dept-pw-1');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('signs in (with the server’s message on failure), keeps an informant to their unit, and signs out', async () => {
  const { page, errors } = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.origin}/office`);
  await page.waitForURL(/\/login\?next=%2Foffice|\/login\?next=\/office/);

  await page.fill('input[name=login]', 'inf-dept');
  await page.fill('input[name=password]', 'wrong');
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid="login-error"]');
  expect(await page.textContent('[data-testid="login-error"]')).toBe('账号或密码错误');

  await page.fill('input[name=password]', 'dept-pw-1');
  await page.click('button[type=submit]');
  // an informant cannot use the office screen it first asked for
  await page.waitForSelector('[data-testid="forbidden"]');
  expect(await page.textContent('[data-testid="forbidden"] p')).toBe('您的账号不能打开这个页面。');
  expect(await page.evaluate(() => localStorage.getItem('xinbao.token'))).toBeTruthy();

  await page.goto(`${server.origin}/`);
  await page.waitForURL(/\/report$/);
  expect(await page.textContent('[data-testid="viewer-name"]')).toContain('王伟');
  // on a phone the header still says who and in what role, on two lines rather than cut off
  await page.setViewportSize({ width: 375, height: 812 });
  const header = await page.getByTestId('viewer-name').evaluate((el) => ({
    text: el.textContent,
    clipped: el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight,
    lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
  }));
  expect(header).toEqual({ text: '王伟 · 经济发展办公室 · 信息员', clipped: false, lines: 2 });
  await page.setViewportSize({ width: 1280, height: 800 });

  // own unit: fine; another unit: refused by the web …
  await page.goto(`${server.origin}/units/${fx.units.dept}`);
  await page.waitForSelector(`[data-testid="unit-page"][data-unit-id="${fx.units.dept}"]`);
  await page.goto(`${server.origin}/units/${fx.units.village}`);
  await page.waitForSelector('[data-testid="forbidden"]');
  expect(page.url()).toContain('/forbidden');
  expect(await page.textContent('[data-testid="forbidden"] p')).toBe('您的账号不能打开这个页面。信息员只能查看本单位的页面。');
  await page.screenshot({ path: artifact('auth-forbidden.png') });
  // … and by the server
  const token = (await page.evaluate(() => localStorage.getItem('xinbao.token')))!;
  const other = await gql(server.url, `query($f: ItemFilter) { items(filter: $f) { id } }`, { f: { unitId: fx.units.village } }, token);
  expect(other.data?.items ?? []).toEqual([]);

  await page.click('[data-testid="sign-out"]');
  await page.waitForURL(/\/login$/);
  expect(await page.evaluate(() => localStorage.getItem('xinbao.token'))).toBeNull();
  // the old token no longer works
  const after = await gql(server.url, `{ viewer { id } }`, {}, token);
  expect(after.data?.viewer ?? null).toBeNull();
  await page.goto(`${server.origin}/report`);
  await page.waitForURL(/\/login\?next=/);
  expect(errors).toEqual([]);
});

it('opens the wall with a display token, which opens nothing else', async () => {
  const token = await displayToken(server.url, fx.tokens.office);
  const { page, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
  await openWall(page, server.origin, token);
  expect(page.url()).toBe(`${server.origin}/`);
  await page.screenshot({ path: artifact('auth-display-wall.png') });
  await page.goto(`${server.origin}/office`);
  await page.waitForSelector('[data-testid="forbidden"]');
  // the token stays for the wall: back to / shows it again
  await openWall(page, server.origin, token);
  expect(errors).toEqual([]);
});

it('a session ended while a leader watches: the page says it no longer updates and offers to sign in again, back where they were', async () => {
  await setPassword(fx.people.leader, 'leader-pw-1');
  const { page, errors } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await signIn(page, server.origin, 'leader', 'leader-pw-1', '/leader');
  await page.locator('[data-testid="leader-figures"] tbody tr').first().waitFor();
  const notice = page.getByTestId('live-notice');
  expect(await notice.count()).toBe(0);

  // the administrator ends the session (a lost phone); the page is open on the phone
  const session = await db().session.findFirstOrThrow({ where: { personId: fx.people.leader, revokedAt: null }, orderBy: { createdAt: 'desc' } });
  const revoked = await gql(server.url, 'mutation($id: ID!) { revokeSession(sessionId: $id) }', { id: session.id }, fx.tokens.admin);
  expect(revoked.errors).toBeUndefined();
  await eventually(() => notice.getAttribute('data-kind').catch(() => null), (k) => k === 'SIGNED_OUT', 45_000, 'told the session ended');
  expect(await notice.textContent()).toContain('页面不再更新，请重新登录');
  await page.screenshot({ path: artifact('session-ended-375.png') });

  // signing in again brings them back to the leader view, live, with nothing to say
  await page.getByTestId('live-notice-sign-in').click();
  await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === '/leader');
  await page.fill('input[name=login]', 'leader');
  await page.fill('input[name=password]', 'leader-pw-1');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/leader');
  await page.locator('[data-testid="leader-figures"] tbody tr').first().waitFor();
  await page.waitForTimeout(1_000);
  expect(await notice.count()).toBe(0);
  expect(errors).toEqual([]);
});

it('an informant moved to another unit while their phone is open: the page reloads itself for the new unit, and the half-written item stays', async () => {
  const { page, errors } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await signIn(page, server.origin, 'inf-dept', 'dept-pw-1', '/report');
  const who = page.getByTestId('viewer-name');
  await eventually(() => who.textContent(), (v) => Boolean(v?.includes('经济发展办公室')), 10_000, 'the unit in the header');
  await page.waitForFunction(() => document.querySelector('[data-testid="live-notice"]') === null);
  const title = page.locator('[data-testid="item-form"] input[name=title]');
  await title.fill('写到一半的信息');
  // the half-written item is kept on the phone (after its short delay)
  await page.waitForTimeout(1_500);

  // the administrator moves the informant to the village
  const moved = await gql(server.url, 'mutation($id: ID, $input: PersonInput!) { savePerson(id: $id, input: $input) { id } }', {
    id: fx.people.infDept,
    input: { name: '王伟', account: 'inf-dept', roles: ['INFORMANT'], unitId: fx.units.village },
  }, fx.tokens.admin);
  expect(moved.errors).toBeUndefined();
  await eventually(() => who.textContent().catch(() => ''), (v) => Boolean(v?.includes('李家村')), 10_000, 'the new unit in the header, without a hand on the phone');
  expect(await who.textContent()).not.toContain('经济发展办公室');
  await eventually(() => title.inputValue().catch(() => ''), (v) => v === '写到一半的信息', 10_000, 'the half-written item back');
  expect(errors).toEqual([]);
});

it('a device whose kept token was refused says why at sign-in: a wall that its display token ended, a desk that the session ended; a new device says nothing', async () => {
  const issued = await gql(server.url, 'mutation($p: ID!) { createDisplayToken(personId: $p, label: "ended") { token sessionId } }', { p: fx.people.duty }, fx.tokens.office);
  const { token, sessionId } = issued.data.createDisplayToken as { token: string; sessionId: string };
  expect((await gql(server.url, 'mutation($id: ID!) { revokeSession(sessionId: $id) }', { id: sessionId }, fx.tokens.office)).errors).toBeUndefined();
  const wall = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
  await wall.page.goto(`${server.origin}/?token=${encodeURIComponent(token)}`);
  await wall.page.waitForURL(/\/login\?reason=display-ended$/);
  expect(await wall.page.textContent('[data-testid="login-error"]')).toContain('此大屏的令牌已失效');
  await wall.page.screenshot({ path: artifact('auth-display-token-ended.png') });
  expect(wall.errors).toEqual([]);
  await wall.page.context().close();

  const ended = await db().session.create({ data: { personId: fx.people.office, tokenHash: tokenHash('ended-desk-token'), expiresAt: new Date(Date.now() - 1000) } });
  expect(ended.id).toBeTruthy();
  const desk = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await desk.page.addInitScript(() => localStorage.setItem('xinbao.token', 'ended-desk-token'));
  await desk.page.goto(`${server.origin}/office`);
  await desk.page.waitForURL(/\/login\?next=(%2F|\/)office&reason=ended$/);
  expect(await desk.page.textContent('[data-testid="login-error"]')).toBe('登录已失效，请重新登录');
  expect(desk.errors).toEqual([]);
  await desk.page.context().close();

  const fresh = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await fresh.page.goto(`${server.origin}/office`);
  await fresh.page.waitForURL(/\/login\?next=(%2F|\/)office$/);
  expect(await fresh.page.locator('[data-testid="login-error"]').count()).toBe(0);
  await fresh.page.context().close();
});
