import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { jpegWithGps } from '../helpers/images.js';
import { db } from '../../server/src/db.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { report } from '../helpers/incidents.js';
import type { TestServer } from '../helpers/server.js';
import { artifact, launchBrowser, openPage, setPassword, signIn, startWebServer } from './e2e-helpers.js';

// Keyboard only: sign in and report an item on a phone with Tab, Space, Enter and
// the arrow keys, with a clearly visible focus ring on every stop; the enlarged
// photo is a dialog that holds and returns focus; a hidden tab stops its clock.

let server: TestServer & { origin: string };
let fx: Fixture;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  fx = await createFixture();
  await setPassword(fx.people.infVillage, 'village-pw-1');
  await setPassword(fx.people.leader, 'leader-pw-1');
  await setPassword(fx.people.office, 'office-pw-1');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Focused {
  /** what has focus: data-testid, data-tab/category/channel, name, or tag */
  key: string;
  tag: string;
  /** the focus indicator: ring width (px) and its contrast with what is behind it */
  ringPx: number;
  contrast: number;
  /** the ring is cut off by a scrolling or overflow-hidden container */
  clipped: string | false;
  inViewport: boolean;
}

/**
 * The focused element and how visible its focus indicator is. For a visually
 * hidden control (the photo input) the indicator is on its label.
 */
function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const d = el.dataset;
    const key =
      d.testid ?? (d.tab && `tab:${d.tab}`) ?? (d.category && `category:${d.category}`) ?? (d.channel && `channel:${d.channel}`) ?? el.getAttribute('name') ?? el.tagName.toLowerCase();
    const r0 = el.getBoundingClientRect();
    const s0 = getComputedStyle(el);
    const hidden = (r0.width <= 1 && r0.height <= 1) || (s0.clip !== 'auto' && s0.clip !== '') || s0.clipPath !== 'none';
    const shown: HTMLElement = hidden ? (el.closest('label') ?? el) : el;
    const s = getComputedStyle(shown);
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const ratio = (a: number[], b: number[]) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    // what the ring is drawn on: the first opaque background from its parent up
    let bg = [255, 255, 255];
    for (let a = shown.parentElement; a; a = a.parentElement) {
      const c = rgb(getComputedStyle(a).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3]! > 0.5)) {
        bg = c.slice(0, 3);
        break;
      }
    }
    let ringPx = 0;
    let contrast = 0;
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) {
      ringPx = parseFloat(s.outlineWidth);
      // an inset ring (negative offset) is drawn on the control itself
      const under = parseFloat(s.outlineOffset) < 0 ? rgb(s.backgroundColor) : bg;
      contrast = ratio(rgb(s.outlineColor).slice(0, 3), under.length >= 3 && (under[3] ?? 1) > 0.5 ? under.slice(0, 3) : bg);
    } else if (s.boxShadow !== 'none') {
      const m = /rgba?\([^)]*\)\s+0px\s+0px\s+0px\s+([\d.]+)px/.exec(s.boxShadow);
      ringPx = m ? parseFloat(m[1]!) : 0;
      contrast = ratio(rgb(s.boxShadow).slice(0, 3), bg);
    }
    const r = shown.getBoundingClientRect();
    // the ring's outer edge, and every ancestor that clips what lies outside it
    const out = s.outlineStyle !== 'none' ? Math.max(0, parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth)) : ringPx;
    const ring = { top: r.top - out, left: r.left - out, bottom: r.bottom + out, right: r.right + out };
    let clipped: string | false = false;
    for (let a = shown.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const st = getComputedStyle(a);
      if (st.overflowX === 'visible' && st.overflowY === 'visible') continue;
      const c = a.getBoundingClientRect();
      if (ring.top < c.top - 0.5 || ring.left < c.left - 0.5 || ring.bottom > c.bottom + 0.5 || ring.right > c.right + 0.5) {
        const box = (b: { top: number; left: number; bottom: number; right: number }) => [b.left, b.top, b.right, b.bottom].map(Math.round).join(',');
        clipped = `ring ${box(ring)} outside ${a.tagName.toLowerCase()}.${a.className} ${box(c)}`;
      }
    }
    return {
      key,
      tag: el.tagName.toLowerCase(),
      ringPx,
      contrast,
      clipped,
      inViewport: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    };
  });
}

/** Presses Tab until focus reaches `last`, recording each stop (a datetime field's parts count once). */
async function tabUntil(page: Page, last: string, max = 60): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f) continue;
    if (stops.at(-1)?.key !== f.key) stops.push(f);
    if (f.key === last) return stops;
  }
  throw new Error(`Tab never reached ${last}; stops: ${stops.map((s) => s.key).join(' → ')}`);
}

function expectVisibleRing(f: Focused | null, where: string) {
  expect(f, where).not.toBeNull();
  expect(f!.ringPx, `${where}: focus ring width on ${f!.key}`).toBeGreaterThanOrEqual(2);
  expect(f!.contrast, `${where}: focus ring contrast on ${f!.key}`).toBeGreaterThanOrEqual(3);
  expect(f!.clipped, `${where}: focus ring on ${f!.key} cut off by a container`).toBe(false);
  expect(f!.inViewport, `${where}: ${f!.key} scrolled into view`).toBe(true);
}

it('signs in and reports an item on a phone with the keyboard alone, with a visible focus ring on every stop', async () => {
  const { page: p, errors } = await openPage(browser, { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await p.goto(`${server.origin}/report`);
  await p.waitForURL(/\/login\?next=/);
  await p.waitForSelector('[data-testid="login-form"]');

  // the account field has focus on arrival; Tab goes password → submit
  let f = await focused(p);
  expect(f?.key).toBe('login');
  await p.keyboard.type('inf-village');
  await p.keyboard.press('Tab');
  f = await focused(p);
  expect(f?.key).toBe('password');
  expectVisibleRing(f, 'login: password');
  await p.keyboard.type('village-pw-1');
  await p.keyboard.press('Tab');
  f = await focused(p);
  expect(f).toMatchObject({ key: 'button' });
  expect(await p.evaluate(() => (document.activeElement as HTMLButtonElement).type)).toBe('submit');
  expectVisibleRing(f, 'login: submit');
  await p.screenshot({ path: artifact('keyboard-login-focus.png') });
  await p.keyboard.press('Enter');
  await p.waitForURL(/\/report$/);
  await p.waitForSelector('[data-testid="item-form"]');

  // first stop: the skip link, shown when focused; Enter jumps past the header
  await p.keyboard.press('Tab');
  f = await focused(p);
  expect(f?.key).toBe('a');
  expect(await p.evaluate(() => (document.activeElement as HTMLAnchorElement).getAttribute('href'))).toBe('#main');
  expectVisibleRing(f, 'skip link');
  await p.keyboard.press('Enter');
  expect(await p.evaluate(() => document.activeElement?.id)).toBe('main');

  // then the form, in reading order: the tab bar is one stop, then every control
  const categories = await p.$$eval('[data-testid="item-form"] [data-category]', (els) => els.map((e) => `category:${(e as HTMLElement).dataset.category}`));
  const channels = await p.$$eval('[data-testid="item-form"] [data-channel]', (els) => els.map((e) => `channel:${(e as HTMLElement).dataset.channel}`));
  expect(categories.length).toBeGreaterThan(3);
  const stops = await tabUntil(p, 'item-submit');
  expect(stops.map((s) => s.key)).toEqual(['tab:submit', ...categories, ...channels, 'title', 'body', 'photo-input', 'occurredAt', 'item-submit']);
  for (const s of stops) expectVisibleRing(s, 'report form');

  // fill it in with the keyboard: Shift+Tab back to a category, Space picks it
  const back = async (key: string) => {
    for (let i = 0; i < 40 && (await focused(p))?.key !== key; i++) await p.keyboard.press('Shift+Tab');
    expect((await focused(p))?.key).toBe(key);
  };
  await back('category:WORK_PROGRESS');
  await p.keyboard.press('Space');
  expect(await p.getAttribute('[data-category="WORK_PROGRESS"]', 'aria-pressed')).toBe('true');
  await p.screenshot({ path: artifact('keyboard-report-focus-375.png') });
  await tabUntil(p, 'title');
  await p.keyboard.type('李家村完成秋冬种 1200 亩');
  await p.keyboard.press('Tab');
  await p.keyboard.type('截至 11 月 25 日，全村完成小麦播种 1200 亩。');
  await tabUntil(p, 'item-submit');
  await p.keyboard.press('Enter');
  await p.waitForSelector('[data-testid="submit-message"]');
  expect(await p.textContent('[data-testid="submit-message"]')).toContain('已报送');

  // the tab bar: arrow keys move between tabs and select them
  await p.focus('[data-tab="submit"]');
  await p.keyboard.press('ArrowRight');
  expect((await focused(p))?.key).toBe('tab:mine');
  expect(await p.getAttribute('[data-tab="mine"]', 'aria-selected')).toBe('true');
  expect(await p.isVisible('#report-panel-mine')).toBe(true);
  expect(await p.isVisible('#report-panel-submit')).toBe(false);
  await p.keyboard.press('End');
  expect((await focused(p))?.key).toBe('tab:incident');
  await p.keyboard.press('Home');
  expect((await focused(p))?.key).toBe('tab:submit');
  await p.keyboard.press('ArrowLeft');
  expect((await focused(p))?.key).toBe('tab:incident');
  await p.keyboard.press('ArrowRight');
  await p.keyboard.press('ArrowRight');
  expect(await p.getAttribute('[data-tab="mine"]', 'aria-selected')).toBe('true');
  // only the selected tab is a Tab stop
  expect(await p.$$eval('[role=tab]', (els) => els.map((e) => e.getAttribute('tabindex')))).toEqual(['-1', '0', '-1']);
  await p.locator('[data-testid="my-items"] [data-item-id]').first().waitFor();
  expect(await p.textContent('[data-testid="my-items"]')).toContain('李家村完成秋冬种 1200 亩');

  expect(errors).toEqual([]);
  await p.context().close();
});

it('the enlarged photo is a dialog: focus moves in, stays in, Escape closes it and focus returns to the photo', async () => {
  const { page: p, errors } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await signIn(p, server.origin, 'inf-village', 'village-pw-1', '/report');
  await p.waitForSelector('[data-testid="item-form"]');
  await p.click('[data-category="MEETING"]');
  await p.fill('input[name=title]', '李家村召开安全生产会议');
  await p.fill('textarea[name=body]', '部署冬季安全检查。');
  await p.fill('textarea[name=meetingSummary]', '落实值班值守。');
  await p.setInputFiles('[data-testid="photo-input"]', [{ name: '会议现场.jpg', mimeType: 'image/jpeg', buffer: jpegWithGps() }]);
  await p.waitForSelector('[data-testid="photo-thumb"][data-status="done"]');
  await p.click('[data-testid="item-submit"]');
  await p.waitForSelector('[data-testid="submit-message"]');
  await p.click('[data-tab="mine"]');

  const thumb = p.locator('[data-testid="my-items"] [data-item-id]').first().locator('button:has([data-testid="item-photo"])');
  await thumb.waitFor();
  await thumb.focus();
  await p.keyboard.press('Enter');
  const dialog = p.locator('[data-testid="photo-dialog"]');
  await dialog.waitFor();
  expect(await dialog.getAttribute('aria-modal')).toBe('true');
  const inDialog = () => p.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="photo-dialog"]')));
  expect(await inDialog()).toBe(true);
  expectVisibleRing(await focused(p), 'photo dialog');
  await p.keyboard.press('Tab');
  expect(await inDialog()).toBe(true);
  await p.keyboard.press('Shift+Tab');
  expect(await inDialog()).toBe(true);
  await p.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await p.evaluate(() => Boolean(document.activeElement?.querySelector('[data-testid="item-photo"]')))).toBe(true);
  // and the button in it closes it too
  await p.keyboard.press('Space');
  await dialog.waitFor();
  await p.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  expect(await p.evaluate(() => Boolean(document.activeElement?.querySelector('[data-testid="item-photo"]')))).toBe(true);

  expect(errors).toEqual([]);
  await p.context().close();
});

/** Pretends the tab was hidden or shown (headless Chromium has no real tabs to switch). */
const setHidden = (p: Page, hidden: boolean) =>
  p.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);

it('a live screen in a hidden tab stops its clock and re-reads the server clock when shown again', async () => {
  await report(server.url, fx.tokens.infVillage, fx.units.village, { title: '李家村道路塌方', occurredAt: new Date(Date.now() - 60_000).toISOString() });
  const { page: p, errors } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await signIn(p, server.origin, 'leader', 'leader-pw-1', '/leader');
  const countdown = p.locator('[data-testid="incident-card"] [data-testid="incident-countdown"]').first();
  await countdown.waitFor();
  const read = () => countdown.textContent();
  const serverTimeQueries: number[] = [];
  p.on('request', (r) => {
    // queries go out as GET (the document in the address), mutations as POST
    if (decodeURIComponent(r.url()).includes('serverTime') || (r.postData() ?? '').includes('serverTime')) serverTimeQueries.push(Date.now());
  });

  // ticking while visible
  const a = await read();
  await p.waitForTimeout(2_100);
  expect(await read()).not.toBe(a);

  await setHidden(p, true);
  const frozen = await read();
  await p.waitForTimeout(3_000);
  expect(await read()).toBe(frozen);

  const shownAt = Date.now();
  await setHidden(p, false);
  await p.waitForTimeout(1_500);
  expect(await read()).not.toBe(frozen);
  expect(serverTimeQueries.some((t) => t >= shownAt)).toBe(true);
  expect(errors).toEqual([]);
  await p.context().close();
});

it('a live screen shown again after more than 30 s hidden re-reads its data; after a short absence it does not', async () => {
  // A change that sends no event (as if the PC slept through it and its socket died
  // silently) is written straight into the database: only a re-read can show it.
  const r = await gql<{ submitItem: { id: string } }>(server.url, SUBMIT, { input: itemInput(fx.units.village, '隐藏标签页') }, fx.tokens.infVillage);
  const itemId = r.data!.submitItem.id;
  const { page: p, errors } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await signIn(p, server.origin, 'office', 'office-pw-1', '/office');
  const title = p.locator(`[data-testid="review-queue"] [data-item-id="${itemId}"] h2`);
  await expect.poll(() => title.textContent(), { timeout: 10_000 }).toBe('测试信息 隐藏标签页');

  // away for 3 s: the screen trusts its live stream and reads nothing again
  await setHidden(p, true);
  await db().item.update({ where: { id: itemId }, data: { title: '改过一次的标题' } });
  await p.waitForTimeout(3_000);
  await setHidden(p, false);
  await p.waitForTimeout(2_000);
  expect(await title.textContent()).toBe('测试信息 隐藏标签页');

  // away for 31 s: it re-reads on return
  await setHidden(p, true);
  await db().item.update({ where: { id: itemId }, data: { title: '隐藏时改过的标题' } });
  await p.waitForTimeout(31_000);
  await setHidden(p, false);
  await expect.poll(() => title.textContent(), { timeout: 5_000 }).toBe('隐藏时改过的标题');
  expect(errors).toEqual([]);
  await p.context().close();
}, 90_000);
