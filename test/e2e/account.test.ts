import { expect, it } from 'vitest';
import { artifact, eventually, openPage, overlappingTexts, signIn, useWebApp, visibleTextBoxes } from './e2e-helpers.js';

// 账号与密码: an informant changes her password from her phone (her name in the header
// leads there). Mistakes are told in words and change nothing; once changed, her
// sign-in on the office PC ends and the old password no longer works, while the phone
// stays signed in.

const app = useWebApp({ passwords: { infVillage: 'first-pass-1' } });

it('an informant changes her password on a phone; her other sign-in ends and the old password no longer works', async () => {
  // Setup: signed in on the office PC and on her phone
  const pc = await openPage(app.browser, { viewport: { width: 1280, height: 800 } });
  await signIn(pc.page, app.server.origin, 'inf-village', 'first-pass-1', '/report');
  const { page, errors } = await openPage(app.browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await signIn(page, app.server.origin, 'inf-village', 'first-pass-1', '/report');

  // Action: from her name in the header
  await page.getByTestId('viewer-name').click();
  await page.waitForURL((u) => u.pathname === '/account');
  const form = page.getByTestId('change-password');
  expect(await page.getByTestId('account-facts').textContent()).toContain('李家村');
  // her sign-ins by device: this phone (Chromium here), the PC, and the test fixture's own
  const devices = page.getByTestId('my-device');
  await devices.first().waitFor();
  expect(await devices.count()).toBe(3);
  expect(await page.locator('[data-testid="my-device"][data-current]').textContent()).toContain('本机');
  expect(await page.locator('[data-testid="my-device"][data-current]').textContent()).toContain('Linux 电脑 · Chrome');
  const fill = async (current: string, next: string, confirm: string) => {
    await form.locator('input[name=current]').fill(current);
    await form.locator('input[name=next]').fill(next);
    await form.locator('input[name=confirm]').fill(confirm);
    await form.locator('button[type=submit]').click();
  };
  const error = form.getByTestId('change-password-error');
  await fill('first-pass-1', 'second-pass-2', 'second-pass-3');
  expect(await error.textContent()).toBe('两次输入的新密码不一致');
  await fill('wrong-pass-1', 'second-pass-2', 'second-pass-2');
  await error.filter({ hasText: '当前密码不正确' }).waitFor();
  await fill('first-pass-1', 'short2', 'short2');
  await error.filter({ hasText: '密码至少 10 位' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(overlappingTexts(await visibleTextBoxes(page))).toEqual([]);
  await fill('first-pass-1', 'second-pass-2', 'second-pass-2');

  // Assert: told how many other sign-ins ended (the PC's and the test fixture's own); the
  // fields are emptied; the phone stays signed in
  const done = form.getByTestId('change-password-done');
  await done.waitFor();
  expect(await done.textContent()).toBe('密码已修改，已退出其他设备上的 2 处登录。');
  await eventually(() => devices.count(), (n) => n === 1, 5_000, 'only this device left in the list');
  expect(await form.locator('input[name=current]').inputValue()).toBe('');
  await page.screenshot({ path: artifact('account-375.png') });
  await page.goto(`${app.server.origin}/report`);
  await page.waitForURL((u) => u.pathname === '/report');
  // the PC's sign-in has ended: opened again, it asks to sign in and says why
  await pc.page.goto(`${app.server.origin}/report`);
  await pc.page.waitForURL(/\/login/);
  expect(await pc.page.getByTestId('login-error').textContent()).toBe('登录已失效，请重新登录');
  // the old password is refused, the new one signs in
  await pc.page.fill('input[name=login]', 'inf-village');
  await pc.page.fill('input[name=password]', 'first-pass-1');
  await pc.page.click('button[type=submit]');
  await pc.page.getByTestId('login-error').filter({ hasText: '账号或密码错误' }).waitFor();
  await pc.page.fill('input[name=password]', 'second-pass-2');
  await pc.page.click('button[type=submit]');
  await pc.page.waitForURL((u) => u.pathname === '/report');
  expect(errors).toEqual([]);
});

it('she signs out a device she forgot, from the list: it is signed out at once, this one is not', async () => {
  const pc = await openPage(app.browser, { viewport: { width: 1280, height: 800 } });
  await signIn(pc.page, app.server.origin, 'inf-village', 'second-pass-2', '/report');
  const { page, errors } = await openPage(app.browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await signIn(page, app.server.origin, 'inf-village', 'second-pass-2', '/account');
  // newest first: this phone, then the PC just signed in (then the first test's devices)
  const other = page.locator('[data-testid="my-device"]:not([data-current])');
  await other.first().waitFor();
  const before = await other.count();
  expect(await page.getByTestId('my-device').first().getAttribute('data-current')).not.toBeNull();
  await other.first().getByTestId('end-device').click();
  await page.getByTestId('device-ended').waitFor();
  expect(await page.getByTestId('device-ended').textContent()).toMatch(/^已让「.+」退出登录$/);
  await eventually(() => other.count(), (n) => n === before - 1, 5_000, 'the PC gone from the list');
  await page.screenshot({ path: artifact('account-devices-375.png'), fullPage: true });
  // the PC's page learns it at once: its live link is closed and it says so
  await pc.page.getByText('重新登录').first().waitFor({ timeout: 10_000 });
  await page.reload();
  await page.getByTestId('my-device').first().waitFor();
  expect(errors).toEqual([]);
});
