// Shared helpers of the search page's browser tests (search.test.mjs, search-delta.test.mjs):
// opening the page, typing like a person, waiting for the outcome, reading the results.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { ROOT_URL, launch, newPage } from './helpers.mjs';

// A shard without any term is answered 404, which the client reads as "no such term".
export const SHARD_404 = /(HTTP 404: |status of 404).*\/tim-kiem\/chi-muc\/(delta\/)?s\/\d+\.bin/;

/** Launches one browser for the test file (closed after it) and returns `withPage(body, options)`,
 *  which runs `body` with a fresh page of it. */
export function browserPages() {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  return (body, options) => withPageOf(browser, body, options);
}

/** Runs `body` with a fresh page of `browser`, closing its context afterwards. */
async function withPageOf(browser, body, options) {
  const page = await newPage(browser, options);
  try {
    return await body(page);
  } finally {
    await page.context().close();
  }
}

/** Opens the search page of `base` (with an optional query string) and waits for the form. */
export async function openSearch(page, base = ROOT_URL, search = '') {
  const response = await page.goto(`${base}tim-kiem/${search}`);
  assert.equal(response.status(), 200, `${base}tim-kiem/ answers 200`);
  await page.locator('form#tim-kiem input#q').waitFor({ state: 'visible' });
}

/** Types `text` into #q key by key, as a person would (no Enter). */
export async function typeQuery(page, text) {
  const box = page.locator('#q');
  await box.click();
  await box.pressSequentially(text, { delay: 35 });
}

/**
 * Waits until the page shows the outcome of the search for `text`: the address carries ?q=text,
 * nothing is loading, the status says something, and the results stay unchanged for 500 ms.
 */
export async function settle(page, text, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  let last = null;
  let stableSince = 0;
  let state;
  while (Date.now() < deadline) {
    state = await page.evaluate(() => {
      const list = document.querySelector('ol#ket-qua');
      const status = document.querySelector('#so-ket-qua');
      return {
        q: new URLSearchParams(location.search).get('q'),
        busy: list?.getAttribute('aria-busy') === 'true',
        status: status?.textContent.trim() ?? '',
        items: list ? list.querySelectorAll('li.ket-qua').length : -1,
        html: list ? list.innerHTML.length : -1,
      };
    });
    // A failure to load the index is an outcome too (the assertions that follow say what failed).
    const broken = /Không tải được/.test(state.status);
    const ready = (broken || state.q === text.trim()) && !state.busy && state.status !== '' && !/Đang tải/.test(state.status);
    const key = JSON.stringify(state);
    if (ready && key === last) {
      if (Date.now() - stableSince >= 500) return state;
    } else {
      last = key;
      stableSince = Date.now();
    }
    await page.waitForTimeout(100);
  }
  assert.fail(
    `the search for "${text}" did not settle within ${timeout} ms; last state: ${JSON.stringify(state)}; ` +
      `page problems: ${JSON.stringify(page.problems)}`,
  );
}

/** Types a query on a fresh search page and waits for its results. */
export async function search(page, text, base = ROOT_URL) {
  await openSearch(page, base);
  await typeQuery(page, text);
  const state = await settle(page, text);
  assert.doesNotMatch(
    state.status,
    /Không tải được/,
    `the search for "${text}" failed to load the index; page problems: ${JSON.stringify(page.problems)}`,
  );
  return state;
}

/**
 * The results shown: title, href (absolute), path, hash, snippet, source line, and the highlighted
 * phrases of title and snippet (adjacent <mark>s separated only by spaces count as one phrase).
 */
export async function readResults(page) {
  return page.evaluate(() => {
    const phrases = (element) => {
      if (!element) return [];
      const out = [];
      let current = null;
      let gap = '';
      for (const node of element.childNodes) {
        if (node.nodeName === 'MARK') {
          current = current === null ? node.textContent : current + gap + node.textContent;
          gap = '';
        } else if (current !== null && node.nodeType === Node.TEXT_NODE && /^\s*$/.test(node.textContent)) {
          gap += node.textContent;
        } else {
          if (current !== null) out.push(current);
          current = null;
          gap = '';
        }
      }
      if (current !== null) out.push(current);
      return out;
    };
    return [...document.querySelectorAll('ol#ket-qua > li.ket-qua')].map((li) => {
      const link = li.querySelector('a.tieu-de');
      const snippet = li.querySelector('p.trich');
      const url = link ? new URL(link.href) : null;
      return {
        title: link?.textContent.trim() ?? '',
        href: link?.href ?? '',
        path: url?.pathname ?? '',
        hash: url ? decodeURIComponent(url.hash.slice(1)) : '',
        snippet: snippet?.textContent.trim() ?? '',
        source: li.querySelector('p.nguon')?.textContent.trim() ?? '',
        marks: [...phrases(link), ...phrases(snippet)],
      };
    });
  });
}

export const show = (results) => results.map((r, i) => `${i + 1}. ${r.title} <${r.path}#${r.hash}> [${r.source}]`).join('\n');

/** Fetches every result's page once and checks the element its #fragment names exists. */
export async function assertLinksResolve(page, results) {
  const pages = new Map();
  for (const result of results) {
    const url = result.href.split('#')[0];
    if (!pages.has(url)) {
      const response = await page.request.get(url);
      assert.equal(response.status(), 200, `${url} (result "${result.title}") answers 200`);
      pages.set(url, await response.text());
    }
    if (result.hash) {
      const html = pages.get(url);
      assert.ok(
        html.includes(`id="${result.hash}"`),
        `the result "${result.title}" points to #${result.hash}, which ${url} does not have`,
      );
    }
  }
}

