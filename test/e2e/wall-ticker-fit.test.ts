import { expect, it } from 'vitest';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { report } from '../helpers/incidents.js';
import { artifact, displayToken, eventually, openPage, openWall, useWebApp } from './e2e-helpers.js';

// The wall's latest items show only rows that fit whole: read from across the room, a
// row cut at the panel's edge (or faded into it) is a row misread. The panel shrinks as
// emergencies open above it, and the rows follow.

const app = useWebApp();

type Box = { top: number; bottom: number };
const tickerGeometry = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const body = document.querySelector('.ticker-body')!.getBoundingClientRect();
    const rows = [...document.querySelectorAll('.ticker-body .row')].map((r) => {
      const b = r.getBoundingClientRect();
      return { top: b.top, bottom: b.bottom };
    });
    return { body: { top: body.top, bottom: body.bottom } as Box, rows: rows as Box[] };
  });

it('draws only the latest items that fit whole, at 1920×1080 and at 3840×2160, and fewer as incidents open above them', async () => {
  // Setup: more items than any wall shows
  for (let n = 1; n <= 20; n++) {
    const res = await gql(app.server.url, SUBMIT, { input: itemInput(app.fx.units.dept, `最新信息 ${n}`) }, app.fx.tokens.infDept);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }
  const token = await displayToken(app.server.url, app.fx.tokens.office);

  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 3840, height: 2160 },
  ]) {
    const { page, errors } = await openPage(app.browser, { viewport });
    await openWall(page, app.server.origin, token);
    await page.locator('.ticker-body .row').first().waitFor();
    // every row drawn lies inside the panel, and there is no room for one more
    const settled = await eventually(
      () => tickerGeometry(page),
      (g) => g.rows.length > 0 && g.rows.every((r) => r.bottom <= g.body.bottom + 0.5),
      10_000,
      `${viewport.width}: rows inside the panel`,
    );
    const rowHeight = settled.rows[0]!.bottom - settled.rows[0]!.top;
    expect(settled.body.bottom - settled.rows.at(-1)!.bottom, `${viewport.width}: room left`).toBeLessThan(rowHeight);
    expect(settled.rows.length).toBeLessThan(20);
    // the newest first
    expect(await page.locator('.ticker-body .row .title').first().textContent()).toBe('测试信息 最新信息 20');
    await page.context().close();
    expect(errors).toEqual([]);
  }

  // three emergencies open while the wall runs: the incident panel grows, the items' panel
  // shrinks, and the rows that no longer fit are taken away rather than cut
  const { page, errors } = await openPage(app.browser, { viewport: { width: 1920, height: 1080 } });
  await openWall(page, app.server.origin, token);
  await page.locator('.ticker-body .row').first().waitFor();
  const before = await eventually(() => tickerGeometry(page), (g) => g.rows.length > 0 && g.rows.every((r) => r.bottom <= g.body.bottom + 0.5), 10_000, 'rows before');
  for (let n = 1; n <= 3; n++) {
    await report(app.server.url, app.fx.tokens.infVillage, app.fx.units.village, { severity: 'GENERAL', title: `突发事件 ${n}`, occurredAt: new Date(Date.now() - 60_000).toISOString() });
  }
  await eventually(() => page.locator('[data-testid="wall-incident"]').count(), (n) => n === 3, 10_000, 'three incident cards');
  const after = await eventually(
    () => tickerGeometry(page),
    (g) => g.body.bottom - g.body.top < before.body.bottom - before.body.top && g.rows.length > 0 && g.rows.every((r) => r.bottom <= g.body.bottom + 0.5),
    10_000,
    'rows after, inside the smaller panel',
  );
  expect(after.rows.length).toBeLessThan(before.rows.length);
  await page.screenshot({ path: artifact('wall-ticker-fit.png') });
  expect(errors).toEqual([]);
});
