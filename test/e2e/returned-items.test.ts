import { expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { artifact, eventually, openPage, signIn, useWebApp } from './e2e-helpers.js';

// An item returned for revision must not slip out of sight: the informant's list shows
// the last 30 items, so an older returned one is counted on the tab, and one tap shows
// every returned item; revised, it leaves that count.

const app = useWebApp({ passwords: { infDept: 'dept-pw-1', office: 'office-pw-1' } });

it('an informant is told of a returned item older than the recent list, finds it in one tap and revises it', async () => {
  // Setup: an item returned ten days ago, then 31 newer items from the same unit
  const old = (await gql(app.server.url, SUBMIT, { input: itemInput(app.fx.units.dept, 'old', { title: '经发办十日前报送的调研报告' }) }, app.fx.tokens.infDept)).data.submitItem.id as string;
  const ret = await gql(app.server.url, 'mutation($id: ID!) { reviewItem(id: $id, input: { decision: RETURN, comment: "请补充调研数据" }) { status } }', { id: old }, app.fx.tokens.office);
  expect(ret.data.reviewItem.status).toBe('RETURNED');
  await db().item.update({ where: { id: old }, data: { submittedAt: new Date(Date.now() - 10 * 86_400_000) } });
  for (let n = 0; n < 31; n++) {
    const res = await gql(app.server.url, SUBMIT, { input: itemInput(app.fx.units.dept, `new-${n}`) }, app.fx.tokens.infDept);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }

  const { page, errors } = await openPage(app.browser, { viewport: { width: 375, height: 812 } });
  await signIn(page, app.server.origin, 'inf-dept', 'dept-pw-1', '/report');
  const mineTab = page.locator('[data-tab="mine"]');
  const badge = mineTab.getByTestId('tab-badge');
  await eventually(() => badge.textContent().catch(() => null), (t) => t === '1', 10_000, 'the tab counts the returned item');
  expect(await mineTab.getAttribute('aria-selected')).toBe('false');
  expect((await mineTab.textContent())?.replace(/\s+/g, '')).toBe('我的信息11条待修改'); // label, badge, and the badge in words for screen readers
  await mineTab.click();
  const list = page.getByTestId('my-items');
  await list.locator('[data-item-id]').first().waitFor();
  expect(await list.locator('[data-item-id]').count()).toBe(30);
  expect(await list.locator(`[data-item-id="${old}"]`).count()).toBe(0);

  // one tap shows it, with the office's comment
  await page.getByTestId('only-to-revise').click();
  const entry = list.locator(`[data-item-id="${old}"]`);
  await entry.waitFor();
  expect(await list.locator('[data-item-id]').count()).toBe(1);
  expect(await entry.locator('[data-testid="item-comment"]').textContent()).toContain('请补充调研数据');
  await page.screenshot({ path: artifact('returned-items-375.png'), fullPage: true });

  // revised, it is no longer waiting: the count and the button go, the whole list is back
  await entry.locator('[data-testid="item-revise"]').click();
  const form = page.locator('[data-testid="revise-form"]');
  await form.locator('textarea[name=body]').fill('补充：走访企业 12 家，收集问卷 300 份。');
  await form.locator('[data-testid="item-submit"]').click();
  expect(await page.locator('[data-testid="revise-message"]').textContent()).toContain('已重新报送');
  await eventually(() => badge.count(), (n) => n === 0, 10_000, 'the count gone');
  expect((await mineTab.textContent())?.trim()).toBe('我的信息');
  expect(await page.getByTestId('only-to-revise').count()).toBe(0);
  await eventually(() => list.locator('[data-item-id]').count(), (n) => n === 30, 10_000, 'the whole list back');
  expect((await db().item.findUniqueOrThrow({ where: { id: old } })).status).toBe('SUBMITTED');
  expect(errors).toEqual([]);
});

it('本单位 names its unit in the tab, and its 修改 opens the item for revision on the report screen — for the unit’s informant only', async () => {
  // Setup: an item of the department returned by the office
  const id = (await gql(app.server.url, SUBMIT, { input: itemInput(app.fx.units.dept, 'unit-page', { title: '经发办本周招商引资进展' }) }, app.fx.tokens.infDept)).data.submitItem.id as string;
  const ret = await gql(app.server.url, 'mutation($id: ID!) { reviewItem(id: $id, input: { decision: RETURN, comment: "请写明签约金额" }) { status } }', { id }, app.fx.tokens.office);
  expect(ret.data.reviewItem.status).toBe('RETURNED');

  const { page, errors } = await openPage(app.browser, { viewport: { width: 375, height: 812 } });
  await signIn(page, app.server.origin, 'inf-dept', 'dept-pw-1', '/report');
  await page.getByRole('link', { name: '本单位' }).click();
  const entry = page.getByTestId('unit-page').locator(`[data-item-id="${id}"]`);
  await entry.waitFor();
  await expect.poll(() => page.title()).toBe('经济发展办公室 · 信报');
  expect(await page.getByTestId('quota-progress').count()).toBe(1);

  await entry.getByTestId('item-revise').click();
  const form = page.locator('[data-testid="revise-form"]');
  await form.waitFor();
  await page.waitForURL((u) => u.pathname === '/report' && u.search === '');
  expect(await form.locator('input[name=title]').inputValue()).toBe('经发办本周招商引资进展');
  expect(await page.locator('[data-tab="mine"]').getAttribute('aria-selected')).toBe('true');
  await form.locator('textarea[name=body]').fill('签约金额 1.2 亿元。');
  await form.locator('[data-testid="item-submit"]').click();
  expect(await page.locator('[data-testid="revise-message"]').textContent()).toContain('已重新报送');
  expect(errors).toEqual([]);

  // the office reads the unit's page too, but revising is the informant's: no button that does nothing
  await gql(app.server.url, 'mutation($id: ID!) { reviewItem(id: $id, input: { decision: RETURN, comment: "再补充" }) { status } }', { id }, app.fx.tokens.office);
  const office = await openPage(app.browser, { viewport: { width: 1366, height: 900 } });
  await signIn(office.page, app.server.origin, 'office', 'office-pw-1', `/units/${app.fx.units.dept}`);
  const seen = office.page.locator(`[data-item-id="${id}"][data-status="RETURNED"]`);
  await seen.waitFor();
  expect(await seen.getByTestId('item-revise').count()).toBe(0);
  expect(office.errors).toEqual([]);
});
