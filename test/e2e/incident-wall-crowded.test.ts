import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { report } from '../helpers/incidents.js';
import type { TestServer } from '../helpers/server.js';
import { artifact, displayToken, eventually, launchBrowser, openPage, openWall, startWebServer } from './e2e-helpers.js';

// More open incidents than the wall's panel holds (a storm, a bad night): the cards that
// do not fit are counted, and they are the ones with time to spare — an 一般 incident
// minutes from its 2-hour line is never the one left out.

let server: TestServer & { origin: string };
let fx: Fixture;
let token: string;
let browser: Browser;

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

it('with more incidents than fit, the one nearest its line is shown and those with time to spare are counted', async () => {
  // Setup: six 较大 incidents that happened a minute ago (an hour and more to go), and
  // one 一般 that happened 1 h 45 min ago (a quarter of an hour to its 2-hour line)
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  for (let n = 1; n <= 6; n++) {
    await report(server.url, fx.tokens.infDept, fx.units.dept, { severity: 'LARGE', kind: 'SUDDEN_EVENT', title: `较大事件 ${n}`, occurredAt: minutesAgo(1) });
  }
  const near = await report(server.url, fx.tokens.infVillage, fx.units.village, { severity: 'GENERAL', title: '一般事件临近时限', occurredAt: minutesAgo(105) });

  // Action: the wall at 1920×1080
  const { page, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
  await openWall(page, server.origin, token);

  // Assert: not all seven fit; the near one is on screen, and what is hidden is counted
  const cards = page.locator('[data-testid="wall-incident"]');
  await eventually(() => cards.count(), (n) => n === 7, 10_000, 'seven cards');
  const shown = () =>
    cards.evaluateAll((els) => els.filter((el) => getComputedStyle(el).visibility !== 'hidden').map((el) => el.getAttribute('data-incident-id')));
  await eventually(shown, (ids) => ids.length > 0 && ids.length < 7, 10_000, 'some cards hidden');
  const visible = await shown();
  expect(visible[0]).toBe(near.id);
  expect(await page.locator(`[data-testid="wall-incident"][data-incident-id="${near.id}"]`).getAttribute('data-phase')).toBe('WARNING');
  expect(await page.getByText(`另有 ${7 - visible.length} 起未显示`).count()).toBe(1);
  await page.screenshot({ path: artifact('incident-wall-crowded.png') });
  expect(errors).toEqual([]);
});
