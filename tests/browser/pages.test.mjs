// Smoke tests of the static pages in a real browser, at the root of a host and under a sub-path.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SITES, TEST_TIMEOUT, assertNoProblems, launch, newPage } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

for (const site of SITES) {
  const basePath = new URL(site.base).pathname;

  describe(`pages (${site.name}: ${site.base})`, () => {
    test('home → "Chỉ tiêu" → satisfaction indicator page shows an accessible SVG chart', { timeout: TEST_TIMEOUT }, async () => {
      const page = await newPage(browser);
      try {
        const response = await page.goto(site.base);
        assert.equal(response.status(), 200);
        assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
        // The stylesheet is served and applied (a wrong base URL would lose it).
        const stylesheets = await page.evaluate(() => document.styleSheets.length);
        assert.ok(stylesheets >= 1, 'the stylesheet loads');

        const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
        await nav.getByRole('link', { name: 'Chỉ tiêu', exact: true }).click();
        await page.waitForURL(`${site.base}chi-tieu/`);
        assert.match(await page.locator('h1').first().innerText(), /chỉ tiêu/i);

        const link = page.locator(`main a[href="${basePath}chi-tieu/hai-long-tthc/"]`).first();
        await link.click();
        await page.waitForURL(`${site.base}chi-tieu/hai-long-tthc/`);

        const chart = page.locator('svg.chart');
        await chart.waitFor({ state: 'visible' });
        assert.equal(await chart.getAttribute('role'), 'img');
        const box = await chart.boundingBox();
        assert.ok(box && box.width > 100 && box.height > 20, `the chart has a size: ${JSON.stringify(box)}`);
        // Its accessible name comes from its <title>.
        const named = page.getByRole('img', { name: /Hài lòng về giải quyết TTHC/ });
        assert.equal(await named.count(), 1, 'the chart is exposed as an image with a name');
        assert.ok((await chart.locator('g.bar').count()) >= 2, 'one bar per commune');
        assertNoProblems(page);
      } finally {
        await page.context().close();
      }
    });

    test('an unknown address answers 404 with the portal\'s 404 page', { timeout: TEST_TIMEOUT }, async () => {
      const page = await newPage(browser);
      try {
        const response = await page.goto(`${site.base}khong-co-trang-nay/`);
        assert.equal(response.status(), 404);
        assert.ok((await page.locator('main').innerText()).length > 0, 'the 404 page has content');
      } finally {
        await page.context().close();
      }
    });
  });
}
