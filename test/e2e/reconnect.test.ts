import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db, openDb } from '../../server/src/db.js';
import { reportIncident } from '../../server/src/modules/incident/incident.service.js';
import { submitItem } from '../../server/src/modules/item/item.service.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { itemInput } from '../helpers/graphql.js';
import { incidentInput } from '../helpers/incidents.js';
import { freePort } from '../helpers/process.js';
import { tempSqliteUrl, type TestServer } from '../helpers/server.js';
import { artifact, displayToken, launchBrowser, openPage, openWall, setPassword, signIn, startWebServer } from './e2e-helpers.js';

const tmp = tempSqliteUrl();
let port: number;
let srv: (TestServer & { origin: string }) | undefined;
let browser: Browser;
let fx: Fixture;

beforeAll(async () => {
  port = await freePort();
  srv = await startWebServer({ DATABASE_URL: tmp.url, PORT: String(port) });
  fx = await createFixture();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await srv?.stop();
  fs.rmSync(tmp.dir, { recursive: true, force: true });
});

describe('the wall across a server outage', () => {
  it('shows the outage, then catches up with every event written meanwhile, without a reload', async () => {
    const token = await displayToken(srv!.url, fx.tokens.office);
    const { page, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
    await openWall(page, srv!.origin, token);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // The server goes away for 20 s; meanwhile items are written to the database
    // directly (as a second instance would), so they are queued in the log.
    await srv!.stop();
    srv = undefined;
    const downAt = Date.now();
    await page.waitForSelector('[data-testid="wall"][data-link="reconnecting"]', { timeout: 30_000 });
    await page.waitForFunction(() => /已断开/.test(document.body.innerText), undefined, { timeout: 30_000 });
    await page.screenshot({ path: artifact('reconnect-outage.png') });
    await openDb({ kind: 'sqlite', url: tmp.url });
    const viewer = { personId: fx.people.infDept, name: '王伟', unitId: fx.units.dept, roles: new Set(['INFORMANT'] as const), sessionId: 'x', kind: 'USER' as const, unitsInCharge: [] };
    const titles: string[] = [];
    for (let i = 0; i < 5; i++) {
      const input = itemInput(fx.units.dept, `停机期间 ${i}`);
      titles.push(input.title);
      await submitItem(viewer, { ...input, category: 'WORK_PROGRESS', channel: 'WRITTEN', occurredAt: new Date(input.occurredAt) });
    }
    const head = (await db().event.findFirstOrThrow({ orderBy: { seq: 'desc' } })).seq;
    await closeDb();
    await new Promise((r) => setTimeout(r, Math.max(0, 20_000 - (Date.now() - downAt))));

    srv = await startWebServer({ DATABASE_URL: tmp.url, PORT: String(port) });
    await page.waitForSelector(`[data-testid="wall"][data-link="live"][data-last-seq="${head}"]`, { timeout: 45_000 });
    for (const title of titles) await page.waitForFunction((t) => document.body.innerText.includes(t), title, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await page.screenshot({ path: artifact('reconnect-caught-up.png') });
    expect(errors).toEqual([]);
  });
});

describe('a leader\'s phone across a server outage', () => {
  it('says the page may be out of date while the link is down, then catches up by itself and says no more', async () => {
    await setPassword(fx.people.leader, 'leader-pw-1');
    const { page, errors } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await signIn(page, srv!.origin, 'leader', 'leader-pw-1', '/leader');
    await page.locator('[data-testid="leader-figures"] tbody tr').first().waitFor();
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const notice = page.getByTestId('live-notice');
    // live: nothing said
    await page.waitForTimeout(1_000);
    expect(await notice.count()).toBe(0);

    // the server goes; a village reports an emergency meanwhile (written as a second instance would)
    await srv!.stop();
    srv = undefined;
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.getAttribute('data-kind')).toBe('LINK_DOWN');
    expect(await notice.textContent()).toContain('页面内容可能不是最新');
    await page.waitForFunction(() => /已断开 \d+ 秒/.test(document.querySelector('[data-testid="live-notice"]')?.textContent ?? ''), undefined, { timeout: 20_000 });
    await page.screenshot({ path: artifact('reconnect-leader-375.png') });
    await openDb({ kind: 'sqlite', url: tmp.url });
    const viewer = { personId: fx.people.infVillage, name: '李芳', unitId: fx.units.village, roles: new Set(['INFORMANT'] as const), sessionId: 'x', kind: 'USER' as const, unitsInCharge: [] };
    const input = incidentInput(fx.units.village, { title: '停机期间李家村发生山体滑坡', kind: 'NATURAL_DISASTER' });
    const incident = await reportIncident(viewer, { ...input, kind: 'NATURAL_DISASTER', severity: 'GENERAL', occurredAt: new Date(input.occurredAt) });
    await closeDb();

    // back: the incident written meanwhile appears without a reload, and the notice goes
    srv = await startWebServer({ DATABASE_URL: tmp.url, PORT: String(port) });
    await page.locator(`[data-testid="incident-card"][data-incident-id="${incident.id}"]`).waitFor({ timeout: 45_000 });
    await notice.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(errors).toEqual([]);
  });
});
