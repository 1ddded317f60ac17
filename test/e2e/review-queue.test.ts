import { expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { artifact, eventually, openPage, signIn, useWebApp } from './e2e-helpers.js';

// The office's review queue narrowed to one unit and one category, with counts that
// follow the choice and the queue live, and how long each item has waited.

const app = useWebApp({ passwords: { office: 'office-pw-1' } });

async function submit(unitId: string, token: string, n: string, category = 'WORK_PROGRESS'): Promise<string> {
  const res = await gql(app.server.url, SUBMIT, { input: itemInput(unitId, n, { category }) }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.submitItem.id;
}

it('the office narrows the queue to a unit and a category, counts follow the choice and the queue live, and each item says how long it has waited', async () => {
  // Setup: two department items (work, meeting) and two village items (work, economy);
  // the village's work item was sent three days ago
  await submit(app.fx.units.dept, app.fx.tokens.infDept, 'd-work');
  await submit(app.fx.units.dept, app.fx.tokens.infDept, 'd-meeting', 'MEETING');
  const old = await submit(app.fx.units.village, app.fx.tokens.infVillage, 'v-work');
  await submit(app.fx.units.village, app.fx.tokens.infVillage, 'v-economy', 'ECONOMY');
  await db().item.update({ where: { id: old }, data: { submittedAt: new Date(Date.now() - 3 * 86_400_000 - 3_600_000) } });

  const { page, errors } = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
  await signIn(page, app.server.origin, 'office', 'office-pw-1', '/office');
  // the clerk's unit is 党政办: said once, not again as the role
  expect(await page.getByTestId('viewer-name').textContent()).toBe('陈静 · 党政办');
  const cards = page.locator('[data-testid="review-queue"] > li');
  const unitOptions = () => page.locator('[data-testid="queue-unit"] option').allTextContents();
  const categoryButtons = () => page.locator('[data-testid="queue-category"] button').allTextContents();
  const texts = (xs: string[]) => xs.map((x) => x.trim());

  // everything, oldest first, with how long it has waited
  await eventually(() => cards.count(), (n) => n === 4, 10_000, 'four items in the queue');
  expect(await page.getByTestId('queue-total').textContent()).toContain('共 4 条');
  expect(await page.getByTestId('queue-oldest').textContent()).toBe('最早一条：已等 3 天');
  expect(await cards.first().getAttribute('data-item-id')).toBe(old);
  expect(await cards.first().getByTestId('waited').textContent()).toBe('已等 3 天');
  expect(await cards.nth(1).getByTestId('waited').textContent()).toMatch(/^(刚送达|已等 \d+ 分钟)$/);
  expect(texts(await unitOptions())).toEqual(['全部单位（4）', '经济发展办公室（2）', '李家村（2）']);
  // on a desk each item's decision is one line: the three choices, the level, 确定
  const decide = cards.first().locator('form');
  const boxes = await Promise.all([decide.locator('[data-decision="RETURN"]'), decide.locator('select[name=level]'), decide.getByTestId('review-submit')].map((l) => l.boundingBox()));
  const bottoms = boxes.map((b) => Math.round(b!.y + b!.height));
  expect(Math.max(...bottoms) - Math.min(...bottoms), JSON.stringify(boxes)).toBeLessThanOrEqual(8);
  expect(boxes[0]!.x + boxes[0]!.width).toBeLessThan(boxes[1]!.x);
  expect(boxes[1]!.x + boxes[1]!.width).toBeLessThan(boxes[2]!.x);

  // Action: the village only; the categories are counted at the village
  await page.selectOption('[data-testid="queue-unit"]', app.fx.units.village);
  await eventually(() => cards.count(), (n) => n === 2, 10_000, 'the village items');
  expect(texts(await categoryButtons())).toEqual(['全部类别（2）', '工作动态（1）', '经济运行（1）']);
  expect(await page.getByTestId('queue-showing').textContent()).toBe('显示 2 / 2 条');

  // and its work items; the units are now counted in that category
  await page.locator('[data-testid="queue-category"] [data-category="WORK_PROGRESS"]').click();
  await eventually(() => cards.count(), (n) => n === 1, 10_000, 'the village work item');
  expect(texts(await unitOptions())).toEqual(['全部单位（2）', '经济发展办公室（1）', '李家村（1）']);

  // a new village work item arrives while the office looks: counts and list follow without a reload
  const fresh = await submit(app.fx.units.village, app.fx.tokens.infVillage, 'v-work-2');
  await eventually(() => cards.count(), (n) => n === 2, 10_000, 'the new village item shown live');
  expect(await cards.nth(1).getAttribute('data-item-id')).toBe(fresh);
  await eventually(() => page.getByTestId('queue-total').textContent(), (t) => t?.includes('共 5 条') ?? false, 10_000, 'the total updated');

  // reviewing both (from the keyboard) leaves the village at (0), still chosen, and says
  // nothing matches; after the first, the keyboard is on the next item's 采用
  const focused = () => page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { item: el?.closest('[data-item-id]')?.getAttribute('data-item-id') ?? null, decision: el?.getAttribute('data-decision') ?? null, tag: el?.tagName ?? null };
  });
  for (let i = 0; i < 2; i++) {
    await cards.first().getByTestId('review-submit').focus();
    await page.keyboard.press('Enter');
    await eventually(() => cards.count(), (n) => n === 1 - i, 10_000, `review ${i + 1} done`);
    if (i === 0) await eventually(focused, (f) => f.item === fresh && f.decision === 'ADOPT', 5_000, 'focus on the next item');
  }
  expect((await focused()).tag).toBe('H1');
  await page.getByText('没有符合条件的待审核信息').waitFor();
  await eventually(unitOptions, (o) => texts(o).includes('李家村（0）'), 10_000, 'the village kept at (0)');
  expect(await page.locator('[data-testid="queue-unit"]').inputValue()).toBe(app.fx.units.village);
  await page.screenshot({ path: artifact('review-queue-filtered.png') });

  // back to everything: what is left
  await page.selectOption('[data-testid="queue-unit"]', '');
  await page.locator('[data-testid="queue-category"] [data-category=""]').click();
  await eventually(() => cards.count(), (n) => n === 3, 10_000, 'three items left');
  expect(await page.getByTestId('queue-total').textContent()).toContain('共 3 条');
  expect(errors).toEqual([]);
});

it('shows the oldest 50 first, and the rest on request', async () => {
  // Setup: the three left above and 52 more
  for (let i = 0; i < 52; i++) await submit(app.fx.units.dept, app.fx.tokens.infDept, `bulk-${i}`);
  const { page, errors } = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
  await signIn(page, app.server.origin, 'office', 'office-pw-1', '/office');
  const cards = page.locator('[data-testid="review-queue"] > li');
  await eventually(() => cards.count(), (n) => n === 50, 10_000, 'the first 50');
  expect(await page.getByTestId('queue-total').textContent()).toContain('共 55 条');
  const more = page.getByTestId('queue-more');
  expect(await more.textContent()).toBe('再显示 5 条');
  await more.click();
  await eventually(() => cards.count(), (n) => n === 55, 10_000, 'all 55');
  expect(await more.count()).toBe(0);
  expect(errors).toEqual([]);
});
