// Browser tests of the search page /tim-kiem/ (themes/mac-dinh/static/search.js over the index of
// docs/search-index.md), driven like a person: typing into the box, reading the results, following
// them, using the keyboard. Expectations are derived from the example portal's sources in content/.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ROOT_URL,
  SITES,
  SUBPATH,
  SUBPATH_URL,
  TEST_TIMEOUT,
  assertNoProblems,
  fold,
  frontMatterList,
  headings,
  plans,
} from './helpers.mjs';
import {
  SHARD_404,
  assertLinksResolve,
  openSearch,
  readResults,
  search,
  settle,
  show,
  typeQuery,
  browserPages,
} from './search-helpers.mjs';

/** Runs `body` with a fresh page, closing its context afterwards. */
const withPage = browserPages();

// ---- Expectations from the sources ----------------------------------------------------------------

/** Plans whose body has a heading about reform of institutions ("… thể chế"). */
const institutionPlans = plans()
  .map((plan) => ({ ...plan, sections: headings(plan.body).filter((h) => /thể chế/i.test(h.text.normalize('NFC'))) }))
  .filter((plan) => plan.sections.length > 0);

/** Targets about online payment committing to 80 (%). */
const payment80 = plans().flatMap((plan) =>
  frontMatterList(plan.frontMatter, 'targets')
    .filter((t) => t.value === '80' && /thanh toán trực tuyến/i.test(t.quote ?? ''))
    .map((t) => ({ plan: plan.path, indicator: t.indicator })),
);

/** Tasks led by Phòng Văn hóa - Xã hội (hyphen or dash), with their row anchors. */
const cultureTasks = plans().flatMap((plan) =>
  frontMatterList(plan.frontMatter, 'tasks')
    .map((task, i) => ({ plan: plan.path, anchor: `nhiem-vu-${i + 1}`, lead: task.lead ?? '' }))
    .filter((task) => /phong van hoa\s*[-–]\s*xa hoi/.test(fold(task.lead))),
);

/** Plans with tasks of the reform area "the-che". */
const institutionTaskPlans = plans().filter((plan) =>
  frontMatterList(plan.frontMatter, 'tasks').some((task) => task.area === 'the-che'),
);

test('the expectations found their sources', () => {
  assert.ok(institutionPlans.length >= 3, `plans with a "thể chế" heading: ${institutionPlans.map((p) => p.file)}`);
  assert.ok(payment80.length >= 3, `online payment targets of 80: ${JSON.stringify(payment80)}`);
  assert.ok(cultureTasks.length >= 10, `tasks led by Phòng Văn hóa - Xã hội: ${cultureTasks.length}`);
});

// ---- The tests ------------------------------------------------------------------------------------

describe('search page', () => {
  test('"cai cach the che" (no tones) finds the institutional-reform section of every plan', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      await search(page, 'cai cach the che');
      const results = await readResults(page);
      assert.ok(results.length > 0, 'some results');
      for (const plan of institutionPlans) {
        const hit = results.find(
          (r) => r.path === `/${plan.path}` && r.hash !== '' && fold(r.title).includes('the che'),
        );
        assert.ok(hit, `a section of ${plan.file} titled "${plan.sections[0].text}" is among the first results:\n${show(results)}`);
        // The heading in the title is highlighted.
        assert.ok(
          hit.marks.some((m) => fold(m).includes('the che')),
          `"${hit.title}" highlights "thể chế": marks ${JSON.stringify(hit.marks)}`,
        );
      }
      await assertLinksResolve(page, results);
      assertNoProblems(page, SHARD_404);
    });
  });

  test('"cải cách thể chế" (with tones) puts an exact-tone "thể chế" section first', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      await search(page, 'cải cách thể chế');
      const results = await readResults(page);
      assert.ok(results.length > 0, 'some results');
      assert.ok(
        results[0].title.normalize('NFC').toLowerCase().includes('thể chế'),
        `the first result's title contains "thể chế":\n${show(results)}`,
      );
      // Every institutional-reform section is there too, ahead of anything not about "thể chế".
      const sections = results.filter((r) => r.title.normalize('NFC').toLowerCase().includes('cải cách thể chế'));
      assert.ok(sections.length >= institutionPlans.length, `the ${institutionPlans.length} sections are shown:\n${show(results)}`);
      assertNoProblems(page, SHARD_404);
    });
  });

  test('"cai cach the che" narrowed to the area "Cải cách thể chế" reaches every plan with such content', { timeout: TEST_TIMEOUT }, async () => {
    // Every plan has a "Cải cách thể chế" heading or tasks of that area (Lộc Tân's appendix has
    // only tasks): each should be reachable by the area's own name.
    await withPage(async (page) => {
      await search(page, 'cai cach the che');
      await page.locator('#loc-linh-vuc').selectOption('the-che');
      await page.waitForFunction(() => new URLSearchParams(location.search).get('linh-vuc') === 'the-che');
      await settle(page, 'cai cach the che');
      for (let i = 0; i < 20 && (await page.locator('#xem-them').isVisible()); i++) {
        const before = await page.locator('ol#ket-qua > li.ket-qua').count();
        await page.locator('#xem-them').click();
        await page.waitForFunction((n) => document.querySelectorAll('ol#ket-qua > li.ket-qua').length > n, before);
      }
      const results = await readResults(page);
      const expected = [...new Set([...institutionPlans, ...institutionTaskPlans].map((plan) => plan.path))];
      const missing = expected.filter((path) => !results.some((r) => r.path === `/${path}`));
      assert.deepEqual(missing, [], `every plan with a "thể chế" heading or tasks of the area is reached:\n${show(results)}`);
      assertNoProblems(page, SHARD_404);
    });
  });

  test('"dia ban" highlights "địa bàn" with its tones', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      await search(page, 'dia ban');
      const results = await readResults(page);
      assert.ok(results.length > 0, 'some results');
      const marks = results.flatMap((r) => r.marks);
      assert.ok(
        marks.some((m) => m.normalize('NFC').toLowerCase() === 'địa bàn'),
        `some result highlights "địa bàn"; highlighted: ${JSON.stringify([...new Set(marks)].slice(0, 20))}`,
      );
      // The phrase itself ranks first: the first result has "địa bàn", highlighted.
      assert.ok(
        results[0].marks.some((m) => fold(m) === 'dia ban'),
        `the first result highlights "địa bàn":\n${show(results.slice(0, 3))}\nmarks: ${JSON.stringify(results[0].marks)}`,
      );
      // Highlighting shows the text as written, never the folded form.
      assert.ok(!marks.some((m) => m === 'dia ban'), 'no folded text is shown');
      assertNoProblems(page, SHARD_404);
    });
  });

  test('"thanh toan truc tuyen 80" finds the online-payment targets of 80%', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      await search(page, 'thanh toan truc tuyen 80');
      let results = await readResults(page);
      const targets = results.filter((r) => /Chỉ tiêu/.test(r.source));
      assert.ok(targets.length > 0, `some targets (kind "Chỉ tiêu"):\n${show(results)}`);
      assert.match(results[0].source, /Chỉ tiêu/, `the first result is a target:\n${show(results)}`);
      for (const target of targets.slice(0, 3)) {
        const text = fold(`${target.title} ${target.snippet}`);
        assert.match(text, /thanh toan truc tuyen/, `"${target.title}" is about online payment`);
        assert.match(`${target.title} ${target.snippet}`, /\b80\b/, `"${target.title}" mentions 80`);
      }
      for (const expected of payment80) {
        assert.ok(
          targets.some((r) => r.path === `/${expected.plan}` && r.hash !== ''),
          `the target ${expected.indicator} of ${expected.plan} is found:\n${show(results)}`,
        );
      }

      // Narrowing to targets keeps them and only them, and the address remembers the filter.
      await page.locator('#loc-loai').selectOption('chi-tieu');
      await page.waitForFunction(() => new URLSearchParams(location.search).get('loai') === 'chi-tieu');
      await settle(page, 'thanh toan truc tuyen 80');
      results = await readResults(page);
      assert.ok(results.length >= payment80.length, `at least ${payment80.length} targets:\n${show(results)}`);
      assert.ok(results.every((r) => /Chỉ tiêu/.test(r.source)), `only targets:\n${show(results)}`);
      await assertLinksResolve(page, results);

      // Reloading the address keeps the filter and its results.
      await page.reload();
      await settle(page, 'thanh toan truc tuyen 80');
      assert.equal(await page.locator('#loc-loai').inputValue(), 'chi-tieu', 'the filter is restored from the address');
      assert.deepEqual(await readResults(page), results, 'the same filtered results after reloading');
      assertNoProblems(page, SHARD_404);
    });
  });

  test('"Phòng Văn hóa" narrowed to tasks finds the tasks that office leads', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      await search(page, 'Phòng Văn hóa');
      await page.locator('#loc-loai').selectOption('nhiem-vu');
      await page.waitForFunction(() => new URLSearchParams(location.search).get('loai') === 'nhiem-vu');
      await settle(page, 'Phòng Văn hóa');
      // Load every page of results.
      for (let i = 0; i < 20 && (await page.locator('#xem-them').isVisible()); i++) {
        const before = await page.locator('ol#ket-qua > li.ket-qua').count();
        await page.locator('#xem-them').click();
        await page.waitForFunction((n) => document.querySelectorAll('ol#ket-qua > li.ket-qua').length > n, before);
      }
      const results = await readResults(page);
      assert.ok(results.length > 0, 'some results');
      assert.ok(results.every((r) => /Nhiệm vụ/.test(r.source)), `only tasks:\n${show(results)}`);
      const found = (task) => results.some((r) => r.path === `/${task.plan}` && r.hash === task.anchor);
      const missing = cultureTasks.filter((task) => !found(task));
      assert.deepEqual(missing, [], `every task led by Phòng Văn hóa - Xã hội is found:\n${show(results)}`);
      // The best results carry the phrase itself, highlighted.
      assert.ok(
        results[0].marks.some((m) => fold(m).includes('phong van hoa')),
        `the first result highlights "Phòng Văn hóa": ${JSON.stringify(results[0])}`,
      );
      assert.ok(
        cultureTasks.some((task) => results[0].path === `/${task.plan}` && results[0].hash === task.anchor),
        `the first result is a task led by Phòng Văn hóa - Xã hội:\n${show(results.slice(0, 5))}`,
      );
      // Tasks that name the office come before tasks that merely contain the three words apart.
      const top = results.slice(0, 5);
      assert.ok(
        top.every((r) => r.marks.some((m) => fold(m).includes('phong van hoa'))),
        `the first results name "Phòng Văn hóa":\n${show(top)}\nmarks: ${JSON.stringify(top.map((r) => r.marks))}`,
      );
      assertNoProblems(page, SHARD_404);
    });
  });

  test('a nonsense query says there is nothing', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      const state = await search(page, 'xyzzy qwerty');
      assert.match(state.status, /Không tìm thấy/);
      assert.equal(await page.locator('ol#ket-qua > li.ket-qua').count(), 0);
      assert.equal(await page.locator('#xem-them').isVisible(), false, '"Xem thêm" is hidden');
      assertNoProblems(page, SHARD_404);
    });
  });

  test('the address keeps ?q= and reloading shows the same results', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      const text = 'cải cách thể chế';
      await search(page, text);
      const first = await readResults(page);
      assert.ok(first.length > 0, 'some results');
      const url = page.url();
      assert.equal(new URL(url).searchParams.get('q'), text, `the address carries the query: ${url}`);
      assert.equal(new URL(url).pathname, '/tim-kiem/');

      await page.reload();
      await settle(page, text);
      assert.equal(await page.locator('#q').inputValue(), text, 'the box shows the query again');
      assert.deepEqual(await readResults(page), first, 'the same results after reloading');

      // Sharing the address (a fresh tab) gives the same results too.
      await withPage(async (other) => {
        await other.goto(url);
        await settle(other, text);
        assert.deepEqual(await readResults(other), first, 'the same results from the shared address');
      });
      assertNoProblems(page, SHARD_404);
    });
  });

  test('following a result opens the page at the right place', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      await search(page, 'cải cách thể chế');
      const [first] = await readResults(page);
      assert.ok(first, 'a first result');
      await page.locator('ol#ket-qua > li.ket-qua a.tieu-de').first().click();
      await page.waitForURL(first.href);
      assert.ok(first.hash, `the first result points inside a page: ${first.href}`);
      const target = page.locator(`[id="${first.hash}"]`);
      assert.equal(await target.count(), 1, `#${first.hash} exists on ${first.path}`);
      assert.ok(await target.isVisible(), `#${first.hash} is visible`);
      assert.ok(await target.evaluate((el) => el.matches(':target')), `#${first.hash} is the :target`);

      // Going back returns to the same search.
      await page.goBack();
      await settle(page, 'cải cách thể chế');
      assert.equal(await page.locator('#q').inputValue(), 'cải cách thể chế');
      assert.equal((await readResults(page))[0]?.href, first.href, 'the same results after going back');
      assertNoProblems(page, SHARD_404);
    });
  });

  test('keyboard: Tab from the search box reaches the first result', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      await search(page, 'cai cach the che');
      await page.locator('#q').focus();
      const firstLink = page.locator('ol#ket-qua > li.ket-qua a.tieu-de').first();
      const visited = [];
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        if (await firstLink.evaluate((el) => el === document.activeElement)) return;
        visited.push(
          await page.evaluate(() => {
            const el = document.activeElement;
            return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.hidden ? '[hidden]' : ''}` : 'none';
          }),
        );
      }
      assert.fail(`8 presses of Tab did not reach the first result; focus went to: ${visited.join(' → ')}`);
    });
  });

  test('"Xem thêm" shows the next results', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      await search(page, 'cải cách');
      const first = await readResults(page);
      const size = first.length;
      assert.ok(size >= 10, `a first page of results (${size})`);
      assert.ok(await page.locator('#xem-them').isVisible(), '"Xem thêm" is offered');
      await page.locator('#xem-them').click();
      await page.waitForFunction((n) => document.querySelectorAll('ol#ket-qua > li.ket-qua').length > n, size);
      await settle(page, 'cải cách');
      const all = await readResults(page);
      assert.equal(all.length, 2 * size, 'one more page of results');
      assert.deepEqual(all.slice(0, size), first, 'the first page stays');
      // Keyboard users keep their place: focus moves to the first new result.
      assert.ok(
        await page.locator('ol#ket-qua > li.ket-qua a.tieu-de').nth(size).evaluate((el) => el === document.activeElement),
        'focus is on the first of the new results',
      );
      const twice = all.filter((r, i) => all.findIndex((o) => o.href === r.href) !== i);
      assert.deepEqual(twice, [], `no result twice:\n${show(all)}`);
      assertNoProblems(page, SHARD_404);
    });
  });

  test('the result count is announced politely', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      await openSearch(page);
      assert.ok(['polite', 'assertive'].includes(await page.locator('#so-ket-qua').getAttribute('aria-live')));
      assert.equal(await page.locator('#q').getAttribute('name'), 'q');
      // The box has an accessible name and sits in a search landmark.
      assert.equal(await page.getByRole('search').locator('#q').count(), 1, '#q is in a search landmark');
      const label = await page.locator('#q').evaluate((el) => el.labels?.[0]?.textContent || el.getAttribute('aria-label') || '');
      assert.ok(label.trim().length > 0, 'the search box is labelled');
    });
  });

  test('without JavaScript the page says search needs it', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(
      async (page) => {
        const response = await page.goto(`${ROOT_URL}tim-kiem/`);
        assert.equal(response.status(), 200);
        const noscript = (await page.locator('noscript').allTextContents()).join(' ').replace(/<[^>]*>/g, ' ');
        const words = noscript.split(/\s+/).filter(Boolean).join(' ');
        assert.ok(words.length > 10, `the page has a <noscript> message: "${words}"`);
        const body = (await page.locator('body').innerText()).split(/\s+/).join(' ');
        assert.ok(body.includes(words.slice(0, 30)), `the <noscript> message is shown: "${words}" in\n${body}`);
      },
      { javaScriptEnabled: false },
    );
    // With JavaScript the message is not shown.
    await withPage(async (page) => {
      await openSearch(page);
      const noscript = (await page.locator('noscript').allTextContents()).join(' ').replace(/<[^>]*>/g, ' ');
      const words = noscript.split(/\s+/).filter(Boolean).join(' ');
      const body = (await page.locator('body').innerText()).split(/\s+/).join(' ');
      assert.ok(!words || !body.includes(words.slice(0, 30)), 'the <noscript> message is hidden when JavaScript runs');
    });
  });
});

for (const site of SITES) {
  const basePath = new URL(site.base).pathname;

  describe(`search from the header (${site.name}: ${site.base})`, () => {
    test('the header search form on the home page opens the search page with results', { timeout: TEST_TIMEOUT }, async () => {
      await withPage(async (page) => {
        await page.goto(site.base);
        const form = page.locator('header form:has(input[name="q"])');
        assert.equal(await form.count(), 1, 'the header has one search form');
        const action = await form.evaluate((f) => ({ action: f.action, method: f.method }));
        assert.equal(action.action, `${site.base}tim-kiem/`);
        assert.equal(action.method, 'get');
        const box = form.locator('input[name="q"]');
        await box.click();
        await box.pressSequentially('cải cách thể chế', { delay: 35 });
        await box.press('Enter');
        await page.waitForURL((url) => url.pathname === `${basePath}tim-kiem/`);
        await settle(page, 'cải cách thể chế');
        assert.equal(await page.locator('#q').inputValue(), 'cải cách thể chế');
        const results = await readResults(page);
        assert.ok(results.length > 0, 'some results');
        assert.ok(results[0].title.toLowerCase().includes('thể chế'), `first result:\n${show(results)}`);
        assertNoProblems(page, SHARD_404);
      });
    });
  });
}

describe(`search under a sub-path (${SUBPATH_URL})`, () => {
  test('results link inside the sub-path and resolve', { timeout: TEST_TIMEOUT }, async () => {
    await withPage(async (page) => {
      await search(page, 'cai cach the che', SUBPATH_URL);
      const results = await readResults(page);
      assert.ok(results.length > 0, 'some results');
      for (const r of results) assert.ok(r.path.startsWith(SUBPATH), `${r.href} is under ${SUBPATH}`);
      for (const plan of institutionPlans) {
        assert.ok(
          results.some((r) => r.path === `${SUBPATH}${plan.path}` && fold(r.title).includes('the che')),
          `the "thể chế" section of ${plan.file} is found under the sub-path:\n${show(results)}`,
        );
      }
      await assertLinksResolve(page, results);
      await page.locator('ol#ket-qua > li.ket-qua a.tieu-de').first().click();
      await page.waitForURL(results[0].href);
      assert.equal(await page.locator(`[id="${results[0].hash}"]`).count(), 1);
      assertNoProblems(page, SHARD_404);
    });
  });
});
