import { launchBrowser, openPage, signIn } from './e2e/e2e-helpers.js';
const origin = 'http://localhost:4100';
const shots: [string, string, string, { width: number; height: number }][] = [
  ['chenjing', '/office', 'office-review', { width: 1440, height: 900 }],
  ['chenjing', '/office/statistics', 'office-stats', { width: 1440, height: 900 }],
  ['chenjing', '/office/incidents', 'office-incidents', { width: 1440, height: 900 }],
  ['chenjing', '/office/quota', 'office-quota', { width: 1440, height: 900 }],
  ['chenjing', '/office/notices', 'office-notices', { width: 1440, height: 900 }],
  ['zhaojg', '/leader', 'leader-phone', { width: 375, height: 812 }],
  ['xxy01', '/report', 'report-phone', { width: 375, height: 812 }],
];
const only = process.argv[2];
const browser = await launchBrowser();
for (const [login, path, name, viewport] of shots) {
  if (only && !name.startsWith(only)) continue;
  const { page, errors } = await openPage(browser, { viewport });
  await signIn(page, origin, login, 'xinbao-demo', path);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/shot-${name}.png`, fullPage: true });
  console.log(name, errors);
  await page.context().close();
}
await browser.close();
