import fs from 'node:fs';
import { expect, it } from 'vitest';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { artifact, eventually, openPage, signIn, useWebApp } from './e2e-helpers.js';

// 考核 for the year-end assessment: a column per line of the scheme with its points,
// so each total can be checked by hand; a change of the scheme re-scores the year;
// the tables go out as spreadsheets.

const app = useWebApp({ passwords: { office: 'office-pw-1' } });
const REVIEW = `mutation($id: ID!, $input: ReviewInput!) { reviewItem(id: $id, input: $input) { id } }`;

async function submitAndAdopt(n: string, level: string | null): Promise<void> {
  const item = await gql(app.server.url, SUBMIT, { input: itemInput(app.fx.units.dept, n) }, app.fx.tokens.infDept);
  if (item.errors) throw new Error(JSON.stringify(item.errors));
  if (!level) return;
  const review = await gql(app.server.url, REVIEW, { id: item.data.submitItem.id, input: { decision: 'ADOPT', level } }, app.fx.tokens.office);
  if (review.errors) throw new Error(JSON.stringify(review.errors));
}

it('shows each unit’s and informant’s counts under the points of each rule, re-scores when the scheme changes, and exports the tables', async () => {
  // Setup: the department reports three items this year; one adopted by the county, one on the website
  await submitAndAdopt('s-1', 'COUNTY');
  await submitAndAdopt('s-2', 'WEBSITE');
  await submitAndAdopt('s-3', null);

  const { page, errors } = await openPage(app.browser, { viewport: { width: 1366, height: 900 } });
  await signIn(page, app.server.origin, 'office', 'office-pw-1', '/office/scoring');
  const units = page.getByTestId('scores-units');
  await units.locator('tbody tr').first().waitFor();

  // the header: each rule with its points
  const headers = async (table: typeof units) => (await table.locator('thead th').allTextContents()).map((h) => h.replace(/\s+/g, ' ').trim());
  expect(await headers(units)).toEqual([
    '排名',
    '名称',
    '报送+1 分/条',
    '网站采用+2 分/条',
    '简报采用+3 分/条',
    '县级采用+5 分/条',
    '市级采用+8 分/条',
    '省级采用+12 分/条',
    '月定额达标+5 分/个月',
    '季定额达标+10 分/个季度',
    '迟报-5 分/起',
    '漏报/瞒报-20 分/起',
    '总分',
  ]);
  const row = async (table: typeof units, name: string) =>
    (await table.locator('tbody tr').filter({ hasText: name }).first().locator('td').allTextContents()).map((c) => c.trim());
  // 3 items × 1 + website 2 + county 5 = 10; the quota (5 a month) is not met
  expect(await row(units, '经济发展办公室')).toEqual(['1', '经济发展办公室', '3', '1', '0', '1', '0', '0', '0', '0', '0', '0', '10']);

  // every total on screen is the sum of its counts × the points in the header
  const rates = (await headers(units)).slice(2, -1).map((h) => Number(/([+-]?\d+(?:\.\d+)?) 分/.exec(h)![1]));
  for (const tr of await units.locator('tbody tr').all()) {
    const cells = (await tr.locator('td').allTextContents()).map((c) => Number(c.trim()));
    expect(cells.at(-1)).toBe(cells.slice(2, -1).reduce((sum, n, i) => sum + n * rates[i]!, 0));
  }

  // informants: no quota columns
  const people = page.getByTestId('scores-people');
  expect(await headers(people)).not.toContain('月定额达标+5 分/个月');
  expect(await row(people, '（经济发展办公室）')).toEqual(['1', expect.stringContaining('（经济发展办公室）'), '3', '1', '0', '1', '0', '0', '0', '0', '10']);
  await page.screenshot({ path: artifact('scoring.png'), fullPage: true });

  // bad input is refused with the field marked and nothing saved: an emptied field, then a "deduction" of +3
  const form = page.getByTestId('scoring-form');
  const field = (name: string) => form.locator(`input[name="${name}"]`);
  await field('perItem').fill('');
  await form.locator('button[type=submit]').click();
  expect(await page.getByTestId('scheme-message').textContent()).toBe('请在标出的各项填写数字（可以是 0）');
  expect(await field('perItem').getAttribute('aria-invalid')).toBe('true');
  await field('perItem').fill('1');
  await field('perLateReport').fill('3');
  await form.locator('button[type=submit]').click();
  await eventually(() => page.getByTestId('scheme-message').textContent(), (t) => t === '考核办法无效：每次迟报是扣分，应为 -1000 到 0 之间的数', 10_000, 'the refusal');
  expect(await field('perLateReport').getAttribute('aria-invalid')).toBe('true');
  expect(await field('perLateReport').getAttribute('aria-describedby')).toBe(await page.getByTestId('scheme-message').getAttribute('id'));
  expect(await field('perItem').getAttribute('aria-invalid')).toBeNull();
  await page.screenshot({ path: artifact('scoring-refused.png') });
  expect(await row(units, '经济发展办公室')).toEqual(['1', '经济发展办公室', '3', '1', '0', '1', '0', '0', '0', '0', '0', '0', '10']);
  await field('perLateReport').fill('-5');

  // the office raises a county adoption to 6 points: the year is scored again at once
  await field('perAdoption.COUNTY').fill('6');
  await form.locator('button[type=submit]').click();
  await eventually(() => row(units, '经济发展办公室'), (cells) => cells.at(-1) === '11', 10_000, 'the total after the new scheme');
  expect(await headers(units)).toContain('县级采用+6 分/条');
  expect(await page.getByTestId('scheme-message').textContent()).toBe('已保存');
  expect(await form.locator('[aria-invalid]').count()).toBe(0);

  // the informants' table as a spreadsheet (CSV here: readable in the test)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-people-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^\d{4}年度信息工作考核得分（信息员）\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('县级采用（6分/条）');
  expect(csv).toMatch(/\n1,[^,]+（经济发展办公室）,3,1,0,1,0,0,0,0,11\r\n/);

  expect(errors).toEqual([]);
});
