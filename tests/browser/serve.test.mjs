// The development server (`planportal serve`) in a real browser: live reload after an edit, the
// error overlay after a broken edit (the last good page stays), and recovery. Run by tests/serve.rs
// (`cargo test --test serve`), which copies the example portal into a temporary directory, starts
// the server on it and passes:
//   PLANPORTAL_SERVE_URL   the address the server printed, e.g. http://127.0.0.1:41234/
//   PLANPORTAL_SERVE_ROOT  the portal directory it watches (the copy: this test edits it)
//   PLANPORTAL_CHROMIUM    the browser (Debian's /usr/bin/chromium)
// Under `cargo test --test browser` (which runs every *.test.mjs) these are unset and the test is
// skipped. It does not import helpers.mjs, which needs the static sites' addresses.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserForTests } from './chromium.mjs';

const SERVE_URL = process.env.PLANPORTAL_SERVE_URL;
const ROOT = process.env.PLANPORTAL_SERVE_ROOT;
const skip = !SERVE_URL || !ROOT ? 'run through `cargo test --test serve` (PLANPORTAL_SERVE_URL is not set)' : false;

// A plan of the example portal and its page.
const PLAN = 'content/hai-phong/tue-tinh/ke-hoach-cchc-trong-tam-2026-2030.md';
const PLAN_PAGE = 'hai-phong/tue-tinh/ke-hoach-cchc-trong-tam-2026-2030/';
const OVERLAY_TITLE = 'Có lỗi, trang chưa được cập nhật';
/** How long to wait for the page to show an edit: a bound against hangs, not a speed target (the
 * rebuild time is measured by bench/run.sh, never asserted: a loaded CI machine is slow). */
const RELOAD_LIMIT = 30_000;

const browser = browserForTests(skip);

async function openPlan() {
  const context = await browser().newContext({ locale: 'vi-VN' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
  const response = await page.goto(`${SERVE_URL}${PLAN_PAGE}`);
  assert.equal(response.status(), 200);
  // The reload script is connected to the server's events.
  await page.waitForFunction(() => document.documentElement.dataset.planportalLive === 'connected');
  return page;
}

/** Marks the current document: a reload loses the mark. */
const mark = (page) => page.evaluate(() => { window.__planportalMark = true; });
const marked = (page) => page.evaluate(() => window.__planportalMark === true);

test('serve: an edit reloads the page, a broken edit shows the overlay over the last good page, a fix removes it', { skip, timeout: 120_000 }, async () => {
  const file = join(ROOT, PLAN);
  const original = readFileSync(file, 'utf8');
  const unique = `Đoạn thêm để kiểm thử tải lại ${Date.now()}`;
  const page = await openPlan();
  try {
    // The injected script is there, the page itself is unchanged otherwise.
    assert.equal(await page.locator('script[data-planportal-version]').count(), 1);
    assert.equal(await page.getByText(unique).count(), 0);

    // 1. Append a paragraph: the page reloads and shows it.
    await mark(page);
    const edited = `${original.trimEnd()}\n\n${unique}\n`;
    const saved = Date.now();
    writeFileSync(file, edited);
    await page.locator('main').getByText(unique).waitFor({ timeout: RELOAD_LIMIT });
    console.log(`serve: the edit appeared on the page ${Date.now() - saved} ms after saving`);
    assert.equal(await marked(page), false, 'the page was reloaded');
    await page.waitForFunction(() => document.documentElement.dataset.planportalLive === 'connected');

    // 2. Break the front matter: the overlay names file:line, the last good page stays.
    await mark(page);
    const lines = edited.split('\n');
    const kindLine = lines.findIndex((line) => line.startsWith('kind:'));
    assert.ok(kindLine > 0, 'the plan has a kind: line');
    lines[kindLine] = 'kind: ke-hoach: sai';
    writeFileSync(file, lines.join('\n'));
    const overlay = page.getByRole('dialog', { name: OVERLAY_TITLE });
    await overlay.waitFor({ state: 'visible', timeout: 5_000 });
    const text = await overlay.innerText();
    assert.ok(text.includes(`${PLAN}:${kindLine + 1}:`), `the overlay names ${PLAN}:${kindLine + 1}:\n${text}`);
    assert.ok(text.includes('kind: ke-hoach: sai'), `the overlay quotes the source line:\n${text}`);
    assert.match(text, /\^/, 'a caret marks the column');
    assert.match(text, /Gợi ý: /, 'the help is shown');
    assert.equal(await marked(page), true, 'no reload on a failed build');
    assert.ok(await page.locator('main').getByText(unique).isVisible(), 'the last good content is still shown');

    // A page opened while the site is broken shows the overlay too (the state is sent on connect).
    const late = await browser().newPage();
    try {
      await late.goto(`${SERVE_URL}${PLAN_PAGE}`);
      await late.getByRole('dialog', { name: OVERLAY_TITLE }).waitFor({ state: 'visible', timeout: 5_000 });
      assert.ok(await late.locator('main').getByText(unique).isVisible());
    } finally {
      await late.close();
    }

    // 3. Fix it (with one more change): the overlay goes, the page shows the fixed content.
    const fixedText = `Đã sửa lỗi ${Date.now()}`;
    writeFileSync(file, `${edited.trimEnd()}\n\n${fixedText}\n`);
    await page.locator('main').getByText(fixedText).waitFor({ timeout: 5_000 });
    assert.equal(await marked(page), false, 'the page was reloaded');
    assert.equal(await page.getByRole('dialog', { name: OVERLAY_TITLE }).count(), 0, 'the overlay is gone');
    assert.ok(await page.locator('main').getByText(unique).isVisible());
    assert.deepEqual(page.problems, []);
  } finally {
    writeFileSync(file, original);
    await page.context().close();
  }
});
