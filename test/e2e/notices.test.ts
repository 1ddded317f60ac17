import { expect, it } from 'vitest';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { report } from '../helpers/incidents.js';
import { artifact, eventually, openPage, signIn, useWebApp } from './e2e-helpers.js';

// 公示栏: the screen opens on the last month that is over, with the last twelve months'
// states; the office drafts this month's notice, is told the month is not over, is
// refused when the data moved on since the draft, drafts again and publishes.

const app = useWebApp({ passwords: { office: 'office-pw-1' } });

it('drafts this month’s notice with a warning that the month is not over, refuses a stale draft, publishes a fresh one', async () => {
  await gql(app.server.url, SUBMIT, { input: itemInput(app.fx.units.dept, 'n1') }, app.fx.tokens.infDept);
  const { page, errors } = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
  await signIn(page, app.server.origin, 'office', 'office-pw-1', '/office/notices');
  const sheet = page.getByTestId('notice-sheet');
  const cstMonth = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(ms));
  const thisMonth = cstMonth(Date.now());
  const [y, m] = thisMonth.split('-').map(Number) as [number, number];
  const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const strip = page.getByTestId('notice-months');
  const monthState = (key: string) => strip.locator(`[data-month="${key}"]`).getAttribute('data-state');

  // it opens on last month, which has no notice yet; this month is first in the strip
  expect(await page.locator('input[type=month]').inputValue()).toBe(lastMonth);
  expect(await strip.locator('[aria-current=true]').getAttribute('data-month')).toBe(lastMonth);
  expect(await page.getByTestId('no-notice').count()).toBe(1); // its words: below, once the strip knows which months are before Xinbao
  expect(await strip.locator('button').count()).toBe(12);
  expect(await strip.locator('button').first().getAttribute('data-month')).toBe(thisMonth);
  expect(await monthState(thisMonth)).toBe('none');
  // the months before the town's first item (this month's, or last month's at a month's turn)
  // are not waiting for a notice: there is nothing in Xinbao to publish for them
  const trend = (await gql(app.server.url, '{ monthlyTrend { period { key } recorded } }', {}, app.fx.tokens.office)).data.monthlyTrend as Array<{ period: { key: string }; recorded: boolean }>;
  const unused = trend.filter((t) => !t.recorded).map((t) => t.period.key);
  expect(unused.length).toBeGreaterThanOrEqual(10);
  await eventually(() => monthState(unused[0]!), (s) => s === 'unused', 5_000, 'the strip knows the months before Xinbao');
  for (const key of unused) expect(await monthState(key), key).toBe('unused');
  expect(await page.getByTestId('no-notice').textContent()).toBe(unused.includes(lastMonth) ? '该月在本镇启用信报之前，信报中没有该月的报送数据' : '该月还没有公示，请先生成草稿');

  await strip.locator(`[data-month="${thisMonth}"]`).click();
  await eventually(() => page.locator('input[type=month]').inputValue(), (v) => v === thisMonth, 5_000, 'this month chosen');
  const deptSubmitted = () => sheet.locator('tbody tr', { hasText: '经济发展办公室' }).locator('td').nth(2).textContent();

  await page.getByTestId('generate-notice').click();
  await sheet.waitFor();
  expect(await sheet.getAttribute('data-status')).toBe('DRAFT');
  expect(await deptSubmitted()).toBe('1');
  // a village has no monthly quota (its quota is per quarter): a printed "—", not an empty cell
  const villageQuota = sheet.locator('tbody tr', { hasText: '李家村' }).locator('td').last();
  expect(await villageQuota.textContent()).toBe('—');
  expect(await villageQuota.getAttribute('title')).toBe('本期不设定额');
  await eventually(() => monthState(thisMonth), (s) => s === 'draft', 5_000, 'the strip shows the draft');
  expect(await page.getByTestId('month-not-over').textContent()).toContain('本月尚未结束');

  // an item arrives after the draft: publishing is refused, nothing is fixed
  await gql(app.server.url, SUBMIT, { input: itemInput(app.fx.units.dept, 'n2') }, app.fx.tokens.infDept);
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
  await eventually(() => monthState(thisMonth), (s) => s === 'published', 5_000, 'the strip shows it published');
  await page.screenshot({ path: artifact('notice-published.png') });

  // printed with an emergency open: the notice alone, not the emergencies strip or the header above it
  await report(app.server.url, app.fx.tokens.infVillage, app.fx.units.village, { title: '村道塌方阻断交通' });
  const watch = page.getByTestId('incident-watch');
  await watch.waitFor();
  await page.emulateMedia({ media: 'print' });
  expect(await watch.isVisible()).toBe(false);
  expect(await page.locator('header.bar').isVisible()).toBe(false);
  expect(await sheet.isVisible()).toBe(true);
  // one A4 page for two units: no blank page pushed by the screen's height
  const pdf = (await page.pdf({ path: artifact('notice-printed.pdf'), format: 'A4' })).toString('latin1');
  expect(pdf.match(/\/Count (\d+)/)?.[1]).toBe('1');
  await page.emulateMedia({ media: 'screen' });
  expect(await watch.isVisible()).toBe(true);
  expect(errors).toEqual([]);
});
