// Takes the screenshots checked into docs/screenshots/: an indicator page and a commune scorecard
// of the example portal, at 360 px (a phone) and 1280 px, in Debian's headless Chromium.
//
// usage: cargo run --release -- build --out /tmp/shots --base-url http://127.0.0.1:8902/
//        python3 -m http.server -d /tmp/shots 8902 &
//        node scripts/screenshots.mjs http://127.0.0.1:8902/
// playwright-core comes from tests/browser/node_modules (npm ci there).

import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const base = process.argv[2] || 'http://127.0.0.1:8902/';
// [file name, page, whole page or the first screen]
const pages = [
  ['indicator', 'chi-tieu/hai-long-tthc/', true],
  ['scorecard', 'hai-phong/tue-tinh/#chi-tieu', false],
];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const width of [360, 1280]) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1, locale: 'vi-VN' });
  const page = await context.newPage();
  for (const [name, path, fullPage] of pages) {
    await page.goto(base + path);
    const file = new URL(`../docs/screenshots/${name}-${width}.png`, import.meta.url).pathname;
    await page.screenshot({ path: file, fullPage });
    console.log(file);
  }
  await context.close();
}
await browser.close();
