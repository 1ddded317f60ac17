import { expect, it } from 'vitest';
import { report } from '../helpers/incidents.js';
import { artifact, displayToken, eventually, openPage, openWall, signIn, useWebApp } from './e2e-helpers.js';

// More open incidents than the wall's panel holds (a storm, a bad night): the cards that
// do not fit are counted, and they are the ones with time to spare — an 一般 incident
// minutes from its 2-hour line is never the one left out. The office's desk and the
// leaders' view put it first too.

const app = useWebApp({ passwords: { office: 'office-pw-1', leader: 'leader-pw-1' } });

it('with more incidents than fit, the one nearest its line is shown first and those with time to spare are counted', async () => {
  // Setup: six 较大 incidents that happened a minute ago (an hour and more to go), and
  // one 一般 that happened 1 h 45 min ago (a quarter of an hour to its 2-hour line)
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  for (let n = 1; n <= 6; n++) {
    await report(app.server.url, app.fx.tokens.infDept, app.fx.units.dept, { severity: 'LARGE', kind: 'SUDDEN_EVENT', title: `较大事件 ${n}`, occurredAt: minutesAgo(1) });
  }
  const near = await report(app.server.url, app.fx.tokens.infVillage, app.fx.units.village, { severity: 'GENERAL', title: '一般事件临近时限', occurredAt: minutesAgo(105) });

  // Action: the wall at 1920×1080
  const { page, errors } = await openPage(app.browser, { viewport: { width: 1920, height: 1080 } });
  await openWall(page, app.server.origin, await displayToken(app.server.url, app.fx.tokens.office));

  // Assert: not all seven fit; the near one is on screen, and what is hidden is counted
  const cards = page.locator('[data-testid="wall-incident"]');
  await eventually(() => cards.count(), (n) => n === 7, 10_000, 'seven cards');
  const shown = () =>
    cards.evaluateAll((els) => els.filter((el) => getComputedStyle(el).visibility !== 'hidden').map((el) => el.getAttribute('data-incident-id')));
  await eventually(shown, (ids) => ids.length > 0 && ids.length < 7, 10_000, 'some cards hidden');
  const visible = await shown();
  expect(visible[0]).toBe(near.id);
  expect(await page.locator(`[data-testid="wall-incident"][data-incident-id="${near.id}"]`).getAttribute('data-phase')).toBe('WARNING');
  expect(await page.getByText(`另有 ${7 - visible.length} 起未显示`).count()).toBe(1);
  await page.screenshot({ path: artifact('incident-wall-crowded.png') });
  expect(errors).toEqual([]);

  // the office's desk and a leader's view (who has the village in charge) lead with it as well
  for (const [who, password, path] of [['office', 'office-pw-1', '/office/incidents'], ['leader', 'leader-pw-1', '/leader']] as const) {
    const desk = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
    await signIn(desk.page, app.server.origin, who, password, path);
    const first = desk.page.getByTestId('incident-card').first();
    await eventually(() => desk.page.getByTestId('incident-card').count(), (n) => n === 7, 10_000, `${who}: seven cards`);
    expect(await first.getAttribute('data-incident-id'), who).toBe(near.id);
    expect(desk.errors).toEqual([]);
    await desk.page.context().close();
  }
});
