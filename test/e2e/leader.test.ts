import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { report } from '../helpers/incidents.js';
import type { TestServer } from '../helpers/server.js';
import { artifact, eventually, incidentWatchReady, launchBrowser, openPage, overlappingTexts, recordNotifications, setPassword, signIn, startWebServer, visibleTextBoxes } from './e2e-helpers.js';

// The leaders' view on a 375-pixel phone: open incidents with their clocks first,
// then the figures of the units in the leader's charge, all live; a browser
// notification for a new incident and for each line crossed, and night mute never
// silencing 重大.

let server: TestServer & { origin: string };
let fx: Fixture;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  // test-shortened lines: "2 hours" after 8 s, a warning 4 s before it
  await db().setting.create({
    data: { key: 'incident.deadlines', value: JSON.stringify({ lateAfterSec: 8, concealedAfterSec: 600, warnBeforeSec: [4] }) },
  });
  fx = await createFixture();
  await setPassword(fx.people.leader, 'leader-pw-1');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('on a phone: incidents first with live clocks, the units in charge below, notifications that night mute cannot silence for 重大', async () => {
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, permissions: ['notifications'] });
  const p = phone.page;
  const notifications = await recordNotifications(p);
  await signIn(p, server.origin, 'leader', 'leader-pw-1', '/leader');
  const figures = p.locator('[data-testid="leader-figures"]');
  await figures.locator('tbody tr').first().waitFor();
  await incidentWatchReady(p);
  expect(await p.textContent('.leader .settings')).toContain('通知已开启');

  // only the units in the leader's charge (the fixture's department and village)
  const unitIds = await figures.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit-id')));
  expect(unitIds.sort()).toEqual([fx.units.dept, fx.units.village].sort());
  const villageToday = () => figures.locator(`tr[data-unit-id="${fx.units.village}"] td`).nth(1).textContent();
  const before = Number(await villageToday());

  // an item from the village: today's figure follows without a reload
  const sub = await gql(server.url, SUBMIT, { input: itemInput(fx.units.village, '领导视图') }, fx.tokens.infVillage);
  expect(sub.errors).toBeUndefined();
  await eventually(villageToday, (v) => Number(v) === before + 1, 10_000, "today's figure");

  // a new 一般 incident: a card with a running clock, a notification, then one per line crossed
  await report(server.url, fx.tokens.infVillage, fx.units.village, { title: '李家村砖厂一名工人手部受伤', occurredAt: new Date(Date.now() - 1000).toISOString() });
  const card = p.locator('[data-testid="incident-card"]').first();
  await card.waitFor();
  const countdown = card.locator('[data-testid="incident-countdown"]');
  const first = await countdown.textContent();
  await eventually(() => countdown.textContent(), (v) => v !== first, 5_000, 'the clock runs');
  await eventually(notifications, (n) => n.some((s) => s.startsWith('【一般】新突发事件') && s.includes('李家村：李家村砖厂一名工人手部受伤')), 10_000, 'notified of the new incident');
  await eventually(notifications, (n) => n.some((s) => s.startsWith('【一般】临近')), 10_000, 'notified before the line');
  await eventually(notifications, (n) => n.some((s) => s.startsWith('【一般】已超')), 15_000, 'notified when the line is crossed');

  // the incident's page tells the reminder from the line crossed
  await card.locator('a[href^="/incidents/"]').click();
  const timeline = p.getByTestId('incident-timeline');
  await eventually(() => timeline.textContent(), (v) => Boolean(v?.includes('越过时限：8秒报送时限（迟报）')), 10_000, 'the crossing on the timeline');
  expect(await timeline.textContent()).toContain('提醒：距8秒报送时限还有4秒');
  expect(await timeline.textContent()).not.toContain('越过时限：距');
  await p.goBack();
  await card.waitFor();

  // night mute on (kept for the next visit); a 重大 incident still gets through at any hour
  await p.check('[data-testid="night-mute"]');
  expect(await p.evaluate(() => localStorage.getItem('xinbao.nightMute'))).toBe('1');
  await report(server.url, fx.tokens.infDept, fx.units.dept, { severity: 'MAJOR', title: '经发办辖区企业发生火灾', occurredAt: new Date(Date.now() - 1000).toISOString() });
  await eventually(notifications, (n) => n.some((s) => s.startsWith('【重大】新突发事件') && s.includes('经发办辖区企业发生火灾')), 10_000, '重大 despite night mute');

  // incidents above the figures; no sideways scrolling and no text on text at 375 px
  const incidentsTop = (await card.boundingBox())!.y;
  const figuresTop = (await figures.boundingBox())!.y;
  expect(incidentsTop).toBeLessThan(figuresTop);
  // the notification settings come after the incidents, not between the title and them
  expect(incidentsTop).toBeLessThan((await p.locator('.leader .settings').boundingBox())!.y);
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  // the figures fit too: no table to swipe sideways on a phone
  expect(await figures.evaluate((table) => table.parentElement!.scrollWidth - table.parentElement!.clientWidth)).toBeLessThanOrEqual(0);
  expect(overlappingTexts(await visibleTextBoxes(p))).toEqual([]);
  await p.screenshot({ path: artifact('leader-375.png'), fullPage: true });
  expect(phone.errors).toEqual([]);
  await p.context().close();
});

it('on an Android phone, where a page may not construct a notification, the service worker shows it, and a tap opens the incident', async () => {
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, permissions: ['notifications'] });
  const p = phone.page;
  // what Chrome on Android does: permission can be given, but `new Notification()` throws
  await p.addInitScript(() => {
    const Real = window.Notification;
    const Phone = function () {
      throw new TypeError("Failed to construct 'Notification': Illegal constructor. Use ServiceWorkerRegistration.showNotification() instead.");
    } as unknown as typeof Notification;
    Object.defineProperty(Phone, 'permission', { get: () => Real.permission });
    Object.defineProperty(Phone, 'requestPermission', { value: Real.requestPermission.bind(Real) });
    window.Notification = Phone;
  });
  await signIn(p, server.origin, 'leader', 'leader-pw-1', '/leader');
  await incidentWatchReady(p);
  await p.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const title = '李家村村委会仓库屋顶坍塌';
  const { id } = await report(server.url, fx.tokens.infVillage, fx.units.village, { title, occurredAt: new Date(Date.now() - 1000).toISOString() });
  const shown = () =>
    p.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return reg ? (await reg.getNotifications()).map((n) => `${n.title} | ${n.body} | ${JSON.stringify(n.data)}`) : [];
    });
  await eventually(shown, (n) => n.some((s) => s.startsWith('【一般】新突发事件') && s.includes(`李家村：${title}`)), 10_000, 'shown by the service worker');
  expect((await shown()).find((s) => s.includes(title))).toContain(`"path":"/incidents/${id}"`);

  // the tap, as the service worker handles it: the open page goes to the incident, no reload
  const worker = p.context().serviceWorkers()[0] ?? (await p.context().waitForEvent('serviceworker'));
  await worker.evaluate(async (t) => {
    const scope = self as unknown as { registration: ServiceWorkerRegistration; openFromNotification(n: Notification): Promise<void> };
    const n = (await scope.registration.getNotifications()).find((x) => x.body.includes(t))!;
    await scope.openFromNotification(n);
  }, title);
  await p.waitForURL((u) => u.pathname === `/incidents/${id}`);
  await p.getByTestId('incident-timeline').waitFor();
  expect(await p.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  expect(phone.errors).toEqual([]);
  await p.context().close();
});

it('in a browser that cannot show notifications at all (inside WeChat, or not on https) the leader is told, not left waiting for them', async () => {
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const p = phone.page;
  await p.addInitScript(() => delete (window as { Notification?: unknown }).Notification);
  await signIn(p, server.origin, 'leader', 'leader-pw-1', '/leader');
  await incidentWatchReady(p);
  expect(await p.getByTestId('notifications-unsupported').textContent()).toContain('此浏览器不能显示通知');
  expect(await p.getByTestId('enable-notifications').count()).toBe(0);
  expect(overlappingTexts(await visibleTextBoxes(p))).toEqual([]);
  await p.screenshot({ path: artifact('leader-375-no-notifications.png'), fullPage: true });
  expect(phone.errors).toEqual([]);
  await p.context().close();

  // inside WeChat (its own User-Agent, no Notification): how to get out of it
  const wechat = await openPage(browser, {
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
    userAgent:
      'Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
  });
  await wechat.page.addInitScript(() => delete (window as { Notification?: unknown }).Notification);
  await signIn(wechat.page, server.origin, 'leader', 'leader-pw-1', '/leader');
  expect(await wechat.page.getByTestId('notifications-unsupported').textContent()).toContain('在微信中打开的页面不能显示通知：请点右上角「…」，选「在浏览器打开」');
  expect(wechat.errors).toEqual([]);
  await wechat.page.context().close();
});

it('a phone can put 信报 on its home screen: a manifest, with icons of the sizes it names', async () => {
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const p = phone.page;
  await p.goto(`${server.origin}/login`);
  const found = await p.evaluate(async () => {
    const href = document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href;
    const res = await fetch(href);
    const manifest = (await res.json()) as { short_name: string; display: string; start_url: string; icons: { src: string; sizes: string; purpose?: string }[] };
    const icons = await Promise.all(
      [...manifest.icons.map((i) => i.src), document.querySelector<HTMLLinkElement>('link[rel=apple-touch-icon]')!.href, document.querySelector<HTMLLinkElement>('link[rel=icon]')!.href].map(async (src) => {
        const r = await fetch(src);
        const bitmap = await createImageBitmap(await r.blob());
        return `${r.headers.get('content-type')} ${bitmap.width}x${bitmap.height}`;
      }),
    );
    return { type: res.headers.get('content-type'), manifest, icons };
  });
  expect(found.type).toBe('application/manifest+json');
  expect(found.manifest).toMatchObject({ short_name: '信报', display: 'standalone', start_url: '/' });
  expect(found.icons).toEqual([...found.manifest.icons.map((i) => `image/png ${i.sizes}`), 'image/png 180x180', 'image/png 32x32']);
  expect(found.manifest.icons.some((i) => i.sizes === '512x512' && i.purpose === 'maskable')).toBe(true);
  expect(phone.errors).toEqual([]);
  await p.context().close();
});

it('on a phone: 事件台账 from the menu, the period’s incidents with their timeliness, a new one counted live, nothing wider than the screen', async () => {
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const p = phone.page;
  await signIn(p, server.origin, 'leader', 'leader-pw-1', '/leader');
  await p.getByRole('link', { name: '事件台账' }).click();
  await p.waitForURL((u) => u.pathname === '/leader/record');

  // the last two CST days, so the test holds on a month's first morning too
  const cstDay = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
  const key = `${cstDay(Date.now() - 2 * 86_400_000)}..${cstDay(Date.now())}`;
  const count = async () => (await gql(server.url, 'query($p: String!) { incidents(period: $p, first: 500) { id } }', { p: key }, fx.tokens.office)).data.incidents.length as number;
  const record = p.getByTestId('incident-record');
  await record.locator('[data-period-kind="range"]').click();
  await record.locator('input[type=date]').nth(0).fill(key.slice(0, 10));
  await record.locator('input[type=date]').nth(1).fill(key.slice(12));
  await record.locator('button[type=submit]').click();
  const summary = record.getByTestId('record-summary');
  const before = await count();
  expect(before).toBeGreaterThan(0);
  await eventually(() => summary.textContent(), (t) => t?.includes(`共 ${before} 起`) ?? false, 10_000, 'the range read');
  expect(await record.locator('[data-testid="record-list"] tbody tr').count()).toBe(before);

  const fresh = await report(server.url, fx.tokens.infVillage, fx.units.village, { title: '村道塌方一处' });
  await eventually(() => summary.textContent(), (t) => t?.includes(`共 ${before + 1} 起`) ?? false, 10_000, 'the new incident counted live');
  await record.locator(`[data-testid="record-list"] tr[data-incident-id="${fresh.id}"]`).waitFor();

  // the page never scrolls sideways, and the figures per unit fit the screen: every
  // column in view, nothing to scroll sideways within its card
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const unitsWrap = record.getByTestId('record-units').locator('xpath=..');
  expect(await unitsWrap.evaluate((w) => w.scrollWidth - w.clientWidth)).toBeLessThanOrEqual(0);
  await p.screenshot({ path: artifact('leader-record-375.png'), fullPage: true });
  expect(phone.errors).toEqual([]);
  await p.context().close();
});

it('on a phone: a quota raised by the office shows in the units\' figures at once, with why under the table', async () => {
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const p = phone.page;
  await signIn(p, server.origin, 'leader', 'leader-pw-1', '/leader');
  const figures = p.locator('[data-testid="leader-figures"]');
  const deptMonth = () => figures.locator(`tr[data-unit-id="${fx.units.dept}"] td`).nth(2).textContent();
  await eventually(deptMonth, (v) => Boolean(v?.includes('/ 5')), 10_000, 'the department\'s five');
  expect(await p.getByTestId('leader-quota-note').count()).toBe(0);

  const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
  const set = await gql(server.url, 'mutation($i: QuotaRaiseInput!) { setQuotaRaise(input: $i) { id } }', { i: { period: month, unitKind: 'DEPARTMENT', minimum: 9, reason: '安全生产大检查' } }, fx.tokens.office);
  expect(set.errors).toBeUndefined();
  await eventually(deptMonth, (v) => Boolean(v?.includes('/ 9')), 10_000, 'the raised minimum, live');
  expect(await p.getByTestId('leader-quota-note').textContent()).toBe('阶段性定额：部门 9 条（安全生产大检查）');
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await p.getByTestId('leader-quota-note').scrollIntoViewIfNeeded();
  await p.screenshot({ path: artifact('leader-quota-note-375.png') });
  expect(phone.errors).toEqual([]);
  await p.context().close();
});

it('on a phone: a unit outside the leader’s charge shows its quota and says its items are not theirs to read, rather than “no items yet”', async () => {
  // Setup: a department in nobody's charge here, with an item this month
  const other = await db().unit.create({ data: { name: '平安办', kind: 'DEPARTMENT', sortOrder: 3 } });
  expect((await gql(server.url, SUBMIT, { input: itemInput(other.id, '平安办 治安巡逻') }, fx.tokens.office)).errors).toBeUndefined();
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const p = phone.page;
  await signIn(p, server.origin, 'leader', 'leader-pw-1', '/leader');

  // Action: the unit's page, opened from a link
  await p.goto(`${server.origin}/units/${other.id}`);

  // Assert: its quota standing, and why no item is listed
  await p.getByTestId('unit-items-outside-charge').waitFor();
  expect(await p.getByTestId('unit-items-outside-charge').textContent()).toContain('不在您的分管范围内');
  await eventually(() => p.getByTestId('quota-progress').textContent(), (v) => Boolean(v?.includes('已报 1')), 10_000, 'its quota standing');
  expect(await p.getByText('本单位还没有报送信息').count()).toBe(0);
  // a unit in charge lists its items as before
  await p.goto(`${server.origin}/units/${fx.units.dept}`);
  await p.getByTestId('unit-page').waitFor();
  await eventually(() => p.getByTestId('unit-items-outside-charge').count(), (n) => n === 0, 5_000, 'the items of a unit in charge');
  expect(phone.errors).toEqual([]);
  await p.context().close();
});

it('a link to a unit that does not exist says so, rather than a page for an unnamed unit with no quota', async () => {
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const p = phone.page;
  await signIn(p, server.origin, 'leader', 'leader-pw-1', '/leader');

  await p.goto(`${server.origin}/units/no-such-unit`);

  await p.getByTestId('unit-not-found').waitFor();
  expect(await p.getByTestId('unit-not-found').textContent()).toContain('找不到这个单位');
  expect(await p.getByTestId('quota-progress').count()).toBe(0);
  expect(await p.getByText('本期无定额要求').count()).toBe(0);
  // a unit no longer active opens, marked as such (its history is kept)
  const closed = await db().unit.create({ data: { name: '原城北社区', kind: 'COMMUNITY', sortOrder: 90, active: false } });
  await p.goto(`${server.origin}/units/${closed.id}`);
  await p.getByTestId('unit-inactive').waitFor();
  expect(await p.locator('h1').textContent()).toContain('原城北社区');
  expect(await p.getByTestId('unit-not-found').count()).toBe(0);
  // a unit that does exist still opens, by its name
  await p.goto(`${server.origin}/units/${fx.units.dept}`);
  await p.getByTestId('quota-progress').waitFor();
  expect(await p.getByTestId('unit-not-found').count()).toBe(0);
  expect(await p.locator('h1').textContent()).toContain('经济发展办公室');
  expect(phone.errors).toEqual([]);
  await p.context().close();
});

it('at midnight in China the figures turn to the new day by themselves, on the server\'s clock and not the phone\'s', async () => {
  const sub = await gql(server.url, SUBMIT, { input: itemInput(fx.units.village, '午夜之前') }, fx.tokens.infVillage);
  expect(sub.errors).toBeUndefined();
  const cstDay = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
  const today = cstDay(Date.now());
  const read = await gql(server.url, 'query($p: String) { unitSummary(period: $p) { rows { unit { id } submitted } } }', { p: today }, fx.tokens.office);
  const villageToday = read.data.unitSummary.rows.find((r: { unit: { id: string } }) => r.unit.id === fx.units.village).submitted as number;
  expect(villageToday).toBeGreaterThan(0);

  // The server's clock as the page measures it (the serverTime query) reads 23:59:54 of
  // yesterday in China; the phone's own clock is right. The village's items are all today's.
  const midnight = Date.parse(`${today}T00:00:00+08:00`);
  const shift = midnight - 6_000 - Date.now();
  const phone = await openPage(browser, { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const p = phone.page;
  await p.route((url) => url.pathname === '/graphql', async (route) => {
    const r = route.request();
    if (!`${decodeURIComponent(r.url())} ${r.postData() ?? ''}`.includes('ServerTime')) return route.continue(); // the operation's name
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ data: { serverTime: new Date(Date.now() + shift).toISOString() } }) });
  });
  await signIn(p, server.origin, 'leader', 'leader-pw-1', '/leader');
  const figures = p.locator('[data-testid="leader-figures"]');
  const cell = (n: number) => figures.locator(`tr[data-unit-id="${fx.units.village}"] td`).nth(n).textContent();
  // yesterday (by the server's clock): nothing yet
  await eventually(() => cell(1), (v) => v?.trim() === '0', 10_000, "yesterday's figure");
  // midnight passes with nothing reported: today's figures arrive without a reload
  await eventually(() => cell(1), (v) => Number(v) === villageToday, 15_000, "today's figure after midnight");
  expect(Number.parseInt((await cell(2)) ?? '', 10)).toBeGreaterThanOrEqual(villageToday);
  expect(Date.now() + shift).toBeGreaterThan(midnight);
  expect(phone.errors).toEqual([]);
  await p.context().close();
});
