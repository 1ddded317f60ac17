import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import type { TestServer } from '../helpers/server.js';
import {
  artifact,
  blinkObjects,
  displayToken,
  eventually,
  launchBrowser,
  openPage,
  openWall,
  overlappingTexts,
  startWebServer,
  styleRecalcsDuring,
  visibleTextBoxes,
} from './e2e-helpers.js';

// The duty-room wall with a display token: live without a reload, and laid out
// for 1920×1080 and 3840×2160 without scrollbars or text on text.

let server: TestServer & { origin: string };
let fx: Fixture;
let token: string;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  fx = await createFixture();
  token = await displayToken(server.url, fx.tokens.office);
  // a few items so the charts have bars
  for (let n = 1; n <= 3; n++) await gql(server.url, SUBMIT, { input: itemInput(fx.units.village, `v${n}`) }, fx.tokens.infVillage);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('wall display', () => {
  it('shows an item submitted through the API in its chart, totals and ticker without a reload (1920×1080)', async () => {
    const { page, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
    await openWall(page, server.origin, token);
    // the token was taken out of the address bar
    expect(page.url()).not.toContain('token=');
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    // opened after events happened, it says when the last one did (not 暂无)
    const cstClock = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
    const lastBefore = (await gql(server.url, '{ lastEventAt }', {}, fx.tokens.office)).data.lastEventAt as string;
    const lastEventShown = () => page.textContent('[data-testid="wall"] .last-event time');
    expect(await lastEventShown()).toBe(cstClock(lastBefore));

    const counts = () => page.getAttribute('[data-testid="wall"] .chart-panel[data-values]', 'data-values');
    await eventually(counts, (v) => Boolean(v?.includes('李家村=3')), 10_000, 'initial chart');
    expect(await counts()).toContain('经济发展办公室=0');
    expect(await page.textContent('[data-testid="totals-submitted"]')).toBe('3');

    const res = await gql(server.url, SUBMIT, { input: itemInput(fx.units.dept, '大屏', { title: '经发办完成招商引资签约' }) }, fx.tokens.infDept);
    expect(res.errors).toBeUndefined();
    const id: string = res.data.submitItem.id;

    await page.waitForSelector(`[data-item-id="${id}"]`, { timeout: 10_000 });
    expect(await page.textContent(`[data-item-id="${id}"]`)).toContain('经发办完成招商引资签约');
    await eventually(counts, (v) => Boolean(v?.includes('经济发展办公室=1')), 10_000, 'chart update');
    await eventually(() => page.textContent('[data-testid="totals-submitted"]'), (v) => v === '4', 10_000, 'totals');
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    const lastAfter = (await gql(server.url, '{ lastEventAt }', {}, fx.tokens.office)).data.lastEventAt as string;
    expect(Date.parse(lastAfter)).toBeGreaterThan(Date.parse(lastBefore));
    await eventually(lastEventShown, (v) => v === cstClock(lastAfter), 10_000, 'the new event time shown');

    await page.waitForTimeout(800); // let the bar animation settle for the picture
    await page.screenshot({ path: artifact('wall-1920x1080.png') });
    expect(fs.statSync(artifact('wall-1920x1080.png')).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('fills a 3840×2160 screen with no scrollbars, no overlapping text, and real Chinese glyphs', async () => {
    const { page, errors } = await openPage(browser, { viewport: { width: 3840, height: 2160 } });
    await openWall(page, server.origin, token);
    await page.waitForTimeout(1000);

    const scroll = await page.evaluate(() => ({
      docW: document.documentElement.scrollWidth,
      docH: document.documentElement.scrollHeight,
      bodyW: document.body.scrollWidth,
      bodyH: document.body.scrollHeight,
      w: innerWidth,
      h: innerHeight,
      // anything on the page that would show a scrollbar
      scrollers: [...document.querySelectorAll('*')].filter((el) => {
        const s = getComputedStyle(el);
        return (/(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight) || (/(auto|scroll)/.test(s.overflowX) && el.scrollWidth > el.clientWidth);
      }).length,
    }));
    expect(scroll.docW).toBeLessThanOrEqual(scroll.w);
    expect(scroll.docH).toBeLessThanOrEqual(scroll.h);
    expect(scroll.bodyW).toBeLessThanOrEqual(scroll.w);
    expect(scroll.bodyH).toBeLessThanOrEqual(scroll.h);
    expect(scroll.scrollers).toBe(0);

    // the wall is drawn at twice the 1920 layout: it fills the screen, panels reach the bottom
    const wall = await page.locator('[data-testid="wall"]').boundingBox();
    expect(wall?.width).toBeGreaterThan(3800);
    expect(wall?.height).toBeGreaterThan(2100);
    for (const selector of ['.chart-panel', '.ticker', '[data-testid="wall-incident-panel"]']) {
      const box = await page.locator(selector).first().boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box!.y, selector).toBeGreaterThan(0);
    }
    const lowest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.panel')].map((p) => p.getBoundingClientRect().bottom)));
    expect(lowest).toBeGreaterThan(2160 * 0.93);
    expect(lowest).toBeLessThanOrEqual(2160);

    const boxes = await visibleTextBoxes(page);
    expect(boxes.length).toBeGreaterThan(20);
    expect(overlappingTexts(boxes)).toEqual([]);
    // headings scaled up with the screen
    const title = boxes.find((b) => b.text.includes('值班室大屏'));
    expect(title?.h).toBeGreaterThan(70);

    const fonts = await page.evaluate(() => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      const width = (font: string, text: string) => {
        ctx.font = font;
        return ctx.measureText(text).width;
      };
      // a glyph drawn with the CJK font differs from a missing-glyph box
      const pixels = (text: string) => {
        const c = document.createElement('canvas');
        c.width = 64;
        c.height = 64;
        const g = c.getContext('2d')!;
        g.font = '48px "Noto Sans CJK SC"';
        g.fillText(text, 4, 52);
        return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
      };
      const latin = 'abcdefghijklmnopqrstuvwxyz';
      return {
        family: getComputedStyle(document.querySelector('h1')!).fontFamily,
        // if the font were missing, both would fall back to monospace
        notoInstalled: width('30px "Noto Sans CJK SC", monospace', latin) !== width('30px monospace', latin),
        cjkWidth: width('30px "Noto Sans CJK SC"', '信报'),
        realGlyph: pixels('信') !== pixels('\uE000'),
      };
    });
    expect(fonts.family).toContain('Noto Sans CJK SC');
    expect(fonts.notoInstalled).toBe(true);
    expect(fonts.cjkWidth).toBeGreaterThan(50);
    expect(fonts.realGlyph).toBe(true);

    await page.screenshot({ path: artifact('wall-3840x2160.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows each rotating page without overlapping text; a page is drawn before it first comes round, and a hidden page catches up the moment it comes round', async () => {
    const { page, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
    // every page on its own (one page: no rotation), looked at and checked for text on text
    for (const name of ['adoption', 'quota', 'ranking', 'categories', 'trend'] as const) {
      await openWall(page, server.origin, token, `pages=${name}`);
      const shown = await page.getAttribute('[data-testid="wall"] .pages', 'data-page');
      expect(shown).toBe(name);
      await page.locator(`[data-testid="wall-${name}"]`).waitFor();
      await page.waitForTimeout(900); // chart animations over, for the picture
      if (name === 'trend') {
        // this town's items begin this month (or last, at a month's turn): the months before are
        // left blank on the chart, and the wall says from when its figures are Xinbao's
        const months = (await gql(server.url, '{ monthlyTrend { period { key } recorded } }', {}, fx.tokens.office)).data.monthlyTrend as Array<{ period: { key: string }; recorded: boolean }>;
        const first = months.findIndex((m) => m.recorded);
        expect(first).toBeGreaterThanOrEqual(10);
        const [year, month] = months[first]!.period.key.split('-').map(Number);
        expect(await page.textContent('[data-testid="trend-since"]')).toBe(`${year}年${month}月起使用信报，此前无数据`);
      }
      const boxes = await visibleTextBoxes(page);
      expect(boxes.length, name).toBeGreaterThan(10);
      expect(overlappingTexts(boxes), name).toEqual([]);
      await page.screenshot({ path: artifact(`wall-page-${name}.png`) });
    }

    // overview and ranking, 8 s each: items submitted while the ranking is hidden
    await openWall(page, server.origin, token, 'pages=overview,ranking&rotate=8');
    const pages = page.locator('[data-testid="wall"] .pages');
    const villageRow = page.locator('[data-testid="wall-ranking"] tr', { hasText: '李家村' });
    const villageSubmitted = async () => Number(await villageRow.locator('td').nth(2).textContent());
    // a page not shown yet draws its first figures in the background: the first time it
    // comes round it is complete, not empty
    await villageRow.waitFor({ state: 'attached', timeout: 5_000 });
    expect(await pages.getAttribute('data-page')).toBe('overview');
    await eventually(() => pages.getAttribute('data-page'), (p) => p === 'ranking', 10_000, 'ranking shown');
    // the overview, hidden, keeps its charts' size: coming round is no resize from 0×0
    const hiddenOverview = await page.locator('[data-page="overview"].page').evaluate((el) => ({
      visibility: getComputedStyle(el).visibility,
      canvases: [...el.querySelectorAll('canvas')].map((c) => c.getBoundingClientRect().width),
    }));
    expect(hiddenOverview.visibility).toBe('hidden');
    expect(hiddenOverview.canvases.length).toBeGreaterThan(0);
    expect(Math.min(...hiddenOverview.canvases)).toBeGreaterThan(100);
    const before = await villageSubmitted();
    await eventually(() => pages.getAttribute('data-page'), (p) => p === 'overview', 10_000, 'overview shown');
    const totals = Number(await page.textContent('[data-testid="totals-submitted"]'));
    for (const n of [1, 2]) {
      const r = await gql(server.url, SUBMIT, { input: itemInput(fx.units.village, `轮播 ${n}`) }, fx.tokens.infVillage);
      expect(r.errors).toBeUndefined();
    }
    // the page on screen follows at once; the hidden one holds what it showed
    await eventually(() => page.textContent('[data-testid="totals-submitted"]'), (v) => Number(v) === totals + 2, 5_000, 'totals');
    expect(await pages.getAttribute('data-page')).toBe('overview');
    expect(await villageSubmitted()).toBe(before);
    // and is current the moment it is shown
    await eventually(() => pages.getAttribute('data-page'), (p) => p === 'ranking', 10_000, 'ranking shown again');
    expect(await villageSubmitted()).toBe(before + 2);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('rotating its pages leaves nothing behind in the browser (it runs for weeks)', async () => {
    const { page, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
    await openWall(page, server.origin, token, 'pages=overview,ranking&rotate=5');
    const pages = page.locator('[data-testid="wall"] .pages');
    await eventually(() => pages.getAttribute('data-page'), (p) => p === 'ranking', 10_000, 'ranking shown');
    const before = await blinkObjects(page, 'blink::MediaQuery');
    // two more rounds: the ranking's two tables hidden and shown twice. Chromium kept a
    // media query object for each table header each time (8 here, ~3,000 a day on a wall)
    for (const shown of ['overview', 'ranking', 'overview', 'ranking']) {
      await eventually(() => pages.getAttribute('data-page'), (p) => p === shown, 10_000, `${shown} shown`);
    }
    expect((await blinkObjects(page, 'blink::MediaQuery')) - before).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('at rest restyles for its clock only, not on every frame (it runs for weeks)', async () => {
    const { page, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
    await openWall(page, server.origin, token, 'pages=overview'); // live and synced
    await page.waitForTimeout(3_000); // the first figures' animations over
    // the clock's seconds change five times; something animating a painted property
    // (the live dot's glow once did) restyles the page at every frame, ~300 times
    const during = await styleRecalcsDuring(page, 5_000);
    expect(during).toBeGreaterThanOrEqual(4);
    expect(during).toBeLessThan(30);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a wall whose token is revoked stops saying 实时: it says the token ended and what to do, and the figures stay visible', async () => {
    const issued = await gql(server.url, 'mutation($p: ID!) { createDisplayToken(personId: $p, label: "revoked") { token sessionId } }', { p: fx.people.duty }, fx.tokens.office);
    expect(issued.errors).toBeUndefined();
    const { token: own, sessionId } = issued.data.createDisplayToken as { token: string; sessionId: string };
    const { page, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
    await openWall(page, server.origin, own);
    const badge = () => page.textContent('[data-testid="wall"] .status .badge');
    await eventually(badge, (v) => v?.trim() === '实时', 10_000, 'live');
    expect(await page.locator('[data-testid="wall-token-ended"]').count()).toBe(0);

    expect((await gql(server.url, 'mutation($id: ID!) { revokeSession(sessionId: $id) }', { id: sessionId }, fx.tokens.office)).errors).toBeUndefined();
    await eventually(badge, (v) => v?.trim() === '令牌失效', 15_000, 'the badge');
    const notice = page.locator('[data-testid="wall-token-ended"]');
    expect(await notice.textContent()).toContain('大屏令牌已失效');
    expect(await page.getAttribute('[data-testid="wall"]', 'class')).toContain('is-cut-off');
    // it stays so: the socket may connect again, but the wall is not live
    await page.waitForTimeout(5_000);
    expect((await badge())?.trim()).toBe('令牌失效');
    expect(await page.textContent('[data-testid="totals-submitted"]')).not.toBe('');
    await page.screenshot({ path: artifact('wall-token-ended-1920.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

