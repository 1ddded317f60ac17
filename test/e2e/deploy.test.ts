import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { report } from '../helpers/incidents.js';
import { artifact, displayToken, openPage, openWall, signIn, useWebApp, WEB_DIST } from './e2e-helpers.js';

// A new version is deployed while the clerk has the office open since the morning.
// Her page still names the old build's chunks, which the deployment removed: the
// next screen she opens must load the new version, not leave the click doing nothing;
// and a screen whose code she already has must not keep running the old version.

// a copy of the build, served and then replaced as a deployment replaces it
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-e2e-dist-'));
fs.cpSync(WEB_DIST, dist, { recursive: true });
const app = useWebApp({ passwords: { office: 'office-pw-1' }, env: { WEB_DIST: dist } });
afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

/**
 * What a new build does to the served folder: every script and style gets a new hashed
 * name (references rewritten), and the old files are gone (Vite empties the folder).
 */
function deployNewBuild(dir: string, tag: string): void {
  const assets = path.join(dir, 'assets');
  const renamed = new Map<string, string>();
  for (const name of fs.readdirSync(assets)) {
    const ext = path.extname(name);
    if (ext === '.js' || ext === '.css') renamed.set(name, `${path.basename(name, ext)}${tag}${ext}`);
  }
  const rewrite = (text: string) => {
    for (const [from, to] of renamed) text = text.split(from).join(to);
    return text;
  };
  for (const [from, to] of renamed) {
    const text = fs.readFileSync(path.join(assets, from), 'utf8');
    fs.rmSync(path.join(assets, from));
    fs.writeFileSync(path.join(assets, to), rewrite(text));
  }
  fs.writeFileSync(path.join(dir, 'index.html'), rewrite(fs.readFileSync(path.join(dir, 'index.html'), 'utf8')));
}

it('after a deployment, opening a screen not yet visited loads the new version at that screen', async () => {
  const { page, errors } = await openPage(app.browser, { viewport: { width: 1366, height: 900 } });
  await signIn(page, app.server.origin, 'office', 'office-pw-1', '/office');
  await page.getByRole('heading', { name: /待审核信息/ }).waitFor();

  deployNewBuild(dist, 'v2');
  await page.getByRole('link', { name: '统计' }).click();

  await page.waitForURL((u) => u.pathname === '/office/statistics', { timeout: 15_000 });
  await page.getByTestId('stats-units').waitFor({ timeout: 15_000 });
  // the page now runs the new build
  const scripts = await page.evaluate(() => [...document.querySelectorAll('script[src]')].map((s) => s.getAttribute('src')));
  expect(scripts.some((s) => /v2\.js$/.test(s ?? ''))).toBe(true);
  await page.screenshot({ path: artifact('deploy-statistics.png') });
  // the old chunk's failed load is the browser's own network error, nothing else went wrong
  expect(errors).toEqual([]);
});

it('a page that has every chunk it needs still moves to the new version at its next navigation', async () => {
  const { page, errors } = await openPage(app.browser, { viewport: { width: 1366, height: 900 } });
  await signIn(page, app.server.origin, 'office', 'office-pw-1', '/office');
  await page.getByRole('link', { name: '统计' }).click();
  await page.getByTestId('stats-units').waitFor();
  await page.getByRole('link', { name: '审核' }).click();
  await page.getByRole('heading', { name: /待审核信息/ }).waitFor();
  const runs = () => page.evaluate(() => [...document.querySelectorAll('script[src]')].map((s) => s.getAttribute('src') ?? ''));
  expect((await runs()).some((s) => s.endsWith('v3.js'))).toBe(false);

  deployNewBuild(dist, 'v3');
  // this navigation is served by the code in hand (nothing missing); it asks the server which build it serves
  const [asked] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/index.html')), page.getByRole('link', { name: '统计' }).click()]);
  await asked.finished();
  await page.getByTestId('stats-units').waitFor();
  // the next one is a full load of the new build
  await page.getByRole('link', { name: '审核' }).click();
  await page.waitForURL((u) => u.pathname === '/office');
  await page.getByRole('heading', { name: /待审核信息/ }).waitFor();
  await expect.poll(runs).toEqual(expect.arrayContaining([expect.stringMatching(/v3\.js$/)]));
  expect(errors).toEqual([]);
});

it('the wall reloads itself into a new deployment within minutes, untouched — but not while an alert waits for the duty officer', async () => {
  const { page, errors } = await openPage(app.browser, { viewport: { width: 1920, height: 1080 } });
  await page.clock.install(); // the page's timers, so minutes can pass at once
  await openWall(page, app.server.origin, await displayToken(app.server.url, app.fx.tokens.office));
  const runs = () => page.evaluate(() => [...document.querySelectorAll('script[src]')].map((s) => s.getAttribute('src') ?? ''));
  const runsNew = async (tag: string) => (await runs()).some((s) => s.endsWith(`${tag}.js`));
  expect(await runsNew('v4')).toBe(false);

  deployNewBuild(dist, 'v4');
  await page.clock.runFor(3 * 60_000 + 1000);
  await expect.poll(() => runsNew('v4'), { timeout: 20_000 }).toBe(true);
  await page.waitForSelector('[data-testid="wall"][data-link="live"]', { timeout: 20_000 });

  // an emergency comes in: its alert waits for acknowledgement, and a reload would lose it
  await report(app.server.url, app.fx.tokens.infVillage, app.fx.units.village, { title: '部署期间发生的突发事件' });
  const banner = page.locator('[data-testid="incident-alert"]');
  await banner.waitFor({ timeout: 10_000 });
  deployNewBuild(dist, 'v5');
  await page.clock.runFor(7 * 60_000);
  await page.waitForTimeout(500);
  expect(await runsNew('v5')).toBe(false);
  expect(await banner.isVisible()).toBe(true);

  // acknowledged, the wall moves to the new version at its next check
  await banner.click();
  await banner.waitFor({ state: 'detached' });
  await page.clock.runFor(3 * 60_000 + 1000);
  await expect.poll(() => runsNew('v5'), { timeout: 20_000 }).toBe(true);
  expect(errors).toEqual([]);
});
