import { expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { gql } from '../helpers/graphql.js';
import { INCIDENT_FIELDS, report, TO_COUNTY } from '../helpers/incidents.js';
import { artifact, eventually, incidentWatchReady, openPage, overlappingTexts, recordNotifications, signIn, useWebApp, visibleTextBoxes } from './e2e-helpers.js';

// 随时报告事态发展, then 终报: the unit's informant reports developments from a phone,
// the office is notified and sees each one arrive on the incident's page, and
// closes the incident with its 终报; the informant's page and list follow, and a
// closed incident takes no more updates.

const app = useWebApp({ passwords: { office: 'office-pw-1', infVillage: 'inf-pw-1' } });
const ACK = `mutation($id: ID!) { acknowledgeIncident(id: $id, leaderMethod: "电话") { ${INCIDENT_FIELDS} } }`;

it('the informant reports a development from a phone; the office sees it live and closes the incident with 终报', async () => {
  const inc = await report(app.server.url, app.fx.tokens.infVillage, app.fx.units.village, { title: '村办砖厂窑体坍塌', casualties: '1 人受伤' });
  expect((await gql(app.server.url, ACK, { id: inc.id }, app.fx.tokens.office)).errors).toBeUndefined();
  const first = await gql(app.server.url, TO_COUNTY, { id: inc.id, input: { kind: 'INITIAL', progress: '窑体局部坍塌' } }, app.fx.tokens.office);
  expect(first.errors).toBeUndefined();

  const desk = await openPage(app.browser, { viewport: { width: 1280, height: 900 }, permissions: ['notifications'] });
  const notifications = await recordNotifications(desk.page);
  await signIn(desk.page, app.server.origin, 'office', 'office-pw-1', `/incidents/${inc.id}`);
  const officeTimeline = desk.page.getByTestId('incident-timeline');
  await officeTimeline.waitFor();
  await incidentWatchReady(desk.page);

  // the informant: on /report, the unit's open incident takes a development in place
  const phone = await openPage(app.browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const p = phone.page;
  await signIn(p, app.server.origin, 'inf-village', 'inf-pw-1', '/report');
  // the screen is named for screen readers (nothing on screen says it: the menu's tab does)
  expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe('信息报送');
  await p.click('[data-tab="incident"]');
  // above the long form for a new incident, a way down to the unit's open one
  const jump = p.getByTestId('jump-open-incidents');
  expect(await jump.textContent()).toContain('本单位有 1 起未结事件');
  const updateButton = p.getByTestId('incident-update');
  expect(await updateButton.evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThan(812); // below the screen
  await jump.click();
  await eventually(() => updateButton.evaluate((el) => el.getBoundingClientRect().bottom), (b) => b > 0 && b <= 812, 5_000, 'the open incident in view');
  await updateButton.click();
  const update = p.getByTestId('incident-update-form');
  await update.locator('textarea[name=progress]').fill('伤者已送县医院，生命体征平稳；其余窑体已停用');
  await update.locator('input[name=casualties]').fill('1 人骨折，已住院');
  await update.locator('button[type=submit]').click();
  await eventually(() => p.getByText('已报告事态发展').count(), (n) => n === 1, 10_000, 'the update sent');
  expect(await update.count()).toBe(0);
  // and on the incident's page, in the timeline
  await p.locator(`a[href="/incidents/${inc.id}"]`).first().click();
  await p.waitForURL((u) => u.pathname === `/incidents/${inc.id}`);
  const mine = p.getByTestId('incident-timeline');
  await eventually(() => mine.textContent(), (v) => Boolean(v?.includes('事态发展（一）')), 10_000, 'the update on the informant’s own page');
  expect(await mine.textContent()).toContain('伤亡情况1 人骨折，已住院');
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(overlappingTexts(await visibleTextBoxes(p))).toEqual([]);
  await p.screenshot({ path: artifact('incident-update-375.png'), fullPage: true });

  // the office is told (on any screen): a development is for it to relay in a 续报
  await eventually(notifications, (n) => n.includes('【一般】单位报告事态发展 | 李家村：村办砖厂窑体坍塌'), 10_000, 'the office notified of the development');
  // the office's open page: the update arrives without a reload, casualties named as such
  await eventually(() => officeTimeline.textContent(), (v) => Boolean(v?.includes('伤者已送县医院')), 10_000, 'the update on the office’s page');
  const entry = officeTimeline.locator('li', { hasText: '事态发展（一）' });
  expect(await entry.textContent()).toContain('伤亡情况1 人骨折，已住院');
  expect(await entry.textContent()).toContain('单位 → 党政办');

  // 终报: the incident closes; the office's form goes, and so does the informant's
  const form = desk.page.getByTestId('county-report-form');
  await form.locator('[data-kind="FINAL"]').click();
  await form.locator('textarea[name=results]').fill('伤者病情稳定，砖厂停产整改');
  await form.locator('button[type=submit]').click();
  await eventually(() => desk.page.getByTestId('incident-detail').getAttribute('data-status'), (s) => s === 'CLOSED', 10_000, 'closed on the office’s page');
  expect(await form.count()).toBe(0);
  await eventually(() => p.getByTestId('incident-detail').getAttribute('data-status'), (s) => s === 'CLOSED', 10_000, 'closed on the informant’s page');
  expect(await p.getByTestId('incident-update-form').count()).toBe(0);
  const stored = await db().incident.findUniqueOrThrow({ where: { id: inc.id }, include: { reports: { orderBy: { sentAt: 'asc' } } } });
  expect(stored.closedAt).not.toBeNull();
  expect(stored.reports.map((r) => `${r.direction}:${r.kind}`)).toEqual([
    'UNIT_TO_OFFICE:INITIAL',
    'OFFICE_TO_COUNTY:INITIAL',
    'UNIT_TO_OFFICE:UPDATE',
    'OFFICE_TO_COUNTY:FINAL',
  ]);

  // the unit's list of open incidents no longer has it
  await p.goto(`${app.server.origin}/report`);
  await p.click('[data-tab="incident"]');
  await p.getByTestId('incident-form').waitFor();
  expect(await p.locator(`a[href="/incidents/${inc.id}"]`).count()).toBe(0);
  expect(phone.errors).toEqual([]);
  expect(desk.errors).toEqual([]);
});

it('a development half-written on a phone survives a dropped tab and is sent once; then nothing of it is kept', async () => {
  const inc = await report(app.server.url, app.fx.tokens.infVillage, app.fx.units.village, { title: '村道塌方阻断交通' });
  const phone = await openPage(app.browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const p = phone.page;
  await signIn(p, app.server.origin, 'inf-village', 'inf-pw-1', '/report');
  await p.click('[data-tab="incident"]');
  const card = p.locator(`[data-testid="incident-card"][data-incident-id="${inc.id}"]`);
  await card.getByTestId('incident-update').click();
  const update = p.getByTestId('incident-update-form');
  await update.locator('textarea[name=progress]').fill('塌方约 50 方，已设置警示');
  await update.locator('input[name=measures]').fill('调来挖掘机 1 台');
  await p.waitForTimeout(500); // kept a moment after typing stops

  // the phone drops the tab (the camera opened): the form comes back open, as it was
  await p.reload();
  await p.click('[data-tab="incident"]');
  await update.waitFor();
  expect(await update.locator('textarea[name=progress]').inputValue()).toBe('塌方约 50 方，已设置警示');
  expect(await update.locator('input[name=measures]').inputValue()).toBe('调来挖掘机 1 台');
  await update.locator('button[type=submit]').click();
  await eventually(() => p.getByText('已报告事态发展').count(), (n) => n === 1, 10_000, 'the update sent');
  const sent = await db().incidentReport.findMany({ where: { incidentId: inc.id, kind: 'UPDATE' } });
  expect(sent.map((r) => [r.progress, r.measures])).toEqual([['塌方约 50 方，已设置警示', '调来挖掘机 1 台']]);

  // sent: after another reload there is no form open and nothing kept
  await p.reload();
  await p.click('[data-tab="incident"]');
  await card.waitFor();
  expect(await update.count()).toBe(0);
  expect(await p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('xinbao.draft.update.')))).toEqual([]);
  expect(phone.errors).toEqual([]);
});

it('an informant who opens another unit’s incident (a forwarded link) is told it is not theirs, once, and is not left on a page that keeps retrying', async () => {
  const other = await report(app.server.url, app.fx.tokens.infDept, app.fx.units.dept, { title: '办公楼电梯困人' });
  const { page, errors } = await openPage(app.browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  let incidentReads = 0;
  page.on('request', (r) => {
    if (r.url().includes('/graphql') && (r.url().includes('IncidentDetail') || (r.postData() ?? '').includes('IncidentDetail'))) incidentReads++;
  });
  await signIn(page, app.server.origin, 'inf-village', 'inf-pw-1', `/incidents/${other.id}`);
  const refused = page.getByTestId('incident-forbidden');
  await refused.waitFor();
  expect(await refused.textContent()).toContain('信息员只能查看本单位的突发事件');
  expect(await page.getByText('办公楼电梯困人').count()).toBe(0);
  // no “retrying” banner, and the read is not repeated
  await page.waitForTimeout(4_000);
  expect(await page.getByText('正在重试').count()).toBe(0);
  expect(incidentReads).toBe(1);
  await page.screenshot({ path: artifact('incident-forbidden-375.png') });
  await refused.getByRole('link').click();
  await page.waitForURL((u) => u.pathname === '/report');

  // an id that does not exist says so
  await page.goto(`${app.server.origin}/incidents/no-such-incident`);
  await page.getByTestId('incident-missing').waitFor();
  expect(await page.getByTestId('incident-missing').textContent()).toContain('事件不存在');
  expect(errors).toEqual([]);
});
