// Draws the app's icons (favicon, home screen, install) with headless Chromium and the
// machine's CJK font, into public/icons/. Run again only when the design changes:
//   node web/scripts/make-icons.mjs   (needs test/'s playwright-core and /usr/bin/chromium)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../public/icons');
const { chromium } = await import(path.resolve(here, '../../test/node_modules/playwright-core/index.mjs'));

const NAVY = '#10233f';
const TEAL = '#5eead4';
/** glyph: its share of the side; round: corner radius as a share (0 for a maskable icon, cut by the launcher); plain: no bar (too small) */
const icons = [
  { file: 'icon-192.png', size: 192, glyph: 0.62, round: 0.22 },
  { file: 'icon-512.png', size: 512, glyph: 0.62, round: 0.22 },
  { file: 'icon-maskable-512.png', size: 512, glyph: 0.46, round: 0 },
  { file: 'apple-touch-icon.png', size: 180, glyph: 0.58, round: 0 },
  { file: 'favicon-32.png', size: 32, glyph: 0.8, round: 0.18, plain: true },
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  fs.mkdirSync(out, { recursive: true });
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const s = icon.size;
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">
      <div style="width:${s}px;height:${s}px;box-sizing:border-box;border-radius:${icon.round * s}px;background:${NAVY};
        display:flex;align-items:center;justify-content:center;position:relative;overflow:hidden">
        <span style="font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif;font-weight:900;color:#fff;
          font-size:${Math.round(icon.glyph * s)}px;line-height:1;transform:translateY(-${icon.plain ? 0 : Math.round(0.05 * s)}px)">信</span>
        ${icon.plain ? '' : `<div style="position:absolute;left:${(1 - icon.glyph) / 2 * s}px;right:${(1 - icon.glyph) / 2 * s}px;
          bottom:${Math.max(1, Math.round((1 - icon.glyph) / 2 * s - 0.06 * s))}px;height:${Math.max(2, Math.round(0.05 * s))}px;
          border-radius:${s}px;background:${TEAL}"></div>`}
      </div></body></html>`);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(out, icon.file), omitBackground: true });
    await page.close();
    console.log(`${icon.file} ${s}×${s}`);
  }
} finally {
  await browser.close();
}
