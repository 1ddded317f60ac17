import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { artifact, launchBrowser, openPage, setPassword, signIn, startWebServer, WEB_DIST } from './e2e-helpers.js';

// A new version is deployed while the clerk has the office open since the morning.
// Her page still names the old build's chunks, which the deployment removed: the
// next screen she opens must load the new version, not leave the click doing nothing;
// and a screen whose code she already has must not keep running the old version.

let server: Awaited<ReturnType<typeof startWebServer>>;
let fx: Fixture;
let browser: Browser;
let dist: string;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-e2e-dist-'));
  fs.cpSync(WEB_DIST, dist, { recursive: true });
  server = await startWebServer({ WEB_DIST: dist });
  fx = await createFixture();
  await setPassword(fx.people.office, 'office-pw-1');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dist, { recursive: true, force: true });
});

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
  const { page, errors } = await openPage(browser, { viewport: { width: 1366, height: 900 } });
  await signIn(page, server.origin, 'office', 'office-pw-1', '/office');
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
  const { page, errors } = await openPage(browser, { viewport: { width: 1366, height: 900 } });
  await signIn(page, server.origin, 'office', 'office-pw-1', '/office');
  await page.getByRole('link', { name: '统计' }).click();
  await page.getByTestId('stats-units').waitFor();
  await page.getByRole('link', { name: '审核' }).click();
  await page.getByRole('heading', { name: /待审核信息/ }).waitFor();
  const runs = () => page.evaluate(() => [...document.querySelectorAll('script[src]')].map((s) => s.getAttribute('src') ?? ''));
  expect((await runs()).some((s) => s.endsWith('v3.js'))).toBe(false);

  deployNewBuild(dist, 'v3');
  // this navigation is served by the code in hand (nothing missing); it asks the server which build it serves
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/index.html')), page.getByRole('link', { name: '统计' }).click()]);
  await page.getByTestId('stats-units').waitFor();
  // the next one is a full load of the new build
  await page.getByRole('link', { name: '审核' }).click();
  await page.waitForURL((u) => u.pathname === '/office');
  await page.getByRole('heading', { name: /待审核信息/ }).waitFor();
  await expect.poll(runs).toEqual(expect.arrayContaining([expect.stringMatching(/v3\.js$/)]));
  expect(errors).toEqual([]);
});
