import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { db } from '../../server/src/db.js';
import { hashPassword } from '../../server/src/modules/auth/password.js';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql } from '../helpers/graphql.js';
import { takeHeapSnapshot } from '../bench-display/cdp.js';
import { startServer, type TestServer } from '../helpers/server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = path.resolve(here, '../../web/dist');
export const ARTIFACTS = path.join(here, 'artifacts');

/** The real server in-process, serving the built web app (run `pnpm --filter @xinbao/web build` first). */
export async function startWebServer(env: Record<string, string> = {}): Promise<TestServer & { origin: string }> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`web/dist is missing: run \`npx -y pnpm@10 --filter @xinbao/web build\` before the e2e tests`);
  }
  const server = await startServer({ WEB_DIST, ...env });
  return { ...server, origin: `http://127.0.0.1:${server.port}` };
}

export interface WebApp {
  server: TestServer & { origin: string };
  fx: Fixture;
  browser: Browser;
}

/**
 * The usual setup of a browser test file: the server serving the built web app, the
 * fixture (with passwords for the people who sign in through the form), and Chromium
 * (`env`: the server's own settings, e.g. another WEB_DIST);
 * all closed after the file. The fields are filled in before the first test runs.
 */
export function useWebApp(setup: { passwords?: Partial<Record<keyof Fixture['people'], string>>; env?: Record<string, string> } = {}): WebApp {
  const app = {} as WebApp;
  beforeAll(async () => {
    app.server = await startWebServer(setup.env);
    app.fx = await createFixture();
    for (const [who, password] of Object.entries(setup.passwords ?? {})) await setPassword(app.fx.people[who as keyof Fixture['people']], password!);
    app.browser = await launchBrowser();
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.stop();
  });
  return app;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS],
  });
}

/** What the browser itself logs as an error when the network fails, which the tests provoke on purpose. */
const NETWORK_NOISE = /^(Failed to load resource|WebSocket connection to )/;

/**
 * A page that fails the test on any uncaught error in the app, and on any error Vue
 * caught and logged (a watcher or a render that threw: the app never logs errors
 * itself, so a console error other than the browser's network noise is one).
 */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !NETWORK_NOISE.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return { page, errors };
}

export function artifact(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/** Gives a fixture person a password so the sign-in screen can be used. */
export async function setPassword(personId: string, password: string): Promise<void> {
  await db().person.update({ where: { id: personId }, data: { passwordHash: await hashPassword(password) } });
}

/** A DUTY account and a display token for it, issued by the office (as in production). */
export async function displayToken(url: string, officeToken: string): Promise<string> {
  const duty =
    (await db().person.findFirst({ where: { roles: { some: { role: 'DUTY' } } } })) ??
    (await db().person.create({ data: { name: '值班室', account: `duty-${Date.now()}`, roles: { create: { role: 'DUTY' } } } }));
  const res = await gql(url, `mutation($p: ID!) { createDisplayToken(personId: $p, label: "e2e") { token } }`, { p: duty.id }, officeToken);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.createDisplayToken.token;
}

/** Opens `path`, is sent to the sign-in page, signs in and lands back on `path`. */
export async function signIn(page: Page, origin: string, login: string, password: string, path: string): Promise<void> {
  await page.goto(`${origin}${path}`);
  await page.waitForURL(/\/login/);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL((u) => u.pathname === path);
}

/** Records every browser notification the page creates (the real one is still shown). */
export async function recordNotifications(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const Real = window.Notification;
    const shown: string[] = [];
    (window as unknown as { __notifications: string[] }).__notifications = shown;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(`${title} | ${options?.body ?? ''}`);
      }
    }
    window.Notification = Recorded;
  });
  return () => page.evaluate(() => [...(window as unknown as { __notifications: string[] }).__notifications]);
}

/** Waits until the incident watch above an office or leader screen has read its first snapshot (what comes after it alerts). */
export async function incidentWatchReady(page: Page): Promise<void> {
  await page.locator('[data-testid="incident-watch-root"][data-state="ready"]').waitFor({ state: 'attached' });
}

/** Opens the wall as a display does: `/?token=…` once, then waits until it is live. */
export async function openWall(page: Page, origin: string, token: string, query = ''): Promise<void> {
  await page.goto(`${origin}/?token=${encodeURIComponent(token)}${query ? `&${query}` : ''}`);
  try {
    await page.waitForSelector('[data-testid="wall"][data-link="live"][data-clock="synced"]', { timeout: 20_000 });
  } catch (err) {
    await page.screenshot({ path: artifact('failed-open-wall.png') });
    const state = await page.evaluate(() => document.querySelector('[data-testid="wall"]')?.outerHTML.slice(0, 300) ?? document.body.innerText.slice(0, 300));
    throw new Error(`wall not live at ${page.url()}: ${state}`, { cause: err });
  }
}

export interface TextBox {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Boxes of every visible text run on the page, clipped by overflow-hidden
 * ancestors, so text pushed out of a panel does not count as visible.
 */
export async function visibleTextBoxes(page: Page): Promise<TextBox[]> {
  return page.evaluate(() => {
    const out: { text: string; x: number; y: number; w: number; h: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      if (!text) continue;
      const el = n.parentElement;
      if (!el) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      // The range's box is the font's content area, which for Noto Sans CJK is about
      // 1.45 em tall: with a tight line-height, neighbouring lines' boxes overlap
      // while their glyphs do not. Glyphs sit in the em box, so compare that.
      const elBox = el.getBoundingClientRect();
      const scale = el.offsetWidth > 0 ? elBox.width / el.offsetWidth : 1;
      const em = parseFloat(style.fontSize) * scale;
      const mid = (r.top + r.bottom) / 2;
      let x1 = r.left;
      let y1 = Math.max(r.top, mid - em / 2);
      let x2 = r.right;
      let y2 = Math.min(r.bottom, mid + em / 2);
      for (let a: Element | null = el; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflow !== 'visible' || s.overflowX !== 'visible' || s.overflowY !== 'visible') {
          const c = a.getBoundingClientRect();
          x1 = Math.max(x1, c.left);
          y1 = Math.max(y1, c.top);
          x2 = Math.min(x2, c.right);
          y2 = Math.min(y2, c.bottom);
        }
      }
      x1 = Math.max(x1, 0);
      y1 = Math.max(y1, 0);
      x2 = Math.min(x2, innerWidth);
      y2 = Math.min(y2, innerHeight);
      if (x2 - x1 < 1 || y2 - y1 < 1) continue;
      out.push({ text, x: x1, y: y1, w: x2 - x1, h: y2 - y1 });
    }
    return out;
  });
}

/**
 * A photo-like JPEG the page's own browser encodes (sky, a field, a sign with text),
 * so thumbnails in screenshots are real pictures and `naturalWidth` tells whether
 * they were decoded. `hue` tells two photos apart.
 */
export async function canvasJpeg(page: Page, hue = 200): Promise<Buffer> {
  const dataUrl = await page.evaluate((h) => {
    const c = document.createElement('canvas');
    c.width = 640;
    c.height = 480;
    const g = c.getContext('2d')!;
    g.fillStyle = `hsl(${h} 60% 70%)`;
    g.fillRect(0, 0, 640, 300);
    g.fillStyle = 'hsl(100 40% 40%)';
    g.fillRect(0, 300, 640, 180);
    g.fillStyle = '#b91c1c';
    g.fillRect(160, 120, 320, 120);
    g.fillStyle = '#fff';
    g.font = 'bold 48px sans-serif';
    g.fillText('会议现场', 224, 198);
    return c.toDataURL('image/jpeg', 0.85);
  }, hue);
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** An image's decoded width: 0 until it has loaded, and for a file the browser cannot decode. */
export function decodedWidth(img: Locator): Promise<number> {
  return img.evaluate((el) => ((el as HTMLImageElement).complete ? (el as HTMLImageElement).naturalWidth : 0));
}

/** Pairs of text boxes that overlap by more than `tolerance` px in both directions. */
export function overlappingTexts(boxes: TextBox[], tolerance = 2): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (ox > tolerance && oy > tolerance) pairs.push([a.text, b.text]);
    }
  }
  return pairs;
}

/** Polls `read` until `ok` holds (Playwright's own waits need a selector; this takes any value). */
/**
 * How many times Chromium recalculated the page's styles during `ms` (its own counter).
 * A page at rest restyles for what changes on it (a clock: once a second); an
 * animation of a painted property restyles at every frame, ~60 times a second.
 */
export async function styleRecalcsDuring(page: Page, ms: number): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const count = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'RecalcStyleCount')!.value;
  const before = await count();
  await page.waitForTimeout(ms);
  const during = (await count()) - before;
  await cdp.detach();
  return during;
}

/**
 * How many of one kind of Blink's own objects the page holds (a heap snapshot's `native`
 * nodes, e.g. `blink::MediaQuery`), after two forced collections.
 */
export async function blinkObjects(page: Page, name: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const snap = await takeHeapSnapshot(cdp as unknown as Parameters<typeof takeHeapSnapshot>[0]);
    const fields = snap.snapshot.meta.node_fields;
    const [iType, iName] = [fields.indexOf('type'), fields.indexOf('name')];
    const native = snap.snapshot.meta.node_types[0].indexOf('native');
    let count = 0;
    for (let i = 0; i < snap.nodes.length; i += fields.length) if (snap.nodes[i + iType] === native && snap.strings[snap.nodes[i + iName]!] === name) count++;
    return count;
  } finally {
    await cdp.detach();
  }
}

export { eventually } from '../helpers/wait.js';

/**
 * The first request carrying `operation` reaches the server, but its answer is lost on
 * the way back (the connection is reset), as on a phone losing its signal; everything
 * after passes. Returns whether that has happened yet.
 */
export async function loseFirstAnswer(page: Page, operation: string): Promise<() => boolean> {
  let lost = false;
  await page.route('**/graphql', async (route) => {
    if (!lost && (route.request().postData() ?? '').includes(operation)) {
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });
  return () => lost;
}
