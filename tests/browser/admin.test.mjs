// The web editor (/admin/, Decap CMS) end to end in a real browser: sign in to the local backend,
// create a plan for an existing commune with two targets and one task through the form, publish it.
// Run by tests/admin_editor.rs (`cargo test --test admin_editor`), which copies the example portal
// into a temporary git repository, starts `decap-server` (local git backend) and `planportal serve`
// on it, runs this file, then checks the commit, `planportal check` and the built pages. It passes:
//   PLANPORTAL_ADMIN_URL   the served site's address, e.g. http://127.0.0.1:41234/
//   PLANPORTAL_CHROMIUM    the browser (Debian's /usr/bin/chromium)
//   PLANPORTAL_SCREENSHOTS (optional) a folder to save the editor guide's screenshots into
// Under `cargo test --test browser` (which runs every *.test.mjs) these are unset and the test is
// skipped. It does not import helpers.mjs, which needs the static sites' addresses.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { browserForTests } from './chromium.mjs';

const SITE_URL = process.env.PLANPORTAL_ADMIN_URL;
const SCREENSHOTS = process.env.PLANPORTAL_SCREENSHOTS;
const skip = !SITE_URL ? 'run through `cargo test --test admin_editor` (PLANPORTAL_ADMIN_URL is not set)' : false;

/** What the editor types; tests/admin_editor.rs checks the same values in the saved file. */
const PLAN = {
  collection: 'Kế hoạch – Xã Tuệ Tĩnh',
  title: 'Kế hoạch cải cách hành chính năm 2027 của xã Tuệ Tĩnh',
  number: '15/KH-UBND',
  date: '2027-01-20',
  targets: [
    { indicator: 'Hài lòng về giải quyết TTHC (', value: '96.5', year: '2027' },
    { indicator: 'DVC trực tuyến toàn trình (', value: '100', year: '2027' },
  ],
  task: {
    area: 'Cải cách thủ tục hành chính',
    content: 'Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền của xã',
    lead: 'Văn phòng HĐND và UBND xã',
    due: 'Quý II/2027',
  },
  body: 'Kế hoạch này được soạn trên trình duyệt.',
};

const browser = browserForTests(skip);

/** Saves a screenshot for the editor guide when asked to (viewport only, so files stay small). */
async function shot(page, name) {
  if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Picks an option of a select (react-select) by typing the start of its label. */
async function choose(input, text) {
  await input.fill(text);
  await input.press('Enter');
}

test('admin: a plan created through the form is committed to the repository', { skip, timeout: 180_000 }, async () => {
  const context = await browser().newContext({ locale: 'vi-VN', viewport: { width: 1100, height: 760 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  try {
    const response = await page.goto(`${SITE_URL}admin/`);
    assert.equal(response.status(), 200);
    // The page is kept out of search engines.
    assert.equal(await page.locator('meta[name="robots"]').getAttribute('content'), 'noindex, nofollow');
    // `planportal serve` does not add its reload script: a rebuild after a save must not reload
    // the editor and lose what is being typed.
    assert.equal(await page.locator('script[data-planportal-version]').count(), 0);
    const login = page.getByRole('button', { name: 'Đăng nhập' });
    await login.waitFor();
    await shot(page, 'soan-thao-dang-nhap');
    await login.click();

    await page.getByRole('link', { name: PLAN.collection, exact: true }).click();
    // The commune's existing plan is listed.
    await page.getByText('Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn 2026 – 2030').waitFor();
    // The commune's own `_index.md` sits in the same folder: its row says where to edit it.
    await page.getByText('Giới thiệu xã (sửa ở mục “Xã, phường”)').waitFor();
    await shot(page, 'soan-thao-danh-sach');
    await page.getByRole('link', { name: /kế hoạch$/ }).click();

    const field = (label, nth = 0) => page.getByLabel(label, { exact: true }).nth(nth);
    await field('Tiêu đề').fill(PLAN.title);
    await choose(field('Hình thức văn bản'), 'Kế hoạch');
    await field('Từ năm').fill('2027');
    await field('Đến năm').fill('2027');
    await choose(field('Tình trạng (không bắt buộc)'), 'Còn hiệu lực');
    await field('Số ký hiệu (không bắt buộc)').fill(PLAN.number);
    await field('Ngày ban hành (không bắt buộc)').fill(PLAN.date);
    await shot(page, 'soan-thao-bieu-mau');

    for (const [i, target] of PLAN.targets.entries()) {
      await page.getByRole('button', { name: /chỉ tiêu$/ }).click();
      await choose(field('Chỉ tiêu', i), target.indicator);
      await field('Giá trị', i).fill(target.value);
      await field('Năm đạt', i).fill(target.year);
    }
    await field('Giá trị', 1).scrollIntoViewIfNeeded();
    await shot(page, 'soan-thao-chi-tieu');

    await page.getByRole('button', { name: /nhiệm vụ$/ }).click();
    await choose(field('Lĩnh vực'), PLAN.task.area);
    await field('Nội dung, hoạt động').fill(PLAN.task.content);
    await field('Cơ quan chủ trì (không bắt buộc)').fill(PLAN.task.lead);
    await field('Thời gian thực hiện (không bắt buộc)').fill(PLAN.task.due);

    const body = page.locator('[data-slate-editor="true"]');
    await body.click();
    await page.keyboard.type(PLAN.body);

    await page.getByRole('button', { name: 'Công bố', exact: true }).click();
    await page.getByRole('menuitem', { name: /Công bố ngay/ }).click();
    // Decap says the entry is published once decap-server has committed it.
    await page.getByText(/đã được công bố|Đã công bố/i).first().waitFor();
    await shot(page, 'soan-thao-da-cong-bo');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
