import { expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { artifact, openPage, signIn, useWebApp } from './e2e-helpers.js';

// 代报: a village's informant phones the office; the clerk takes the report down on the
// informants' form, for the unit she chooses (never, by default, for the office itself).
// The item counts for the village, under its informant, and everyone sees who typed it.

const app = useWebApp({ passwords: { office: 'office-pw-1', infVillage: 'village-pw-1' } });

it('the office takes a village’s phone report down for it: the unit is chosen first, and the review queue and the informant both see 陈静代录', async () => {
  // Setup: the department has an item returned for revision (not the village's business)
  const deptItem = (await gql(app.server.url, SUBMIT, { input: itemInput(app.fx.units.dept, '经济发展办公室 月度运行分析') }, app.fx.tokens.infDept)).data.submitItem;
  const RETURN = 'mutation($id: ID!) { reviewItem(id: $id, input: { decision: RETURN, comment: "补充数据来源" }) { status } }';
  expect((await gql(app.server.url, RETURN, { id: deptItem.id }, app.fx.tokens.office)).errors).toBeUndefined();
  await db().person.update({ where: { id: app.fx.people.office }, data: { phone: '13900001111' } });
  const { page, errors } = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
  await signIn(page, app.server.origin, 'office', 'office-pw-1', '/office');

  // from the header, to the form: nothing to fill in until a unit is chosen
  await page.getByRole('link', { name: '代报' }).click();
  await page.waitForURL((u) => u.pathname === '/report');
  await page.getByTestId('choose-unit-first').waitFor();
  expect(await page.getByTestId('item-form').count()).toBe(0);
  expect(await page.getByTestId('quota-progress').count()).toBe(0);
  expect(await page.locator('select[name=unit]').inputValue()).toBe('');
  // no unit's items are counted or listed before one is chosen
  expect(await page.locator('[data-tab="mine"]').getByTestId('tab-badge').count()).toBe(0);
  await page.selectOption('select[name=unit]', app.fx.units.village);
  const form = page.getByTestId('item-form');
  await form.waitFor();
  await page.getByTestId('quota-progress').waitFor();

  // Action: the phone report, as told
  await form.locator('[data-category="MEETING"]').click();
  await form.locator('[data-channel="PHONE"]').click();
  await form.locator('input[name=title]').fill('李家村召开冬季防火工作会');
  await form.locator('textarea[name=body]').fill('村两委传达镇防火工作部署，落实 12 名护林员分片巡查。');
  await form.locator('textarea[name=meetingSummary]').fill('划定 4 个防火责任片区，入冬前完成隐患排查');
  await form.locator('[data-testid="item-submit"]').click();
  await page.getByTestId('submit-message').filter({ hasText: '已报送' }).waitFor();
  // the unit's list is the village's only, even as another unit's item arrives meanwhile
  await gql(app.server.url, SUBMIT, { input: itemInput(app.fx.units.dept, '经济发展办公室 招商引资进展') }, app.fx.tokens.infDept);
  await page.click('[data-tab="mine"]');
  const listed = page.locator('[data-testid="my-items"] [data-item-id]');
  await listed.first().waitFor();
  await page.waitForTimeout(1_000);
  expect(await listed.allTextContents()).toEqual([expect.stringContaining('李家村召开冬季防火工作会')]);

  // Assert: recorded for the village, under its informant, entered by the clerk
  const item = await db().item.findFirstOrThrow({ where: { title: '李家村召开冬季防火工作会' } });
  expect([item.unitId, item.authorId, item.enteredById, item.channel]).toEqual([app.fx.units.village, app.fx.people.infVillage, app.fx.people.office, 'PHONE']);
  // the review queue says so beside the author
  await page.getByRole('link', { name: '审核' }).click();
  const card = page.locator(`[data-testid="review-queue"] [data-item-id="${item.id}"]`);
  await card.waitFor();
  expect(await card.getByTestId('entered-by').textContent()).toBe('陈静代录');
  expect(await card.textContent()).toContain('李芳');
  await page.screenshot({ path: artifact('office-report-queue.png') });

  // an emergency phoned in: the caller's name and number are typed, not prefilled with the clerk's own
  await page.getByRole('link', { name: '代报' }).click();
  await page.selectOption('select[name=unit]', app.fx.units.village);
  await page.click('[data-tab="incident"]');
  const incident = page.getByTestId('incident-form');
  await incident.waitFor();
  expect(await incident.locator('input[name=reporterName]').inputValue()).toBe('');
  expect(await incident.locator('input[name=reporterPhone]').inputValue()).toBe('');
  await incident.locator('[data-kind="WORK_INJURY"]').click();
  await incident.locator('button[data-severity="GENERAL"]').click();
  await incident.locator('input[name=title]').fill('李家村砖厂一名工人手部受伤');
  await incident.locator('input[name=location]').fill('李家村三组村办砖厂');
  await incident.locator('textarea[name=description]').fill('工人操作制砖机时右手被压伤，已送镇卫生院。');
  await incident.locator('input[name=reporterName]').fill('杨涛');
  await incident.locator('input[name=reporterPhone]').fill('13800000016');
  await incident.getByTestId('incident-submit').click();
  await page.getByTestId('incident-message').waitFor();
  const inc = await db().incident.findFirstOrThrow({ where: { title: '李家村砖厂一名工人手部受伤' } });
  expect([inc.unitId, inc.reporterName, inc.reporterPhone, inc.enteredById]).toEqual([app.fx.units.village, '杨涛', '13800000016', app.fx.people.office]);
  // the next one starts blank again: not the last caller's number
  expect(await incident.locator('input[name=reporterPhone]').inputValue()).toBe('');

  // and the village's informant finds it among her unit's items, marked the same way
  const phone = await openPage(app.browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await signIn(phone.page, app.server.origin, 'inf-village', 'village-pw-1', '/report');
  await phone.page.click('[data-tab="mine"]');
  const mine = phone.page.locator(`[data-testid="my-items"] [data-item-id="${item.id}"]`);
  await mine.waitFor();
  expect(await mine.getByTestId('entered-by').textContent()).toBe('陈静代录');
  expect(errors).toEqual([]);
  expect(phone.errors).toEqual([]);
});
