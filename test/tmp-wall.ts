import { launchBrowser, openPage, signIn } from './e2e/e2e-helpers.js';
const browser = await launchBrowser();
const { page, errors } = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
await signIn(page, 'http://localhost:4100', 'chenjing', 'xinbao-demo', '/office');
await page.goto('http://localhost:4100/wall?rotate=0');
await page.waitForTimeout(4000);
await page.screenshot({ path: '/tmp/wall1.png' });
for (let i = 0; i < 5; i++) {
  await page.keyboard.press('ArrowRight').catch(() => {});
}
console.log(errors, page.url());
await browser.close();
