import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql } from '../helpers/graphql.js';
import { report } from '../helpers/incidents.js';
import type { TestServer } from '../helpers/server.js';
import { artifact, displayToken, eventually, launchBrowser, openPage, openWall, startWebServer, styleRecalcsDuring } from './e2e-helpers.js';

// An incident reported through the API reaches the wall, counts down, and changes
// colour as the (test-shortened) lines pass, with an alert for each — no reload.

let server: TestServer & { origin: string };
let fx: Fixture;
let token: string;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  // 8 s to the "2-hour" line, 16 s to the "10-hour" line, a warning 4 s before
  await db().setting.create({
    data: { key: 'incident.deadlines', value: JSON.stringify({ lateAfterSec: 8, concealedAfterSec: 16, warnBeforeSec: [4] }) },
  });
  fx = await createFixture();
  token = await displayToken(server.url, fx.tokens.office);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('shows a new incident with a live countdown and recolours it as each line is crossed', async () => {
  const { page, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
  await openWall(page, server.origin, token);
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  expect(await page.locator('[data-testid="wall-incident"]').count()).toBe(0);

  const incident = await report(server.url, fx.tokens.infVillage, fx.units.village, {
    title: '李家村砖厂一名工人手部受伤',
    occurredAt: new Date(Date.now() - 1000).toISOString(),
  });
  const card = page.locator(`[data-testid="wall-incident"][data-incident-id="${incident.id}"]`);
  await card.waitFor({ timeout: 10_000 });
  expect(await card.textContent()).toContain('李家村砖厂一名工人手部受伤');
  expect(await card.getAttribute('data-severity')).toBe('GENERAL');
  expect(await card.textContent()).toContain('一般');

  // a new incident raises the alert banner, with the alarm sounding
  const banner = page.locator('[data-testid="incident-alert"]');
  await banner.waitFor({ timeout: 5_000 });
  expect(await banner.getAttribute('data-incident-id')).toBe(incident.id);
  expect(await banner.getAttribute('data-reason')).toBe('NEW');
  expect(await banner.getAttribute('data-alarm')).toBe('playing');
  // an alert dialog, named by its reason, with focus on its one action: a button
  expect(await banner.getAttribute('role')).toBe('alertdialog');
  expect(await page.locator('#incident-alert-reason').textContent()).toBeTruthy();
  expect(await page.evaluate(() => {
    const el = document.activeElement;
    return el?.tagName === 'BUTTON' && el.closest('[data-testid="incident-alert"]') !== null ? el.textContent?.trim() : null;
  })).toBe('点击或按任意键确认');

  // the countdown runs down, second by second
  const remaining = async () => Number(await card.locator('[data-testid="incident-countdown"]').getAttribute('data-ms'));
  const first = await remaining();
  expect(first).toBeGreaterThan(0);
  expect(first).toBeLessThanOrEqual(8_000);
  await page.waitForTimeout(1_500);
  expect(await remaining()).toBeLessThan(first);

  // acknowledge on the display: the banner goes, the card stays
  await banner.click();
  await banner.waitFor({ state: 'detached', timeout: 2_000 });
  const countingColour = await card.locator('[data-testid="incident-countdown"]').evaluate((el) => getComputedStyle(el).color);

  // the 8 s line passes: 迟报, red, and a new alert for the crossing
  await eventually(() => card.getAttribute('data-phase'), (p) => p === 'LATE', 12_000, 'LATE');
  expect(await card.locator('[data-testid="incident-phase"]').textContent()).toContain('迟报');
  const lateColour = await card.locator('[data-testid="incident-countdown"]').evaluate((el) => getComputedStyle(el).color);
  expect(lateColour).not.toBe(countingColour);
  await eventually(() => banner.getAttribute('data-reason'), (r) => r === 'LATE', 5_000, 'LATE alert');
  await page.screenshot({ path: artifact('incident-wall-late.png') });
  await page.keyboard.press('Enter'); // any key acknowledges too
  await banner.waitFor({ state: 'detached', timeout: 2_000 });

  // the 16 s line passes: 漏报/瞒报
  await eventually(() => card.getAttribute('data-phase'), (p) => p === 'CONCEALED', 12_000, 'CONCEALED');
  expect(await card.locator('[data-testid="incident-phase"]').textContent()).toContain('瞒报');
  await eventually(() => banner.getAttribute('data-reason'), (r) => r === 'CONCEALED', 5_000, 'CONCEALED alert');
  await page.screenshot({ path: artifact('incident-wall-concealed.png') });
  // the banner flashes and the card blinks (an unacknowledged alert may wait hours, a
  // concealed incident stays until it is closed), and yet the page restyles only for
  // its clocks, not at every frame (the card blinking by a mixed background colour did,
  // ~300 times in 5 s)
  const restyles = await styleRecalcsDuring(page, 5_000);
  expect(restyles).toBeGreaterThanOrEqual(4);
  expect(restyles).toBeLessThan(30);

  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  expect(errors).toEqual([]);
});

it('says on a major incident\'s card whom it waits on before the county can be told, live', async () => {
  const { page, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
  await openWall(page, server.origin, token);
  const incident = await report(server.url, fx.tokens.infVillage, fx.units.village, {
    severity: 'MAJOR',
    kind: 'NATURAL_DISASTER',
    title: '强降雨引发黄土岭山体滑坡',
    occurredAt: new Date(Date.now() - 1000).toISOString(),
  });
  const card = page.locator(`[data-testid="wall-incident"][data-incident-id="${incident.id}"]`);
  await card.waitFor({ timeout: 10_000 });
  const holder = card.getByTestId('incident-holder');
  // read in one step: the chip may go between a count and a read
  const holderText = () => card.evaluate((el) => el.querySelector('[data-testid="incident-holder"]')?.textContent?.trim() ?? null);
  const as = (mutation: string, token: string) => gql(server.url, mutation, { id: incident.id }, token).then((r) => expect(r.errors).toBeUndefined());

  // not yet taken in by the office: the duty room sees it is theirs to take
  expect(await holderText()).toBe('待党政办接收');
  // the kind gives way to it (the title says what happened)
  expect(await card.textContent()).not.toContain('自然灾害');
  await as('mutation($id: ID!) { acknowledgeIncident(id: $id) { id } }', fx.tokens.office);
  // taken in: the usual course, nothing said, the kind back
  await eventually(holderText, (h) => h === null, 10_000, 'no holder once acknowledged');
  expect(await card.textContent()).toContain('自然灾害');
  await as('mutation($id: ID!) { requestIncidentApproval(id: $id) { id } }', fx.tokens.office);
  await eventually(holderText, (h) => h === '待主要领导同意', 10_000, 'waiting on the main leader');
  expect(await holder.getAttribute('data-status')).toBe('AWAITING_APPROVAL');
  await page.screenshot({ path: artifact('incident-wall-awaiting-consent.png') });
  await as('mutation($id: ID!) { decideIncidentApproval(id: $id, approve: true) { id } }', fx.tokens.mainLeader);
  await eventually(holderText, (h) => h === '主要领导已同意，待报县', 10_000, 'consented, the office to report');
  await as('mutation($id: ID!) { reportIncidentToCounty(id: $id, input: { kind: INITIAL, progress: "已报" }) { id } }', fx.tokens.office);
  // reported: the card's phase says so; the holder goes
  await eventually(() => card.getAttribute('data-phase'), (p) => p === 'REPORTED', 10_000, 'reported');
  expect(await holderText()).toBeNull();
  expect(errors).toEqual([]);
});
