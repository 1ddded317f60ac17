import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import type { TestServer } from '../helpers/server.js';
import { artifact, eventually, launchBrowser, openPage, setPassword, signIn, startWebServer } from './e2e-helpers.js';

// 公示栏: the office drafts this month's notice, is told the month is not over, is
// refused when the data moved on since the draft, drafts again and publishes.

let server: TestServer & { origin: string };
let fx: Fixture;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  fx = await createFixture();
  await setPassword(fx.people.office, 'office-pw-1');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('drafts this month’s notice with a warning that the month is not over, refuses a stale draft, publishes a fresh one', async () => {
  await gql(server.url, SUBMIT, { input: itemInput(fx.units.dept, 'n1') }, fx.tokens.infDept);
  const { page, errors } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await signIn(page, server.origin, 'office', 'office-pw-1', '/office/notices');
  const sheet = page.getByTestId('notice-sheet');
  const deptSubmitted = () => sheet.locator('tbody tr', { hasText: '经济发展办公室' }).locator('td').nth(2).textContent();

  await page.getByTestId('generate-notice').click();
  await sheet.waitFor();
  expect(await sheet.getAttribute('data-status')).toBe('DRAFT');
  expect(await deptSubmitted()).toBe('1');
  expect(await page.getByTestId('month-not-over').textContent()).toContain('本月尚未结束');

  // an item arrives after the draft: publishing is refused, nothing is fixed
  await gql(server.url, SUBMIT, { input: itemInput(fx.units.dept, 'n2') }, fx.tokens.infDept);
  await page.getByTestId('publish-notice').click();
  await eventually(() => page.locator('.error[role=alert]').textContent().catch(() => ''), (t) => t?.includes('请重新生成草稿') ?? false, 10_000, 'the stale draft refused');
  expect(await sheet.getAttribute('data-status')).toBe('DRAFT');
  await page.screenshot({ path: artifact('notice-stale.png') });

  // drafted again it counts the new item, and publishes
  await page.getByTestId('generate-notice').click();
  await eventually(deptSubmitted, (v) => v === '2', 10_000, 'the new draft');
  await page.getByTestId('publish-notice').click();
  await eventually(() => sheet.getAttribute('data-status'), (s) => s === 'PUBLISHED', 10_000, 'published');
  expect(await page.getByTestId('month-not-over').count()).toBe(0);
  expect(await page.getByTestId('publish-notice').count()).toBe(0);
  expect(errors).toEqual([]);
});
