import fs from 'node:fs';
import { expect, it } from 'vitest';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { artifact, openPage, signIn, useWebApp } from './e2e-helpers.js';

// 统计 for the clerk: any period's counts per unit and per informant, the unit's
// quota for that period (or none), the charts, and the table as a spreadsheet.

const app = useWebApp({ passwords: { office: 'office-pw-1' } });
const REVIEW = `mutation($id: ID!, $input: ReviewInput!) { reviewItem(id: $id, input: $input) { id } }`;

async function submit(unitId: string, token: string, n: string, level: string | null, category = 'WORK_PROGRESS'): Promise<void> {
  const item = await gql(app.server.url, SUBMIT, { input: itemInput(unitId, n, { category }) }, token);
  if (item.errors) throw new Error(JSON.stringify(item.errors));
  if (!level) return;
  const review = await gql(app.server.url, REVIEW, { id: item.data.submitItem.id, input: { decision: 'ADOPT', level } }, app.fx.tokens.office);
  if (review.errors) throw new Error(JSON.stringify(review.errors));
}

it('counts each unit and informant for the chosen period, shows the quota that applies to it, draws the charts, and exports both tables', async () => {
  // Setup: the department reports three items this month (two adopted), the village one (not adopted)
  await submit(app.fx.units.dept, app.fx.tokens.infDept, 'st-1', 'COUNTY');
  await submit(app.fx.units.dept, app.fx.tokens.infDept, 'st-2', 'WEBSITE');
  await submit(app.fx.units.dept, app.fx.tokens.infDept, 'st-3', null, 'MEETING');
  await submit(app.fx.units.village, app.fx.tokens.infVillage, 'st-4', null);

  const { page, errors } = await openPage(app.browser, { viewport: { width: 1366, height: 900 } });
  await signIn(page, app.server.origin, 'office', 'office-pw-1', '/office/statistics');
  const units = page.getByTestId('stats-units');
  await units.locator('tbody tr').first().waitFor();
  const cells = async (name: string) => (await units.locator('tbody tr').filter({ hasText: name }).first().locator('td').allTextContents()).map((c) => c.trim());

  // this month: the department has a monthly quota of 5 and has not met it yet (the month is
  // still running, and the page says so); the village has none this month (its quota is per
  // quarter), said in words rather than left blank
  expect(await cells('经济发展办公室')).toEqual(['1', '经济发展办公室', '3', '2', '66.7%', '5 · 尚未达标']);
  expect(await page.getByText('（进行中，数字仍会变化）').count()).toBe(1);
  const villageQuota = units.locator('tbody tr').filter({ hasText: '李家村' }).locator('td').last();
  expect(await villageQuota.getAttribute('title')).toBe('本期不设定额');
  expect(await villageQuota.locator('[aria-hidden="true"]').textContent()).toBe('—');
  expect(await villageQuota.locator('.visually-hidden').textContent()).toBe('本期不设定额'); // read out by screen readers
  expect(await page.getByText(/报送 4 · 采用 2 · 采用率 50%/).count()).toBe(1);
  // the month's items by category and its adoptions by level, in the regulation's order
  expect(await page.getByTestId('stats-by-category').textContent()).toBe('按类别：工作动态 3 · 会议 1');
  expect(await page.getByTestId('stats-by-level').textContent()).toBe('采用层级：镇政府网站 1 · 县 1');

  // informants, ranked by adoptions
  const people = page.getByTestId('stats-people');
  expect((await people.locator('tbody tr').first().locator('td').allTextContents()).map((c) => c.trim())).toEqual(['1', '王伟（经济发展办公室）', '3', '2', '66.7%']);

  // both charts are drawn (a canvas with something on it), each named for screen readers
  for (const label of ['各单位报送与采用', '近 12 个月趋势']) {
    const chart = page.getByRole('img', { name: label });
    await chart.locator('canvas').first().waitFor();
    const painted = await chart.locator('canvas').first().evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    });
    expect(painted, label).toBeGreaterThan(1000);
  }
  await page.waitForTimeout(1200); // the bars' and lines' entry animation, for the screenshot
  await page.screenshot({ path: artifact('statistics-month.png'), fullPage: true });

  // the quarter: now the village's quarterly quota of 15 applies, and the department's is 3 × 5
  await page.locator('[data-period-kind="quarter"]').click();
  await page.getByRole('button', { name: '查询' }).click();
  await expect.poll(() => cells('李家村')).toEqual([expect.any(String), '李家村', '1', '0', '0%', '15 · 尚未达标']);
  expect((await cells('经济发展办公室')).at(-1)).toBe('15 · 尚未达标');

  // a quarter that is over: a quota missed is missed, and nothing says it is running
  await page.getByRole('spinbutton', { name: '年度' }).fill('2025');
  await page.getByRole('button', { name: '查询' }).click();
  await expect.poll(() => cells('经济发展办公室')).toEqual([expect.any(String), '经济发展办公室', '0', '0', '0%', '15 · 未达标']);
  expect(await page.getByText('（进行中，数字仍会变化）').count()).toBe(0);

  // an incomplete range cannot be queried
  await page.locator('[data-period-kind="range"]').click();
  await page.getByLabel('从').fill('');
  expect(await page.getByRole('button', { name: '查询' }).isDisabled()).toBe(true);

  // back to the month; each table as a spreadsheet (CSV here: readable in the test). A kind
  // picked but not yet queried does not change what goes out: the sheet is what is on screen.
  await page.locator('[data-period-kind="month"]').click();
  await page.getByRole('button', { name: '查询' }).click();
  await expect.poll(() => cells('经济发展办公室')).toContain('5 · 尚未达标');
  await page.locator('[data-period-kind="year"]').click();
  const download = async (testid: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
    return { name: file.suggestedFilename(), csv: fs.readFileSync((await file.path())!, 'utf8') };
  };
  const unitsCsv = await download('export-units-csv');
  expect(unitsCsv.name).toMatch(/^信息报送统计（\d{4}年\d{1,2}月）\.csv$/);
  expect(unitsCsv.csv).toContain('名次,单位,类别,报送条数,采用条数,采用率,定额,是否完成定额');
  expect(unitsCsv.csv).toMatch(/\n1,经济发展办公室,部门,3,2,66\.7%,5,否\r\n/);
  const peopleCsv = await download('export-people-csv');
  expect(peopleCsv.name).toMatch(/^信息报送统计（\d{4}年\d{1,2}月，信息员）\.csv$/);
  expect(peopleCsv.csv.split('\r\n').slice(0, 3)).toEqual(['\ufeff名次,信息员,报送条数,采用条数,采用率', '1,王伟（经济发展办公室）,3,2,66.7%', '2,李芳（李家村）,1,0,0.0%']);

  expect(errors).toEqual([]);
});
