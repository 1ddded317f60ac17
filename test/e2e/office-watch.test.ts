import { beforeAll, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { gql } from '../helpers/graphql.js';
import { report, TO_COUNTY } from '../helpers/incidents.js';
import { artifact, eventually, incidentWatchReady, openPage, overlappingTexts, recordNotifications, signIn, useWebApp, visibleTextBoxes } from './e2e-helpers.js';

// The office is the single intake point, and a clerk spends the day on the review
// queue, statistics and notices, not on the incident desk. On every office screen:
// the emergencies still racing the 2-hour line, each with its clock and a link, and a
// notification with a short sound when one arrives, when a line is crossed, and when
// the main leader consents to a 首报 the office waits to send.

const app = useWebApp({ passwords: { office: 'office-pw-1', leader: 'leader-pw-1' } });

beforeAll(async () => {
  // test-shortened lines: "2 hours" after 8 s, a warning 4 s before it
  await db().setting.create({
    data: { key: 'incident.deadlines', value: JSON.stringify({ lateAfterSec: 8, concealedAfterSec: 600, warnBeforeSec: [4] }) },
  });
});

const REQUEST = `mutation($id: ID!) { requestIncidentApproval(id: $id) { id } }`;
const DECIDE = `mutation($id: ID!) { decideIncidentApproval(id: $id, approve: true, comment: "同意") { id } }`;

it('on the review queue: a new emergency, its lines and the main leader’s consent reach the clerk', async () => {
  const { page, errors } = await openPage(app.browser, { viewport: { width: 1280, height: 900 }, permissions: ['notifications'] });
  const notifications = await recordNotifications(page);
  await signIn(page, app.server.origin, 'office', 'office-pw-1', '/office');
  const watch = page.getByTestId('incident-watch');
  // nothing open: no strip taking the queue's room
  await page.getByRole('heading', { name: /待审核信息/ }).waitFor();
  await incidentWatchReady(page);
  expect(await watch.count()).toBe(0);

  // a new 一般 emergency: its row with a running clock, and a notification
  const minor = await report(app.server.url, app.fx.tokens.infVillage, app.fx.units.village, { title: '李家村砖厂一名工人手部受伤', occurredAt: new Date(Date.now() - 1000).toISOString() });
  const row = watch.locator(`li[data-incident-id="${minor.id}"]`);
  await row.waitFor();
  expect(await row.textContent()).toContain('李家村：李家村砖厂一名工人手部受伤');
  expect(await row.textContent()).toContain('已接报');
  const first = await row.locator('time').textContent();
  await eventually(() => row.locator('time').textContent(), (v) => v !== first, 5_000, 'the clock runs');
  await eventually(notifications, (n) => n.includes('【一般】新突发事件 | 李家村：李家村砖厂一名工人手部受伤'), 10_000, 'notified of the new emergency');
  // its lines, as they pass
  await eventually(notifications, (n) => n.some((s) => s.startsWith('【一般】临近')), 10_000, 'notified before the line');
  await eventually(notifications, (n) => n.some((s) => s.startsWith('【一般】已超')), 15_000, 'notified when the line passed');
  await eventually(() => row.getAttribute('class'), (c) => c === 'is-late', 5_000, 'the row marked late');

  // a 重大 one put to the main leader, who consents: the clerk is told to send it now
  const major = await report(app.server.url, app.fx.tokens.infDept, app.fx.units.dept, { severity: 'MAJOR', title: '经发办辖区企业发生火灾', occurredAt: new Date(Date.now() - 1000).toISOString() });
  await watch.locator(`li[data-incident-id="${major.id}"]`).waitFor();
  expect((await gql(app.server.url, REQUEST, { id: major.id }, app.fx.tokens.office)).errors).toBeUndefined();
  expect((await gql(app.server.url, DECIDE, { id: major.id }, app.fx.tokens.mainLeader)).errors).toBeUndefined();
  await eventually(notifications, (n) => n.includes('【重大】主要领导已同意报县 | 经济发展办公室：经发办辖区企业发生火灾'), 10_000, 'notified of the consent');
  await eventually(() => watch.locator(`li[data-incident-id="${major.id}"]`).textContent(), (v) => Boolean(v?.includes('主要领导已同意')), 10_000, 'the row says consent is given');
  // the most pressing first: the late one above the one still counting
  const order = () => watch.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-incident-id')));
  expect((await order())[0]).toBe(minor.id);
  expect(overlappingTexts(await visibleTextBoxes(page))).toEqual([]);
  await page.screenshot({ path: artifact('office-watch-review.png') });

  // a row opens its incident; there the strip leaves out the incident on the page
  await watch.locator(`li[data-incident-id="${major.id}"] a`).click();
  await page.waitForURL((u) => u.pathname === `/incidents/${major.id}`);
  await page.getByTestId('incident-detail').waitFor();
  await eventually(order, (ids) => ids.length === 1, 5_000, 'the strip beside the open incident');
  expect(await order()).toEqual([minor.id]);

  // sent to the county: off the strip; with nothing left, the strip goes
  expect((await gql(app.server.url, TO_COUNTY, { id: minor.id, input: { kind: 'INITIAL', progress: '一人手部受伤，已送医' } }, app.fx.tokens.office)).errors).toBeUndefined();
  await eventually(() => watch.count(), (n) => n === 0, 10_000, 'the strip gone');

  // the incident desk lists them itself: no strip there
  await page.goto(`${app.server.origin}/office/incidents`);
  await page.getByTestId('office-incidents').locator('[data-testid="incident-card"]').first().waitFor();
  expect(await watch.count()).toBe(0);
  expect(errors).toEqual([]);
});

it('a phone report the clerk takes down is on their strip, not announced to them as news; the leader is told', async () => {
  const desk = await openPage(app.browser, { viewport: { width: 1280, height: 900 }, permissions: ['notifications'] });
  const mine = await recordNotifications(desk.page);
  await signIn(desk.page, app.server.origin, 'office', 'office-pw-1', '/office');
  await desk.page.getByRole('heading', { name: /待审核信息/ }).waitFor();
  await incidentWatchReady(desk.page);
  const phone = await openPage(app.browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, permissions: ['notifications'] });
  const leaders = await recordNotifications(phone.page);
  await signIn(phone.page, app.server.origin, 'leader', 'leader-pw-1', '/leader');
  await incidentWatchReady(phone.page);

  // the village rings the office; the clerk enters what they are told
  const taken = await report(app.server.url, app.fx.tokens.office, app.fx.units.village, { title: '李家村村道一辆农用车侧翻', occurredAt: new Date(Date.now() - 60_000).toISOString() });
  const note = '【一般】新突发事件 | 李家村：李家村村道一辆农用车侧翻';
  await eventually(leaders, (n) => n.includes(note), 10_000, 'the leader in charge told');
  await desk.page.getByTestId('incident-watch').locator(`li[data-incident-id="${taken.id}"]`).waitFor();
  // a second for a notification that should not come (the row above shows the clerk's screen has read it)
  await desk.page.waitForTimeout(1_000);
  expect(await mine()).not.toContain(note);
  // what the clerk did not enter still reaches them
  await report(app.server.url, app.fx.tokens.infVillage, app.fx.units.village, { title: '李家村小学门口发生踩踏', occurredAt: new Date(Date.now() - 1000).toISOString() });
  await eventually(mine, (n) => n.includes('【一般】新突发事件 | 李家村：李家村小学门口发生踩踏'), 10_000, 'the clerk told of the unit\'s own report');
  expect(desk.errors).toEqual([]);
  expect(phone.errors).toEqual([]);
});
