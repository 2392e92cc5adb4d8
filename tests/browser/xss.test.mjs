// Hostile input in a real browser (issue 8): the portal built from tests/fixtures/xss/cases.yaml
// (see tests/common/hostile.rs) is loaded page by page in Chromium with recorders installed before
// any of the page's own code runs: window.__xss (which every payload calls with its case id),
// alert, confirm and prompt, dialogs, pop-ups and navigations away from the page. No Content
// Security Policy is sent, so nothing but the portal's own escaping and sanitizing stands between
// a payload and its execution. Every HTML and XML file is loaded; the search page is driven with
// hostile queries. Expected: zero executions, no script-bearing markup in the DOM, and every case's
// text visible as text.
//
// Run by tests/browser.rs, which passes:
//   PLANPORTAL_HOSTILE_URL    where the hostile portal is served, e.g. http://127.0.0.1:41236/
//   PLANPORTAL_HOSTILE_OUT    its output folder (to list the pages)
//   PLANPORTAL_HOSTILE_CASES  the corpus as JSON: id, field, payload, published, search, expected

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { TEST_TIMEOUT, launch } from './helpers.mjs';

const HOSTILE_URL = process.env.PLANPORTAL_HOSTILE_URL;
const OUT = process.env.PLANPORTAL_HOSTILE_OUT;
const CASES_FILE = process.env.PLANPORTAL_HOSTILE_CASES;
assert.ok(HOSTILE_URL && OUT && CASES_FILE, 'run through `cargo test --test browser` (PLANPORTAL_HOSTILE_* are not set)');
const CASES = JSON.parse(readFileSync(CASES_FILE, 'utf8'));

/** The web editor's page (Decap CMS, vendored), the one page that is meant to run a script. */
const EDITOR_PAGE = 'admin/';

/** Every published HTML and XML file, as the address a reader would open. */
function pages() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(html|xml)$/.test(name)) {
        const rel = relative(OUT, path).split(sep).join('/');
        out.push(rel === 'index.html' ? '' : rel.replace(/(^|\/)index\.html$/, '$1'));
      }
    }
  };
  walk(OUT);
  return out;
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * A page whose every frame records script execution into `page.hits` before its own code runs:
 * __xss(id), alert/confirm/prompt, dialogs, pop-ups, and navigations of the main frame away from
 * the address the test opened.
 */
async function recordingPage() {
  const context = await browser.newContext({ locale: 'vi-VN' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.hits = [];
  page.expected = null;
  const hit = (what, url) => page.hits.push(`${what} (on ${url})`);
  await context.exposeBinding('__xssRecord', ({ frame }, what) => hit(String(what), frame.url()));
  await context.addInitScript(() => {
    const record = (what) => window.__xssRecord(what);
    window.__xss = (id) => record(`__xss(${id})`);
    window.alert = (message) => record(`alert(${message})`);
    window.confirm = (message) => (record(`confirm(${message})`), false);
    window.prompt = (message) => (record(`prompt(${message})`), null);
  });
  page.on('dialog', async (dialog) => {
    hit(`dialog ${dialog.type()}(${dialog.message()})`, page.url());
    await dialog.dismiss();
  });
  context.on('page', (popup) => hit(`pop-up ${popup.url()}`, page.url()));
  // The address without query and fragment: search.js rewrites ?q= as it searches.
  const place = (url) => url.split(/[?#]/)[0];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && page.expected && place(frame.url()) !== place(page.expected)) {
      hit(`navigation to ${frame.url()}`, page.expected);
    }
  });
  page.on('pageerror', (error) => hit(`page error ${error.message}`, page.url()));
  return page;
}

/** Opens `url` and lets timers, autofocus and animations that start at once run. */
async function visit(page, url) {
  page.expected = url;
  const response = await page.goto(url, { waitUntil: 'load' });
  await settleFrames(page);
  return response;
}

/** Two animation frames and a task: enough for autofocus, onbegin and error events to fire. */
async function settleFrames(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50)))));
}

/**
 * Script-bearing markup left in the DOM (the same rules as tests/xss_corpus.rs, on the DOM the
 * browser built): scripts other than the theme's search.js, event-handler attributes,
 * javascript:/vbscript:/data: URLs, frames, objects, embeds, base, refreshes, CSS expressions;
 * and the page's visible text (outside script, style, noscript, template).
 */
async function inspect(page) {
  return page.evaluate(() => {
    const problems = [];
    const urlAttributes = ['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'cite', 'longdesc', 'ping', 'codebase', 'srcset'];
    const forbidden = ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'style'];
    const scripted = (value) => /^(javascript|vbscript|data):/i.test(value.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, ''));
    const snippet = (el) => el.outerHTML.slice(0, 160);
    // An XML file (atom.xml, sitemap.xml) is shown by Chromium's XML viewer, which adds its own
    // stylesheet to the document.
    const xmlViewer = (el) => document.contentType !== 'text/html' && el.id === 'xml-viewer-style' && /^\/\* Copyright \d+ The Chromium Authors/.test(el.textContent);
    for (const el of document.querySelectorAll('*')) {
      const tag = el.localName;
      if (xmlViewer(el)) continue;
      if (tag === 'script' && !(/assets\/search\.js$/.test(el.getAttribute('src') || '') && !el.textContent.trim())) {
        problems.push(`script element ${snippet(el)}`);
      }
      if (forbidden.includes(tag)) problems.push(`${tag} element ${snippet(el)}`);
      if (tag === 'meta' && el.hasAttribute('http-equiv')) problems.push(`meta http-equiv ${snippet(el)}`);
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) problems.push(`event handler ${name} ${snippet(el)}`);
        if (name === 'srcdoc') problems.push(`srcdoc ${snippet(el)}`);
        if (urlAttributes.includes(name) && scripted(attr.value)) problems.push(`${name}="${attr.value}" ${snippet(el)}`);
        if (name === 'style' && /expression|javascript:|url\(/i.test(attr.value)) problems.push(`style ${snippet(el)}`);
      }
      // What the browser resolved, whatever the attribute said.
      if ((tag === 'a' || tag === 'area') && el.href && /^(javascript|vbscript|data):$/.test(el.protocol)) {
        problems.push(`link to ${el.protocol} ${snippet(el)}`);
      }
    }
    const texts = [document.title];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('script, style, noscript, template')) texts.push(node.data);
    }
    return { problems, text: texts.join(' ').replace(/\s+/g, ' ') };
  });
}

const collapse = (text) => text.replace(/\s+/g, ' ').trim();

describe(`hostile input (${HOSTILE_URL})`, () => {
  const published = CASES.filter((c) => c.published);
  const searches = CASES.filter((c) => c.search);

  test('the recorders catch an execution and the DOM check catches script-bearing markup', { timeout: TEST_TIMEOUT }, async () => {
    const page = await recordingPage();
    try {
      await visit(page, HOSTILE_URL);
      assert.deepEqual(page.hits, []);
      await page.evaluate(() => {
        const img = document.createElement('img');
        img.setAttribute('onerror', "__xss('control')");
        img.src = 'data:,';
        document.body.append(img);
        setTimeout(() => alert('control'), 0);
      });
      await settleFrames(page);
      assert.ok(page.hits.some((h) => h.startsWith('__xss(control)')), `__xss recorded: ${page.hits}`);
      assert.ok(page.hits.some((h) => h.startsWith('alert(control)')), `alert recorded: ${page.hits}`);
      const { problems } = await inspect(page);
      assert.ok(problems.some((p) => p.startsWith('event handler onerror')), `onerror found: ${problems}`);
    } finally {
      await page.context().close();
    }
  });

  test(`every published page (${published.length} cases): zero executions, no script-bearing markup, every case visible as text`, { timeout: TEST_TIMEOUT * 3 }, async (t) => {
    const list = pages();
    assert.ok(list.length > 20, `only ${list.length} pages`);
    // The server's answer to an address that does not exist, too.
    list.push('khong-co-trang-nay/');
    const page = await recordingPage();
    const problems = [];
    let text = '';
    try {
      for (const path of list) {
        const response = await visit(page, `${HOSTILE_URL}${path}`);
        const status = response?.status();
        if (status !== (path === 'khong-co-trang-nay/' ? 404 : 200)) problems.push(`${path}: HTTP ${status}`);
        const found = await inspect(page);
        // The web editor is an application: its own scripts and styles are expected there (its
        // executions of hostile code would still be recorded).
        if (path !== EDITOR_PAGE) problems.push(...found.problems.map((p) => `${path}: ${p}`));
        text += `\n${found.text}`;
      }
    } finally {
      await page.context().close();
    }
    t.diagnostic(`${list.length} pages loaded, ${page.hits.length} executions, ${problems.length} script-bearing elements`);
    assert.deepEqual(page.hits, [], 'script executions');
    assert.deepEqual(problems, [], 'script-bearing markup in the DOM');
    const missing = published.flatMap((c) => c.expected.filter((e) => !text.includes(collapse(e))).map((e) => `${c.id}: “${e}”`));
    assert.deepEqual(missing, [], 'case texts not visible on any page');
  });

  test(`search: ${searches.length} hostile queries typed and in the address, and results that quote hostile titles`, { timeout: TEST_TIMEOUT * 2 }, async (t) => {
    const page = await recordingPage();
    const problems = [];
    try {
      const status = () => page.evaluate(() => document.querySelector('#so-ket-qua').textContent);
      const settled = (query) =>
        page.waitForFunction(
          (q) => {
            const state = document.querySelector('#so-ket-qua').textContent;
            // The status line quotes the query once its results are shown.
            return new URLSearchParams(location.search).get('q') === q.trim() && state.includes(`“${q.trim()}”`) &&
              document.querySelector('#ket-qua').getAttribute('aria-busy') !== 'true';
          },
          query,
          { timeout: 20_000 },
        );
      for (const c of searches) {
        // Typed, key by key.
        await visit(page, `${HOSTILE_URL}tim-kiem/`);
        await page.locator('#q').pressSequentially(c.payload, { delay: 5 });
        await settled(c.payload);
        await settleFrames(page);
        const typed = await inspect(page);
        problems.push(...typed.problems.map((p) => `${c.id} typed: ${p}`));
        if (!(await status()).includes(c.payload.trim())) problems.push(`${c.id}: the status does not quote the query as text: ${await status()}`);
        // From the address, as a shared link would open it.
        page.expected = `${HOSTILE_URL}tim-kiem/?q=${encodeURIComponent(c.payload)}`;
        await page.goto(page.expected);
        await settled(c.payload);
        await settleFrames(page);
        const linked = await inspect(page);
        problems.push(...linked.problems.map((p) => `${c.id} linked: ${p}`));
      }
      // Results whose titles and snippets carry payloads: rendered as text.
      await visit(page, `${HOSTILE_URL}tim-kiem/`);
      const words = 'kế hoạch plan title script';
      await page.locator('#q').pressSequentially(words, { delay: 5 });
      await settled(words);
      await settleFrames(page);
      const results = await inspect(page);
      problems.push(...results.problems.map((p) => `results: ${p}`));
      const titles = await page.locator('#ket-qua li.ket-qua a.tieu-de').allTextContents();
      t.diagnostic(`${searches.length} hostile queries typed and linked; ${titles.length} results for “${words}”`);
      assert.ok(titles.some((title) => title.includes("<script>__xss('plan-title-script')</script>")), `a hostile title is shown as text: ${titles.join(' | ')}`);
    } finally {
      await page.context().close();
    }
    assert.deepEqual(page.hits, [], 'script executions');
    assert.deepEqual(problems, [], 'problems');
  });
});
