import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { report } from '../helpers/incidents.js';
import type { TestServer } from '../helpers/server.js';
import { artifact, displayToken, eventually, launchBrowser, openPage, openWall, startWebServer } from './e2e-helpers.js';

// A display PC in New York whose clock is 7 min 13 s fast still shows China
// Standard Time and the right countdowns: everything runs on the server's clock.

const SKEW_MS = 7 * 60_000 + 13_000;
let server: TestServer & { origin: string };
let fx: Fixture;
let token: string;
let browser: Browser;

const cst = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(ms);
const seconds = (hms: string) => hms.split(':').map(Number).reduce((a, n) => a * 60 + n, 0);

beforeAll(async () => {
  server = await startWebServer();
  fx = await createFixture();
  token = await displayToken(server.url, fx.tokens.office);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('shows CST and true countdowns on a PC in another zone with a wrong clock', async () => {
  const { page, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 }, timezoneId: 'America/New_York' });
  // the PC's clock runs fast: every Date reads SKEW_MS ahead (timers still tick normally)
  await page.addInitScript((skew: number) => {
    const Real = Date;
    class Skewed extends Real {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(Real.now() + skew);
        else super(...(args as [number]));
      }
      static override now() {
        return Real.now() + skew;
      }
    }
    (globalThis as unknown as { Date: DateConstructor }).Date = Skewed as unknown as DateConstructor;
  }, SKEW_MS);

  const occurredAt = Date.now() - 30 * 60_000;
  const incident = await report(server.url, fx.tokens.infVillage, fx.units.village, { occurredAt: new Date(occurredAt).toISOString() });
  await openWall(page, server.origin, token);

  const browserView = await page.evaluate(() => ({
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    pcNow: Date.now(),
  }));
  expect(browserView.zone).toBe('America/New_York');
  expect(browserView.pcNow - Date.now()).toBeGreaterThan(SKEW_MS - 5_000); // the skew is really there

  // the big clock reads China time from the server, not the PC
  const shown = await page.locator('.clock .time').textContent();
  expect(Math.abs(seconds(shown!) - seconds(cst(Date.now())))).toBeLessThanOrEqual(2);
  expect(await page.locator('.clock .date').textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 星期./);

  // the countdown to the 2-hour line is measured from the server's now: about 1:30:00
  const card = page.locator(`[data-testid="wall-incident"][data-incident-id="${incident.id}"]`);
  await card.waitFor();
  const ms = Number(await card.locator('[data-testid="incident-countdown"]').getAttribute('data-ms'));
  const expected = occurredAt + 2 * 3600_000 - Date.now();
  expect(Math.abs(ms - expected)).toBeLessThan(3_000);
  expect(await card.getAttribute('data-phase')).toBe('COUNTING');
  const text = await card.locator('[data-testid="incident-countdown"]').textContent();
  expect(Math.abs(seconds(text!) - Math.round(expected / 1000))).toBeLessThanOrEqual(3);

  // and it keeps ticking
  await eventually(
    async () => Number(await card.locator('[data-testid="incident-countdown"]').getAttribute('data-ms')),
    (later) => later < ms - 900,
    5_000,
    'countdown to tick',
  );
  await page.screenshot({ path: artifact('tz-new-york-skewed.png') });
  expect(errors).toEqual([]);
});
