import { expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { report } from '../helpers/incidents.js';
import { artifact, eventually, openPage, signIn, useWebApp, loseFirstAnswer } from './e2e-helpers.js';

// The office's incident page in a browser: receive an incident, send 首报 to the county
// (its answer lost on the way back and sent again: recorded once), then 续报.

const app = useWebApp({ passwords: { office: 'office-pw-1' } });

it('the office receives an incident and reports it to the county; a 首报 whose answer was lost and sent again is recorded once', async () => {
  const inc = await report(app.server.url, app.fx.tokens.infVillage, app.fx.units.village, { title: '村办砖厂窑体坍塌' });
  const { page, errors } = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
  await signIn(page, app.server.origin, 'office', 'office-pw-1', '/office/incidents');
  await page.locator(`a[href="/incidents/${inc.id}"]`).first().click();
  await page.waitForURL((u) => u.pathname === `/incidents/${inc.id}`);

  // 接收 (the leader in charge told by phone)
  await page.getByTestId('acknowledge').click();
  const form = page.getByTestId('county-report-form');
  await form.waitFor();
  expect(await form.locator('[data-kind="INITIAL"]').getAttribute('aria-pressed')).toBe('true');
  await form.locator('textarea[name=progress]').fill('窑体局部坍塌，一人轻伤送医');

  // the first send reaches the server; its answer is lost
  const lost = await loseFirstAnswer(page, 'mutation ReportIncidentToCounty');
  await form.locator('button[type=submit]').click();
  const message = page.getByTestId('action-message');
  await eventually(() => message.getAttribute('class'), (c) => c?.includes('error') ?? false, 10_000, 'the lost answer reported');
  expect(lost()).toBe(true);
  expect(await form.locator('textarea[name=progress]').inputValue()).toBe('窑体局部坍塌，一人轻伤送医');
  await form.locator('button[type=submit]').click();
  await eventually(() => message.getAttribute('class'), (c) => c?.includes('success') ?? false, 10_000, 'sent again');

  const county = () => db().incidentReport.findMany({ where: { incidentId: inc.id, direction: 'OFFICE_TO_COUNTY' }, orderBy: { number: 'asc' } });
  expect((await county()).map((r) => r.kind)).toEqual(['INITIAL']);
  // the form is emptied and offers 续报 next
  await eventually(() => form.locator('[data-kind="FOLLOW_UP"]').getAttribute('aria-pressed'), (v) => v === 'true', 10_000, '续报 offered');
  expect(await form.locator('textarea[name=progress]').inputValue()).toBe('');

  await form.locator('textarea[name=measures]').fill('已组织排查其余窑体');
  await form.locator('button[type=submit]').click();
  await eventually(async () => (await county()).map((r) => r.kind).join(','), (v) => v === 'INITIAL,FOLLOW_UP', 10_000, '续报 recorded');
  await page.screenshot({ path: artifact('incident-desk.png'), fullPage: true });
  expect(errors).toEqual([]);
});
