import fs from 'node:fs';
import { expect, it } from 'vitest';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { artifact, openPage, signIn, useWebApp } from './e2e-helpers.js';

// 信息查询 for the clerk: every item found by words and choices, a page at a time, the
// words marked; an item opens to its text and reviews, and a later adoption higher up
// is recorded from it. Live: an item sent meanwhile appears without a reload.

const app = useWebApp({ passwords: { office: 'office-pw-1' } });
const REVIEW = `mutation($id: ID!, $input: ReviewInput!) { reviewItem(id: $id, input: $input) { id } }`;

async function submit(unitId: string, token: string, extra: Record<string, unknown>): Promise<string> {
  const item = await gql(app.server.url, SUBMIT, { input: itemInput(unitId, 'x', extra) }, token);
  if (item.errors) throw new Error(JSON.stringify(item.errors));
  return item.data.submitItem.id;
}

it('finds items by words, unit and level, a page at a time, and records a higher adoption', async () => {
  const { units, tokens } = app.fx;
  for (let n = 1; n <= 32; n++) await submit(units.dept, tokens.infDept, { title: `例行工作 ${n}`, body: '按计划推进。' });
  const meeting = await submit(units.dept, tokens.infDept, { title: '召开禁毒宣传工作会', body: '全体干部参加。' });
  await submit(units.dept, tokens.infDept, { title: '新签约项目四个', body: '四个项目总投资两亿元，其中一个是禁毒教育基地，明年投用。' });
  await submit(units.village, tokens.infVillage, { category: 'MEETING', title: '秋收进度会', body: '已完成九成。', meetingSummary: '会议部署禁毒工作' });
  const review = await gql(app.server.url, REVIEW, { id: meeting, input: { decision: 'ADOPT', level: 'WEBSITE' } }, tokens.office);
  if (review.errors) throw new Error(JSON.stringify(review.errors));

  const { page, errors } = await openPage(app.browser, { viewport: { width: 1366, height: 900 } });
  await signIn(page, app.server.origin, 'office', 'office-pw-1', '/office/items');
  const summary = page.getByTestId('search-summary');
  const titles = () => page.getByTestId('search-item-title').allTextContents();

  // the whole year at first, newest first, thirty to a page
  await expect.poll(() => summary.textContent()).toBe('找到 35 条第 1–30 条，共 35 条');
  expect((await titles()).slice(0, 3)).toEqual(['秋收进度会', '新签约项目四个', '召开禁毒宣传工作会']);
  await page.getByTestId('search-next').click();
  await expect.poll(() => summary.textContent()).toBe('找到 35 条第 31–35 条，共 35 条');
  expect(await titles()).toEqual(['例行工作 5', '例行工作 4', '例行工作 3', '例行工作 2', '例行工作 1']);
  expect(await page.getByTestId('search-next').isDisabled()).toBe(true);

  // a word: found in a title, in a text, in a meeting summary; the word marked where it is
  await page.getByTestId('search-text').fill('禁毒');
  await page.getByTestId('search-text').press('Enter');
  await expect.poll(() => summary.textContent()).toBe('找到 3 条第 1–3 条，共 3 条');
  expect(await titles()).toEqual(['秋收进度会', '新签约项目四个', '召开禁毒宣传工作会']);
  expect(await page.locator('[data-testid="search-item-title"] mark').allTextContents()).toEqual(['禁毒']);
  // where the title has no word, the line of text around it says why the item was found
  const excerpts = page.getByTestId('search-item-excerpt');
  expect(await excerpts.allTextContents()).toEqual(['已完成九成。 会议部署禁毒工作', '四个项目总投资两亿元，其中一个是禁毒教育基地，明年投用。']);
  expect(await excerpts.locator('mark').allTextContents()).toEqual(['禁毒', '禁毒']);

  // what was found, as a sheet: every text whole
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('search-export-csv').click()]);
  expect(file.suggestedFilename()).toMatch(/^信息查询结果（\d{4}年）\.csv$/);
  const csv = fs.readFileSync((await file.path())!, 'utf8').split('\r\n');
  expect(csv[0]).toBe('\ufeff序号,报送时间,单位,类别,标题,正文,会议主要内容,报送渠道,信息员,状态,采用层级');
  expect(csv.slice(1, 4).map((l) => l.split(',')[4])).toEqual(['秋收进度会', '新签约项目四个', '召开禁毒宣传工作会']);

  // narrowed to the village
  await page.getByTestId('search-unit').selectOption({ label: '李家村' });
  await expect.poll(titles).toEqual(['秋收进度会']);
  await page.getByTestId('search-unit').selectOption({ label: '全部单位' });
  await expect.poll(titles).toEqual(['秋收进度会', '新签约项目四个', '召开禁毒宣传工作会']);

  // adopted on the town's website: the status says adopted and cannot say otherwise
  await page.getByTestId('search-level').selectOption({ label: '镇政府网站' });
  await expect.poll(titles).toEqual(['召开禁毒宣传工作会']);
  expect(await page.getByTestId('search-status').inputValue()).toBe('ADOPTED');
  expect(await page.getByTestId('search-status').isDisabled()).toBe(true);
  expect(await page.getByTestId('search-item-status').textContent()).toContain('已采用 · 镇政府网站');

  // it opens to its text and its reviews; the county took it up: recorded, only upwards
  await page.getByTestId('search-item-title').click();
  const detail = page.getByTestId('search-item-detail');
  expect(await detail.locator('.body').first().textContent()).toBe('全体干部参加。');
  expect(await page.getByTestId('search-item-reviews').textContent()).toContain('陈静：采用（镇政府网站）');
  const raiseTo = detail.locator('select[name="raise-level"]');
  expect(await raiseTo.locator('option').allTextContents()).toEqual(['镇信息简报', '县', '市', '省']);
  await page.screenshot({ path: artifact('item-search-desk.png'), fullPage: true });
  await raiseTo.selectOption({ label: '县' });
  await detail.getByRole('button', { name: '记录' }).click();
  // no longer on the website's list; the page says what was done
  await expect.poll(() => page.getByTestId('search-note').textContent()).toBe('已记为「县」采用');
  await expect.poll(() => summary.textContent()).toBe('找到 0 条');
  await page.getByTestId('search-level').selectOption({ label: '县' });
  await expect.poll(titles).toEqual(['召开禁毒宣传工作会']);
  await page.getByTestId('search-item-title').click();
  expect(await page.getByTestId('search-item-reviews').locator('li').allTextContents()).toEqual([
    expect.stringContaining('陈静：采用（镇政府网站）'),
    expect.stringContaining('陈静：采用（县）'),
  ]);
  expect(await detail.locator('select[name="raise-level"] option').allTextContents()).toEqual(['市', '省']);

  // live: an item sent now with the word appears in the list searched before, without a reload
  await page.getByTestId('search-level').selectOption({ label: '全部层级' });
  await page.getByTestId('search-status').selectOption({ label: '全部状态' });
  await expect.poll(titles).toEqual(['秋收进度会', '新签约项目四个', '召开禁毒宣传工作会']);
  await submit(units.village, tokens.infVillage, { title: '禁毒知识进校园', body: '覆盖学生五百人。' });
  await expect.poll(titles).toEqual(['禁毒知识进校园', '秋收进度会', '新签约项目四个', '召开禁毒宣传工作会']);

  // a search too long is refused with the server's words, and the list is kept
  await page.getByTestId('search-text').evaluate((el: HTMLInputElement) => el.removeAttribute('maxlength'));
  await page.getByTestId('search-text').fill('禁'.repeat(101));
  await page.getByTestId('search-text').press('Enter');
  await expect.poll(() => page.locator('p.error[role="alert"]').textContent()).toContain('查询词不能超过 100 字');
  expect(await titles()).toEqual(['禁毒知识进校园', '秋收进度会', '新签约项目四个', '召开禁毒宣传工作会']);
  expect(errors).toEqual([]);
});

it('opens from a unit in the statistics on that unit and period, and a reload comes back to the same search', async () => {
  const { page, errors } = await openPage(app.browser, { viewport: { width: 1366, height: 900 } });
  await signIn(page, app.server.origin, 'office', 'office-pw-1', '/office/statistics');
  await page.getByTestId('stats-units').getByRole('link', { name: '李家村' }).click();
  await page.waitForURL((u) => u.pathname === '/office/items');
  const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
  expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ period: month, unitId: app.fx.units.village });
  const titles = () => page.getByTestId('search-item-title').allTextContents();
  await expect.poll(titles).toEqual(['禁毒知识进校园', '秋收进度会']);
  expect(await page.getByTestId('search-unit').inputValue()).toBe(app.fx.units.village);
  expect(await page.locator('[data-testid="search-period"] [data-period-kind="month"]').getAttribute('aria-pressed')).toBe('true');

  // words searched go into the address too
  await page.getByTestId('search-text').fill('校园');
  await page.getByTestId('search-text').press('Enter');
  await expect.poll(titles).toEqual(['禁毒知识进校园']);
  await expect.poll(() => new URL(page.url()).searchParams.get('text')).toBe('校园');
  await page.reload();
  await expect.poll(titles).toEqual(['禁毒知识进校园']);
  expect(await page.getByTestId('search-text').inputValue()).toBe('校园');
  expect(errors).toEqual([]);
});

it('fits a phone: nothing wider than the screen', async () => {
  const { page, errors } = await openPage(app.browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await signIn(page, app.server.origin, 'office', 'office-pw-1', '/office/items');
  await page.getByTestId('search-item-title').first().waitFor();
  await page.getByTestId('search-text').fill('禁毒');
  await page.getByTestId('search-text').press('Enter');
  await expect.poll(() => page.getByTestId('search-item-title').count()).toBe(4);
  await page.getByTestId('search-item-title').first().click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: artifact('item-search-phone.png'), fullPage: true });
  expect(errors).toEqual([]);
});
