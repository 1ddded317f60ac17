import { expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { gql } from '../helpers/graphql.js';
import { report } from '../helpers/incidents.js';
import { artifact, eventually, incidentWatchReady, openPage, overlappingTexts, recordNotifications, signIn, useWebApp, visibleTextBoxes } from './e2e-helpers.js';

// 重大及以上 incidents go to the county only with the main leader's consent (or in
// person). In two browsers at once: the office at its desk asks, the main leader on a
// phone is told at once (notification and a call-out at the top of the leader's view),
// refuses with a reason, is asked again and consents; the office's page follows each
// step without a reload, keeps the 首报 it wrote while waiting, and can send it only
// once consent is given — so the server never has to refuse it.

const app = useWebApp({ passwords: { office: 'office-pw-1', mainLeader: 'main-pw-1' } });

it('the office asks, the main leader on a phone refuses, is asked again and consents; only then can the 首报 go', async () => {
  const phone = await openPage(app.browser, { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, permissions: ['notifications'] });
  const lead = phone.page;
  const notifications = await recordNotifications(lead);
  const consentNotes = async () => (await notifications()).filter((n) => n.startsWith('【重大】待您同意报县'));
  await signIn(lead, app.server.origin, 'main', 'main-pw-1', '/leader');
  await lead.locator('[data-testid="leader-figures"] tbody tr').first().waitFor();
  await incidentWatchReady(lead);

  const inc = await report(app.server.url, app.fx.tokens.infVillage, app.fx.units.village, {
    severity: 'MAJOR',
    kind: 'NATURAL_DISASTER',
    title: '强降雨引发黄土岭山体滑坡',
    occurredAt: new Date(Date.now() - 10 * 60_000).toISOString(),
  });
  const desk = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
  const office = desk.page;
  await signIn(office, app.server.origin, 'office', 'office-pw-1', `/incidents/${inc.id}`);
  await office.getByTestId('acknowledge').click();

  // not asked yet: the rule and the state in words, the 首报 can be written but not sent
  const consent = office.getByTestId('consent-state');
  await eventually(() => consent.getAttribute('data-consent'), (v) => v === 'NOT_REQUESTED', 10_000, 'consent not asked yet');
  expect(await consent.textContent()).toContain('重大及以上事件须经主要领导同意（或亲自汇报）方可报县');
  const form = office.getByTestId('county-report-form');
  const send = form.locator('button[type=submit]');
  expect(await send.isDisabled()).toBe(true);
  expect(await form.getByTestId('county-blocked').textContent()).toBe('主要领导同意后方可报送首报，可先填写');
  await form.locator('textarea[name=progress]').fill('黄土岭五组后山滑坡约 300 方，转移群众 12 户 35 人');

  // asked: the main leader's phone is told at once, and the request heads the page
  await office.getByTestId('request-approval').click();
  await eventually(() => consent.getAttribute('data-consent'), (v) => v === 'PENDING', 10_000, 'waiting for consent');
  expect(await consent.textContent()).toContain('陈静 已于');
  await eventually(consentNotes, (n) => n.length === 1, 10_000, 'the main leader notified of the request');
  // 追责 while waiting: the wait is the main leaders'; the step after consent has not begun
  const steps = () => office.getByTestId('accountability').locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent?.trim()).join(' · ')));
  await eventually(steps, (s) => s.length === 3, 10_000, 'the steps while waiting');
  expect(await steps()).toEqual(['事发 → 报党政办 · 李芳', '党政办接报 → 提请主要领导同意 · 陈静', '主要领导审批 · 主要领导（待审批）']);
  // only the wait still running says so (and is counted on to now on the page, not frozen at load)
  const running = () => office.getByTestId('accountability').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.hasAttribute('data-running')));
  expect(await running()).toEqual([false, false, true]);
  expect((await consentNotes())[0]).toBe('【重大】待您同意报县 | 李家村：强降雨引发黄土岭山体滑坡');
  const callout = lead.getByTestId('consent-requests');
  await callout.waitFor();
  expect(await callout.locator('h2').textContent()).toBe('1 起重大事件待您同意报县');
  // the decision is the first thing on the phone: above the incidents' clocks
  const cardTop = (await lead.locator('[data-testid="incident-card"]').first().boundingBox())!.y;
  expect((await callout.boundingBox())!.y).toBeLessThan(cardTop);
  expect(await lead.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(overlappingTexts(await visibleTextBoxes(lead))).toEqual([]);
  await lead.screenshot({ path: artifact('consent-leader-375.png') });

  // refused, with the reason: the office sees it live and may ask again; its draft is kept
  await callout.locator(`a[data-incident-id="${inc.id}"]`).click();
  await lead.waitForURL((u) => u.pathname === `/incidents/${inc.id}`);
  await lead.getByTestId('approval-panel').locator('input[name=comment]').fill('先核实伤亡人数');
  await lead.getByTestId('reject').click();
  await eventually(() => consent.getAttribute('data-consent'), (v) => v === 'REJECTED', 10_000, 'the refusal shown to the office');
  expect(await consent.textContent()).toContain('主要领导 赵建国 不同意');
  expect(await consent.textContent()).toContain('：先核实伤亡人数');
  expect(await send.isDisabled()).toBe(true);
  expect(await form.locator('textarea[name=progress]').inputValue()).toBe('黄土岭五组后山滑坡约 300 方，转移群众 12 户 35 人');
  await lead.goBack();
  await lead.locator('[data-testid="incident-card"]').first().waitFor();
  expect(await lead.getByTestId('consent-requests').count()).toBe(0);

  // asked again: a second notification; consent given from the phone
  expect(await office.getByTestId('request-approval').textContent()).toContain('再次提请主要领导同意');
  await office.getByTestId('request-approval').click();
  await eventually(consentNotes, (n) => n.length === 2, 10_000, 'the main leader notified of the second request');
  await lead.getByTestId('consent-requests').locator('a').click();
  await lead.waitForURL((u) => u.pathname === `/incidents/${inc.id}`);
  await lead.getByTestId('approval-panel').locator('input[name=comment]').fill('同意，立即报县委办');
  await lead.getByTestId('approve').click();

  // the office's page: consent in words, the 首报 it wrote goes
  await eventually(() => consent.getAttribute('data-consent'), (v) => v === 'APPROVED', 10_000, 'consent shown to the office');
  expect(await consent.textContent()).toContain('主要领导 赵建国 已同意报县');
  expect(await form.getByTestId('county-blocked').count()).toBe(0);
  await office.screenshot({ path: artifact('consent-office-approved.png'), fullPage: true });
  await send.click();
  await eventually(() => consent.count(), (n) => n === 0, 10_000, 'the consent box gone once the 首报 went');
  const county = await db().incidentReport.findMany({ where: { incidentId: inc.id, direction: 'OFFICE_TO_COUNTY' } });
  expect(county.map((r) => [r.kind, r.progress])).toEqual([['INITIAL', '黄土岭五组后山滑坡约 300 方，转移群众 12 户 35 人']]);
  // 追责: every step in order, the refusal and the second request included
  await eventually(steps, (s) => s.length === 6, 10_000, 'the whole trail');
  expect(await steps()).toEqual([
    '事发 → 报党政办 · 李芳',
    '党政办接报 → 提请主要领导同意 · 陈静',
    '主要领导审批 · 赵建国',
    '不同意 → 再次提请 · 陈静',
    '主要领导审批 · 赵建国',
    '同意 → 报县委办 · 陈静',
  ]);
  // nothing was sent that the server had to refuse
  expect(await db().auditEntry.count({ where: { entityId: inc.id, action: 'incident.report_to_county_refused' } })).toBe(0);
  const decisions = await db().incidentApproval.findMany({ where: { incidentId: inc.id }, orderBy: { requestedAt: 'asc' } });
  expect(decisions.map((d) => [d.decision, d.comment])).toEqual([
    ['REJECTED', '先核实伤亡人数'],
    ['APPROVED', '同意，立即报县委办'],
  ]);
  expect(phone.errors).toEqual([]);
  expect(desk.errors).toEqual([]);
});

it('a main leader outside the office reports in person: the form says so and needs no consent', async () => {
  const inc = await report(app.server.url, app.fx.tokens.infDept, app.fx.units.dept, { severity: 'EXTRAORDINARY', title: '化工企业储罐泄漏' });
  const { page, errors } = await openPage(app.browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await signIn(page, app.server.origin, 'main', 'main-pw-1', `/incidents/${inc.id}`);
  const form = page.getByTestId('county-report-form');
  await form.waitFor();
  expect(await form.textContent()).toContain('由主要领导本人亲自汇报');
  expect(await form.getByTestId('county-blocked').count()).toBe(0);
  await form.locator('textarea[name=progress]').fill('已电话向县委办主要领导报告');
  await form.locator('button[type=submit]').click();
  await eventually(() => page.getByTestId('action-message').getAttribute('class'), (c) => c?.includes('success') ?? false, 10_000, 'reported in person');
  const county = await db().incidentReport.findMany({ where: { incidentId: inc.id, direction: 'OFFICE_TO_COUNTY' } });
  expect(county.map((r) => [r.kind, r.byMainLeaderPersonally])).toEqual([['INITIAL', true]]);
  expect(errors).toEqual([]);
});

it('on another screen (事件台账) the main leader is still told, and the request sits above the screen', async () => {
  const phone = await openPage(app.browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, permissions: ['notifications'] });
  const p = phone.page;
  const notifications = await recordNotifications(p);
  await signIn(p, app.server.origin, 'main', 'main-pw-1', '/leader/record');
  await incidentWatchReady(p);
  const inc = await report(app.server.url, app.fx.tokens.infDept, app.fx.units.dept, { severity: 'MAJOR', title: '经发办辖区仓库起火' });
  await eventually(notifications, (n) => n.includes('【重大】新突发事件 | 经济发展办公室：经发办辖区仓库起火'), 10_000, 'told of the new incident');
  const watch = p.getByTestId('incident-watch');
  expect(await watch.count()).toBe(0); // nothing is the main leader's to act on yet
  const asked = await gql(app.server.url, `mutation($id: ID!) { requestIncidentApproval(id: $id) { id } }`, { id: inc.id }, app.fx.tokens.office);
  expect(asked.errors).toBeUndefined();
  await eventually(notifications, (n) => n.includes('【重大】待您同意报县 | 经济发展办公室：经发办辖区仓库起火'), 10_000, 'told of the request');
  const row = watch.locator(`li[data-incident-id="${inc.id}"]`);
  await row.waitFor();
  expect(await watch.locator('strong').first().textContent()).toBe('1 起重大事件待您同意报县');
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await row.locator('a').click();
  await p.waitForURL((u) => u.pathname === `/incidents/${inc.id}`);
  await p.getByTestId('approval-panel').waitFor();
  expect(await watch.count()).toBe(0); // the request open below is not repeated above
  expect(phone.errors).toEqual([]);
});

it('a 首报 written while consent is awaited survives the review queue, a reload and a sign-in; once sent it is forgotten', async () => {
  const inc = await report(app.server.url, app.fx.tokens.infVillage, app.fx.units.village, { severity: 'MAJOR', title: '李家村水库出现管涌' });
  const { page, errors } = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
  await signIn(page, app.server.origin, 'office', 'office-pw-1', `/incidents/${inc.id}`);
  await page.getByTestId('acknowledge').click();
  await page.getByTestId('request-approval').click();
  const consent = page.getByTestId('consent-state');
  await eventually(() => consent.getAttribute('data-consent'), (v) => v === 'PENDING', 10_000, 'waiting for consent');
  const form = page.getByTestId('county-report-form');
  await form.locator('textarea[name=progress]').fill('水库坝体下游出现管涌点 2 处');
  await form.locator('textarea[name=measures]').fill('下游 3 个组 86 人已转移');
  const written = async () => [await form.locator('textarea[name=progress]').inputValue(), await form.locator('textarea[name=measures]').inputValue()];

  // the clerk goes to the review queue meanwhile, and comes back
  await page.getByRole('link', { name: '审核', exact: true }).click();
  await page.getByRole('heading', { name: /待审核信息/ }).waitFor();
  await page.goBack();
  await form.waitFor();
  expect(await written()).toEqual(['水库坝体下游出现管涌点 2 处', '下游 3 个组 86 人已转移']);
  // a reload (or a crashed tab)
  await page.reload();
  await form.waitFor();
  expect(await written()).toEqual(['水库坝体下游出现管涌点 2 处', '下游 3 个组 86 人已转移']);
  // the session ends meanwhile; signing in again comes back to it
  const session = await db().session.findFirstOrThrow({ where: { personId: app.fx.people.office, revokedAt: null }, orderBy: { createdAt: 'desc' } });
  expect((await gql(app.server.url, 'mutation($id: ID!) { revokeSession(sessionId: $id) }', { id: session.id }, app.fx.tokens.admin)).errors).toBeUndefined();
  await page.getByTestId('live-notice-sign-in').click({ timeout: 45_000 });
  await page.fill('input[name=login]', 'office');
  await page.fill('input[name=password]', 'office-pw-1');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => u.pathname === `/incidents/${inc.id}`);
  await form.waitFor();
  expect(await written()).toEqual(['水库坝体下游出现管涌点 2 处', '下游 3 个组 86 人已转移']);

  // consent given: it goes, and nothing of it is kept
  expect((await gql(app.server.url, `mutation($id: ID!) { decideIncidentApproval(id: $id, approve: true) { id } }`, { id: inc.id }, app.fx.tokens.mainLeader)).errors).toBeUndefined();
  await eventually(() => consent.getAttribute('data-consent'), (v) => v === 'APPROVED', 10_000, 'consent shown');
  await form.locator('button[type=submit]').click();
  await eventually(() => page.getByTestId('action-message').getAttribute('class'), (c) => c?.includes('success') ?? false, 10_000, 'sent');
  const county = await db().incidentReport.findMany({ where: { incidentId: inc.id, direction: 'OFFICE_TO_COUNTY' } });
  expect(county.map((r) => [r.kind, r.progress, r.measures])).toEqual([['INITIAL', '水库坝体下游出现管涌点 2 处', '下游 3 个组 86 人已转移']]);
  await page.reload();
  await form.waitFor();
  expect(await written()).toEqual(['', '']);
  expect(await form.locator('[data-kind="FOLLOW_UP"]').getAttribute('aria-pressed')).toBe('true');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('xinbao.draft.county.')))).toEqual([]);
  expect(errors).toEqual([]);
});
