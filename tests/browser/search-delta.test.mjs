// Browser tests of search over a delta segment (docs/search-index.md, "Delta segment"): the Rust
// harness builds a copy of the example portal, edits one plan (PLANPORTAL_DELTA_PLAN: a section and
// a task about "khinh khí cầu" added, "siết" removed; see tests/common/search_files.rs), writes the
// search delta of that edit and serves it at PLANPORTAL_DELTA_URL. The unedited example is at
// ROOT_URL.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT_URL, TEST_TIMEOUT, assertNoProblems, fold } from './helpers.mjs';
import { SHARD_404, assertLinksResolve, readResults, search, settle, show, browserPages } from './search-helpers.mjs';

const DELTA_URL = process.env.PLANPORTAL_DELTA_URL;
const PLAN = process.env.PLANPORTAL_DELTA_PLAN;
assert.ok(DELTA_URL && PLAN, 'run the browser tests through `cargo test --test browser`');

/** Runs `body` with a fresh page, closing its context afterwards. */
const withPage = browserPages();

/** Chooses `value` in the filter menu `id` and waits for the address and the results to follow. */
async function choose(page, id, param, value, query) {
  await page.locator(`#${id}`).selectOption(value);
  await page.waitForFunction(([p, v]) => (new URLSearchParams(location.search).get(p) ?? '') === v, [param, value]);
  await settle(page, query);
}

/** The options of a filter menu: [{ value, label }]. */
const options = (page, id) =>
  page.locator(`#${id} option`).evaluateAll((list) => list.map((o) => ({ value: o.value, label: o.textContent.trim() })));

describe('search with a delta segment', () => {
  test('a word only in the edited text finds the edited plan, with its link and snippet', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      await search(page, 'khinh khí cầu', DELTA_URL);
      const results = await readResults(page);
      assert.equal(results.length, 2, `the new section and the new task:\n${show(results)}`);
      assert.ok(results.every((r) => r.path === `/${PLAN}`), `both in ${PLAN}:\n${show(results)}`);
      const task = results.find((r) => /Nhiệm vụ/.test(r.source));
      assert.ok(task, `the task:\n${show(results)}`);
      assert.equal(task.hash, 'nhiem-vu-1');
      assert.match(task.source, /Xã Nam An Phụ/);
      const section = results.find((r) => /Văn bản/.test(r.source));
      assert.ok(section && section.hash, `the section, with its heading's anchor:\n${show(results)}`);
      assert.match(section.title, /Thí điểm khinh khí cầu/);
      assert.match(section.snippet, /bằng khinh khí cầu trên địa bàn xã/);
      for (const r of results) {
        assert.ok(r.marks.some((m) => fold(m) === 'khinh khi cau'), `"${r.title}" highlights the phrase: ${JSON.stringify(r.marks)}`);
      }
      await assertLinksResolve(page, results);
      assertNoProblems(page, SHARD_404);
    });
  });

  test('a word the edit removed no longer finds the plan', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      // Before the edit (the unedited example) the word finds the plan…
      await search(page, 'siết chặt', ROOT_URL);
      const before = await readResults(page);
      assert.ok(before.some((r) => r.path === `/${PLAN}`), `the unedited plan has "siết chặt":\n${show(before)}`);
      // … after it, nothing.
      const state = await search(page, 'siết chặt', DELTA_URL);
      assert.match(state.status, /Không tìm thấy/, `no result: ${state.status}`);
      assertNoProblems(page, SHARD_404);
    });
  });

  test('results of other plans are unchanged', { timeout: TEST_TIMEOUT }, async () => {
    // One syllable found only in other plans: its order depends on impacts alone, which the delta
    // does not change, and its count on documents the delta does not touch.
    for (const query of ['tuệ', 'lộc']) {
      await withPage(async (page) => {
        const strip = (results) => results.map(({ title, path, hash, snippet, source }) => ({ title, path, hash, snippet, source }));
        await search(page, query, ROOT_URL);
        const before = strip(await readResults(page));
        const beforeStatus = await page.locator('#so-ket-qua').textContent();
        assert.ok(before.length > 0, `"${query}" finds something`);
        assert.ok(before.every((r) => r.path !== `/${PLAN}`), `"${query}" is not in ${PLAN}`);
        await search(page, query, DELTA_URL);
        assert.deepEqual(strip(await readResults(page)), before, `"${query}" gives the same results`);
        assert.equal(await page.locator('#so-ket-qua').textContent(), beforeStatus);
        assertNoProblems(page, SHARD_404);
      });
    }
  });

  test('filters work on delta documents', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      const query = 'khinh khí cầu';
      await search(page, query, DELTA_URL);
      // Kind and area come with the postings.
      const kinds = await options(page, 'loc-loai');
      assert.deepEqual(kinds.map((o) => o.label), ['Tất cả', 'Văn bản (1)', 'Nhiệm vụ (1)']);
      const areas = await options(page, 'loc-linh-vuc');
      assert.ok(areas.some((o) => o.value === 'the-che' && o.label === 'Cải cách thể chế (1)'), JSON.stringify(areas));
      await choose(page, 'loc-linh-vuc', 'linh-vuc', 'the-che', query);
      let results = await readResults(page);
      assert.deepEqual(results.map((r) => r.hash), ['nhiem-vu-1'], show(results));
      await choose(page, 'loc-linh-vuc', 'linh-vuc', '', query);
      await choose(page, 'loc-loai', 'loai', 'van-ban', query);
      results = await readResults(page);
      assert.equal(results.length, 1);
      assert.match(results[0].title, /khinh khí cầu/);
      await choose(page, 'loc-loai', 'loai', '', query);

      // The commune filter: the delta documents' commune is known without c.bin's ranges.
      await page.locator('#loc-xa').focus();
      await page.waitForFunction(() => [...document.querySelectorAll('#loc-xa option')].some((o) => /\(\d+\)/.test(o.textContent)));
      const communes = await options(page, 'loc-xa');
      const namAnPhu = communes.find((o) => /Nam An Phụ/.test(o.label));
      assert.deepEqual(communes.map((o) => o.label), ['Tất cả', 'Xã Nam An Phụ (2)'], JSON.stringify(communes));
      await choose(page, 'loc-xa', 'xa', namAnPhu.value, query);
      assert.equal((await readResults(page)).length, 2);

      // The year filter: the plan's period is 2026.
      await page.locator('#loc-nam').focus();
      await page.waitForFunction(() => [...document.querySelectorAll('#loc-nam option')].some((o) => /\(\d+\)/.test(o.textContent)));
      assert.deepEqual((await options(page, 'loc-nam')).map((o) => o.label), ['Tất cả', '2026 (2)']);
      await choose(page, 'loc-nam', 'nam', '2026', query);
      assert.equal((await readResults(page)).length, 2);
      assertNoProblems(page, SHARD_404);
    });
  });

  test('the commune filter counts base and delta documents of the edited commune together', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      // Online payment is in the edited plan (now delta documents) and in other plans.
      const counts = async (base) => {
        await search(page, 'thanh toán trực tuyến', base);
        await page.locator('#loc-xa').focus();
        await page.waitForFunction(() => [...document.querySelectorAll('#loc-xa option')].some((o) => /\(\d+\)/.test(o.textContent)));
        return (await options(page, 'loc-xa')).map((o) => o.label);
      };
      const before = await counts(ROOT_URL);
      const after = await counts(DELTA_URL);
      assert.deepEqual(after, before, 'the same communes and counts: the edit did not touch online payment');
      assert.ok(after.some((label) => /Nam An Phụ \(\d+\)/.test(label)), JSON.stringify(after));
      assertNoProblems(page, SHARD_404);
    });
  });
});
