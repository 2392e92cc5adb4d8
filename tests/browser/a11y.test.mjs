// Accessibility of the example portal (issue 8), page kind by page kind, at 360 px and 1280 px:
// axe-core (WCAG 2.0/2.1 A and AA rules) reports no violation; the keyboard reaches every control
// with a visible focus indicator; the skip link comes first and moves focus to <main>; landmarks,
// lang="vi", table headers and captions, text alternatives of charts; and the print stylesheet.
// Each test logs one line per viewport: page kind, width, violations, address (see
// docs/accessibility.md).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  ROOT_URL,
  TEST_TIMEOUT,
  assertNoProblems,
  contentFiles,
  frontMatterList,
  launch,
  newPage,
  plans,
} from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
];
// A shard without any term is answered 404, which the search client reads as "no such term".
const SHARD_404 = /(HTTP 404: |status of 404).*\/tim-kiem\/chi-muc\/s\/\d+\.bin/;

// ---- The pages: one of every kind, found from the sources ---------------------------------------

const kindOf = (text) => text.match(/^kind:\s*(\S+)/m)?.[1];
const folderOf = (relative) => relative.replace(/_index\.md$/, '');
const indexes = contentFiles().filter((file) => file.relative.endsWith('_index.md'));
const province = indexes.find((file) => ['tinh', 'thanh-pho'].includes(kindOf(file.text)));
const commune = indexes.find((file) => ['xa', 'phuong', 'dac-khu'].includes(kindOf(file.text)));
const targets = plans().flatMap((plan) => frontMatterList(plan.frontMatter, 'targets'));
const tasks = plans().flatMap((plan) => frontMatterList(plan.frontMatter, 'tasks'));

const PAGES = [
  { kind: 'home', path: '' },
  { kind: 'province', path: folderOf(province.relative) },
  { kind: 'commune', path: folderOf(commune.relative) },
  ...plans().map((plan) => ({ kind: `plan ${plan.file}`, path: plan.path })),
  { kind: 'indicator index', path: 'chi-tieu/' },
  { kind: 'indicator', path: `chi-tieu/${targets[0].indicator}/`, chart: true },
  { kind: 'area index', path: 'linh-vuc/' },
  { kind: 'area', path: `linh-vuc/${tasks[0].area}/` },
  { kind: 'search with results', path: 'tim-kiem/', query: 'cải cách' },
  { kind: 'open data', path: 'du-lieu/' },
  { kind: '404', path: 'khong-co-trang-nay/', status: 404 },
];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens `entry` at `viewport`; for the search page, types the query and waits for results. */
async function open(entry, viewport) {
  const page = await newPage(browser, { viewport });
  const response = await page.goto(`${ROOT_URL}${entry.path}`);
  assert.equal(response.status(), entry.status ?? 200, `${entry.path} answers ${entry.status ?? 200}`);
  if (entry.query) {
    await page.locator('#q').pressSequentially(entry.query, { delay: 20 });
    // The results of the whole query, no longer loading (results shown while busy are dimmed), and
    // the status line that is written once they are shown.
    await page.waitForFunction(
      (query) =>
        new URLSearchParams(location.search).get('q') === query &&
        document.querySelector('#ket-qua').getAttribute('aria-busy') !== 'true' &&
        document.querySelectorAll('#ket-qua li.ket-qua').length > 0 &&
        document.querySelector('#so-ket-qua').textContent.includes(`“${query}”`),
      entry.query,
      { timeout: 20_000 },
    );
  }
  return page;
}

/** Runs axe-core (pinned in package.json) in the page with the WCAG 2.0/2.1 A and AA rules. */
async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  }, AXE_TAGS);
}

/**
 * Every control a keyboard user must reach, in document order, each marked with
 * data-a11y="<n>" so the focus walk can name it; and its unfocused outline and shadow.
 */
async function controls(page) {
  return page.evaluate(() => {
    const selector = [
      'a[href]', 'button:not([disabled])', 'input:not([disabled]):not([type="hidden"])', 'select:not([disabled])',
      'textarea:not([disabled])', 'summary', 'iframe', '[tabindex]', '[contenteditable="true"]',
    ].join(',');
    const found = [...document.querySelectorAll(selector)].filter(
      (el) => el.tabIndex >= 0 && el.checkVisibility({ visibilityProperty: true }) && !el.closest('[hidden], [inert]'),
    );
    return found.map((el, i) => {
      el.dataset.a11y = String(i);
      const style = getComputedStyle(el);
      return {
        n: i,
        name: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} “${(el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40)}”`,
        outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        shadow: style.boxShadow,
      };
    });
  });
}

/**
 * Records, for every element that receives focus, its data-a11y number (or a description) and how
 * its focus is drawn, into window.__focusLog: the walk then presses Tab without a round trip to
 * the page in between.
 */
async function logFocus(page) {
  await page.evaluate(() => {
    window.__focusLog = [];
    if (window.__focusLogging) return;
    window.__focusLogging = true;
    const rgb = (color) => (color.match(/[\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
      const lin = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    document.addEventListener('focusin', (event) => {
      const el = event.target;
      const style = getComputedStyle(el);
      // The colour the indicator is drawn against: the first opaque background outside the
      // element (an outline with an offset lies outside the element's own box).
      let background = [255, 255, 255];
      for (let node = el.parentElement; node; node = node.parentElement) {
        const c = rgb(getComputedStyle(node).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) {
          background = c.slice(0, 3);
          break;
        }
      }
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      const [hi, lo] = [luminance(rgb(style.outlineColor).slice(0, 3)), luminance(background)].sort((a, b) => b - a);
      const rect = el.getBoundingClientRect();
      window.__focusLog.push({
        n: el.dataset?.a11y ?? null,
        tag: el.tagName.toLowerCase(),
        id: el.id,
        className: String(el.className),
        outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        shadow: style.boxShadow,
        ring,
        contrast: ring ? (hi + 0.05) / (lo + 0.05) : 0,
        onScreen: rect.right > 0 && rect.bottom > 0 && rect.left < innerWidth + 1 && rect.width > 0 && rect.height > 0,
      });
    });
  });
}

/** What window.__focusLog recorded since the last logFocus(). */
const focusLog = (page) => page.evaluate(() => window.__focusLog);

/**
 * Puts the keyboard at the top of the document, as on a freshly loaded page: focuses an element
 * outside the tab order placed before everything else (the next Tab goes to the first control).
 */
async function fromTheTop(page) {
  await page.evaluate(() => {
    let start = document.getElementById('a11y-start');
    if (!start) {
      start = Object.assign(document.createElement('span'), { id: 'a11y-start', tabIndex: -1 });
      document.body.prepend(start);
    }
    start.focus();
  });
}

/**
 * Tabs through the page from the top: the skip link comes first, is shown when focused and moves
 * focus to <main>; then every control is reached, each with a visible focus indicator (an outline
 * of at least 2 px, or a box shadow, that it does not have unfocused, in a colour of at least 3:1
 * against the background around it: WCAG 2.4.7 and 1.4.11).
 */
async function checkKeyboard(page) {
  await fromTheTop(page);
  const all = await controls(page);
  assert.ok(all.length > 0, 'the page has controls');

  await logFocus(page);
  await page.keyboard.press('Tab');
  const [first] = await focusLog(page);
  assert.ok(first && /\bskip\b/.test(first.className), `the skip link is first in tab order, not ${JSON.stringify(first)}`);
  assert.ok(first.onScreen, 'the skip link is visible when focused');
  await page.keyboard.press('Enter');
  const target = await page.evaluate(() => ({ tag: document.activeElement.tagName, id: document.activeElement.id }));
  assert.deepEqual(target, { tag: 'MAIN', id: 'noi-dung' }, 'the skip link moves focus to <main>');

  // Every control, and one press more to leave the page.
  await fromTheTop(page);
  await logFocus(page);
  for (let presses = 0; presses <= all.length; presses++) await page.keyboard.press('Tab');
  const reached = new Set();
  const problems = [];
  for (const now of await focusLog(page)) {
    if (now.n === null) {
      problems.push(`focus reached an element that is not a known control: ${JSON.stringify(now)}`);
      continue;
    }
    if (reached.has(now.n)) break; // wrapped around
    reached.add(now.n);
    const before = all[Number(now.n)];
    const changed = now.outline !== before.outline || now.shadow !== before.shadow;
    const visible = (now.ring && now.contrast >= 3) || (now.shadow !== 'none' && now.shadow !== before.shadow);
    if (!changed || !visible) {
      problems.push(
        `${before.name}: no visible focus indicator (focused: outline ${now.outline}, shadow ${now.shadow}, ` +
          `contrast ${now.contrast.toFixed(2)}; unfocused: outline ${before.outline}, shadow ${before.shadow})`,
      );
    }
  }
  const missed = all.filter((c) => !reached.has(String(c.n))).map((c) => c.name);
  assert.deepEqual(missed, [], 'controls the keyboard never reached');
  assert.deepEqual(problems, [], 'focus indicators');
  return all.length;
}

/** Landmarks, language, tables, charts. */
async function checkStructure(page, entry) {
  const facts = await page.evaluate(() => {
    const text = (el) => (el?.textContent || '').replace(/\s+/g, ' ').trim();
    const named = (el) => {
      const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
      return ids.map((id) => text(document.getElementById(id))).join(' ').trim() || (el.getAttribute('aria-label') || '').trim();
    };
    return {
      lang: document.documentElement.lang,
      banner: document.querySelectorAll('body > header').length,
      nav: document.querySelectorAll('header nav[aria-label]').length,
      main: document.querySelectorAll('main').length,
      contentinfo: document.querySelectorAll('body > footer').length,
      h1: document.querySelectorAll('h1').length,
      tables: [...document.querySelectorAll('table')].map((table) => ({
        caption: text(table.querySelector(':scope > caption')),
        headers: table.querySelectorAll('th').length,
        unscoped: [...table.querySelectorAll('th')].filter((th) => !['col', 'row', 'colgroup', 'rowgroup'].includes(th.getAttribute('scope'))).length,
        rows: table.querySelectorAll('tbody tr').length,
      })),
      charts: [...document.querySelectorAll('svg')]
        .filter((svg) => svg.getAttribute('aria-hidden') !== 'true')
        .map((svg) => ({ role: svg.getAttribute('role'), name: named(svg), table: !!svg.closest('figure, section, main')?.querySelector('table') })),
    };
  });
  assert.equal(facts.lang, 'vi', 'html lang="vi"');
  assert.deepEqual(
    [facts.banner, facts.main, facts.contentinfo, facts.h1],
    [1, 1, 1, 1],
    'one banner header, one main, one footer, one h1',
  );
  assert.ok(facts.nav >= 1, 'a labelled navigation landmark');
  for (const [i, table] of facts.tables.entries()) {
    assert.ok(table.caption.length > 0, `table ${i + 1} has a caption`);
    assert.ok(table.headers > 0 && table.unscoped === 0, `table ${i + 1} (“${table.caption}”) has <th scope> headers`);
  }
  for (const chart of facts.charts) {
    assert.equal(chart.role, 'img', 'a chart is exposed as an image');
    assert.ok(chart.name.length > 10, `a chart has a text alternative: ${JSON.stringify(chart)}`);
  }
  if (entry.chart) {
    assert.ok(facts.charts.length >= 1, 'the indicator page has its chart');
    assert.ok(facts.tables.some((t) => t.rows > 0), 'the chart has an equivalent data table');
  }
  return facts;
}

/**
 * The print stylesheet, on an A4 page (794 px wide at 96 dpi, whatever the screen was):
 * navigation, search and skip link hidden; black text on white; link addresses printed after
 * links in the content; table rows kept on one page, headers repeated.
 */
async function checkPrint(page) {
  const screen = page.viewportSize();
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  try {
    const print = await page.evaluate(() => {
      const display = (selector) => [...document.querySelectorAll(selector)].map((el) => getComputedStyle(el).display);
      const body = getComputedStyle(document.body);
      const links = [...document.querySelectorAll('main a[href]')].filter((a) => !a.getAttribute('href').startsWith('#'));
      return {
        hidden: ['.site-header nav', '.tim-nhanh', '.skip', '.breadcrumbs', '.site-footer', '#tim-kiem'].flatMap(display),
        color: body.color,
        background: body.backgroundColor,
        main: getComputedStyle(document.querySelector('main')).color,
        links: links.length,
        linkUrls: links.filter((a) => getComputedStyle(a, '::after').content.includes(a.getAttribute('href'))).length,
        rows: [...document.querySelectorAll('tr')].map((tr) => getComputedStyle(tr).breakInside),
        heads: [...document.querySelectorAll('thead')].map((th) => getComputedStyle(th).display),
      };
    });
    assert.ok(print.hidden.length > 0 && print.hidden.every((d) => d === 'none'), `navigation, search, skip link hidden in print: ${print.hidden}`);
    assert.equal(print.color, 'rgb(0, 0, 0)', 'black text in print');
    assert.equal(print.main, 'rgb(0, 0, 0)', 'black text in print');
    assert.match(print.background, /^rgba?\(255, 255, 255|^rgba\(0, 0, 0, 0\)$/, 'white background in print');
    assert.equal(print.linkUrls, print.links, 'every link in the content prints its address');
    assert.ok(print.rows.every((b) => b === 'avoid'), 'table rows are not split across pages');
    assert.ok(print.heads.every((d) => d === 'table-header-group'), 'table headers repeat on every printed page');
  } finally {
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(screen);
  }
}

describe(`accessibility of every page kind (${ROOT_URL})`, () => {
  test('the checks catch what they look for (an image without text, faint text, no focus ring)', { timeout: TEST_TIMEOUT }, async () => {
    const page = await open(PAGES[0], VIEWPORTS.at(-1));
    try {
      await page.evaluate(() => {
        const main = document.querySelector('main');
        main.insertAdjacentHTML('beforeend', '<img src="data:,"><p style="color:#bbb">Chữ quá nhạt</p>');
      });
      const ids = (await axe(page)).map((v) => v.id).sort();
      assert.deepEqual(ids, ['color-contrast', 'image-alt']);
      await page.addStyleTag({ content: '*:focus-visible { outline: none !important; }' });
      await assert.rejects(checkKeyboard(page), /skip link is visible|focus indicator/);
    } finally {
      await page.context().close();
    }
  });

  for (const entry of PAGES) {
    test(`${entry.kind}: axe WCAG 2.1 AA, keyboard, landmarks, tables, charts, print`, { timeout: TEST_TIMEOUT * 2 }, async (t) => {
      for (const viewport of VIEWPORTS) {
        const page = await open(entry, viewport);
        try {
          const violations = await axe(page);
          t.diagnostic(`${entry.kind} @ ${viewport.width}px: ${violations.length} axe violations (${page.url()})`);
          assert.deepEqual(violations, [], `axe violations on ${page.url()} at ${viewport.width}px`);
          const facts = await checkStructure(page, entry);
          const count = await checkKeyboard(page);
          t.diagnostic(`${entry.kind} @ ${viewport.width}px: ${count} controls reached by Tab, ${facts.tables.length} tables, ${facts.charts.length} charts`);
          // Print does not depend on the screen: checked once.
          if (viewport === VIEWPORTS.at(-1)) await checkPrint(page);
          assertNoProblems(page, entry.status === 404 ? /404.*khong-co-trang-nay/ : SHARD_404);
        } finally {
          await page.context().close();
        }
      }
    });
  }
});
