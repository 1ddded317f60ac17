import fs from 'node:fs';
import { expect, it } from 'vitest';
import { gql } from '../helpers/graphql.js';
import { report, TO_COUNTY } from '../helpers/incidents.js';
import { artifact, eventually, openPage, signIn, useWebApp } from './e2e-helpers.js';

// 事件台账 on the office's incident desk: a period's incidents, closed ones too, with
// the timeliness of each and who held the late and concealed ones; kept live.

const app = useWebApp({ passwords: { office: 'office-pw-1' } });

const H = 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const cstDay = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));

it('lists a period’s incidents, closed ones too, with their timeliness, per unit and per person held to account, and follows a new one live', async () => {
  // Setup: a department incident reported on time and closed; a village incident never
  // sent to the county, 11 hours old (concealed)
  const closed = await report(app.server.url, app.fx.tokens.infDept, app.fx.units.dept, { title: '仓库叉车撞伤一名搬运工', occurredAt: ago(40 * 60_000) });
  await gql(app.server.url, `mutation($id: ID!) { acknowledgeIncident(id: $id, leaderMethod: "电话") { id } }`, { id: closed.id }, app.fx.tokens.office);
  for (const input of [{ kind: 'INITIAL', progress: '伤者送医' }, { kind: 'FINAL', results: '伤者出院', causes: '违规操作' }]) {
    expect((await gql(app.server.url, TO_COUNTY, { id: closed.id, input }, app.fx.tokens.office)).errors).toBeUndefined();
  }
  const concealed = await report(app.server.url, app.fx.tokens.infVillage, app.fx.units.village, { title: '村民纠纷引发斗殴', kind: 'PUBLIC_SECURITY', occurredAt: ago(11 * H) });

  // Action: the office opens the desk and asks for the last two CST days
  const { page, errors } = await openPage(app.browser, { viewport: { width: 1280, height: 900 } });
  await signIn(page, app.server.origin, 'office', 'office-pw-1', '/office/incidents');
  const record = page.getByTestId('incident-record');
  await record.locator('[data-period-kind="range"]').click();
  const [from, to] = [record.locator('input[type=date]').nth(0), record.locator('input[type=date]').nth(1)];
  await from.fill(cstDay(Date.now() - 2 * 24 * H));
  await to.fill(cstDay(Date.now()));
  await record.locator('button[type=submit]').click();

  // Assert: totals, per unit, per person, and the list (closed one included)
  const summary = record.getByTestId('record-summary');
  await eventually(() => summary.textContent(), (t) => t?.includes('共 2 起') ?? false, 10_000, 'the range read');
  const chips = async () => (await summary.locator('.chip').allTextContents()).map((c) => c.trim());
  expect(await chips()).toEqual(['按时报送 1', '迟报 0', '漏报/瞒报 1', '尚未报县 0']);
  const unitRow = (id: string) => record.locator(`[data-testid="record-units"] tr[data-unit-id="${id}"] td`).allTextContents();
  expect(await unitRow(app.fx.units.village)).toEqual(['李家村', '1', '0', '0', '1', '0']);
  expect(await unitRow(app.fx.units.dept)).toEqual(['经济发展办公室', '1', '1', '0', '0', '0']);
  expect(await record.locator('[data-testid="record-people"] tbody tr td').allTextContents()).toEqual(['李芳', '0', '1', '0']);
  const row = (id: string) => record.locator(`[data-testid="record-list"] tr[data-incident-id="${id}"]`);
  expect(await row(closed.id).locator('td').nth(4).textContent()).toBe('已结');
  expect(await row(closed.id).locator('[data-timeliness]').getAttribute('data-timeliness')).toBe('ON_TIME');
  expect(await row(concealed.id).locator('td').nth(4).textContent()).toBe('处置中');
  expect((await row(concealed.id).locator('[data-timeliness]').textContent())?.trim()).toBe('漏报/瞒报');
  await page.screenshot({ path: artifact('incident-record.png'), fullPage: true });

  // the same record as a spreadsheet for the meeting (CSV here: readable in the test)
  const [download] = await Promise.all([page.waitForEvent('download'), record.getByTestId('record-export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^突发事件台账（.+）\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('序号,发生时间,单位,类别,等级,事件,首次报县委办,报送时效,2小时时限到时经办人,状态');
  expect(csv).toContain('仓库叉车撞伤一名搬运工');
  expect(csv).toMatch(/村民纠纷引发斗殴,未报,漏报\/瞒报,李芳,处置中/);

  // a new incident, 3 hours old and not yet sent to the county, appears without a reload
  const late = await report(app.server.url, app.fx.tokens.infDept, app.fx.units.dept, { title: '厂房外墙脱落砸坏车辆', kind: 'SUDDEN_EVENT', occurredAt: ago(3 * H) });
  await eventually(() => summary.textContent(), (t) => t?.includes('共 3 起') ?? false, 10_000, 'the new incident counted live');
  expect((await row(late.id).locator('[data-timeliness]').textContent())?.trim()).toBe('尚未报县 · 已超 2 小时');
  // late at best already: counted apart among the undecided, and its holder at the line (the
  // informant, who told the office only now) is named before anyone sends it
  expect(await chips()).toEqual(['按时报送 1', '迟报 0', '漏报/瞒报 1', '尚未报县 1', '其中已超 2 小时 1']);
  expect(await unitRow(app.fx.units.dept)).toEqual(['经济发展办公室', '2', '1', '0', '0', '1超时未报 1']);
  expect(await record.locator('[data-testid="record-people"] tbody tr td').allTextContents()).toEqual(['李芳', '0', '1', '0', '王伟', '0', '0', '1']);

  // the closed incident opens its detail page (its accountability record)
  await row(closed.id).locator('a').click();
  await page.waitForURL((u) => u.pathname === `/incidents/${closed.id}`);
  await page.getByText('仓库叉车撞伤一名搬运工').first().waitFor();
  expect(errors).toEqual([]);
});
