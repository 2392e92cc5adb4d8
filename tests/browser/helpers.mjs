// Shared helpers of the browser tests. The Rust harness (tests/browser.rs) builds the example
// portal, serves it and passes the addresses in the environment:
//   PLANPORTAL_ROOT_URL     the portal published at the root of a host, e.g. http://127.0.0.1:41234/
//   PLANPORTAL_SUBPATH_URL  the portal published under a sub-path, e.g. http://127.0.0.1:41235/xa/cchc/
//   PLANPORTAL_REPO         the repository root (the example portal's sources)
//   PLANPORTAL_CHROMIUM     the browser (Debian's /usr/bin/chromium)

export { CHROMIUM, launch } from './chromium.mjs';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

function required(name) {
  const value = process.env[name];
  assert.ok(value, `${name} is not set: run the browser tests through \`cargo test --test browser\``);
  return value;
}

export const ROOT_URL = required('PLANPORTAL_ROOT_URL');
export const SUBPATH_URL = required('PLANPORTAL_SUBPATH_URL');
export const SUBPATH = new URL(SUBPATH_URL).pathname; // "/xa/cchc/"
export const REPO = process.env.PLANPORTAL_REPO || fileURLToPath(new URL('../../', import.meta.url));

/** Both published copies of the portal. */
export const SITES = [
  { name: 'root', base: ROOT_URL },
  { name: 'sub-path', base: SUBPATH_URL },
];

/** Per-test limit (ms). */
export const TEST_TIMEOUT = 90_000;

/**
 * A fresh page in a fresh context. Every page error and every failed request to the test server is
 * recorded in `page.problems` so tests can assert there were none.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'vi-VN', ...options });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const where = message.location()?.url;
      page.problems.push(`console error: ${message.text()}${where ? ` (${where})` : ''}`);
    }
  });
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    // A request the page or a navigation cancelled (ERR_ABORTED) is not a failure of the site.
    if (!/ERR_ABORTED/.test(error)) page.problems.push(`request failed: ${request.url()} (${error})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) page.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return page;
}

/**
 * Asserts a page logged no error and every request it made succeeded, but for problems matching
 * `ignore` (a RegExp).
 */
export function assertNoProblems(page, ignore = null) {
  const problems = page.problems.filter((problem) => !(ignore && ignore.test(problem)));
  assert.deepEqual(problems, [], `problems on ${page.url()}`);
}

/** Every Markdown file under content/, with its path relative to content/ ("a/b/c.md"). */
export function contentFiles() {
  const root = join(REPO, 'content');
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) {
        files.push({ path, relative: relative(root, path).split(sep).join('/'), text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(root);
  return files;
}

/** The plans of the example portal: front matter (as text) and body, and the plan's site path. */
export function plans() {
  return contentFiles()
    .filter((file) => !file.relative.endsWith('_index.md'))
    .map((file) => {
      const match = file.text.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/);
      assert.ok(match, `${file.relative} has front matter`);
      return {
        file: file.relative,
        // Output path of a plan: its source path without ".md" (see docs/content-model.md).
        path: file.relative.replace(/\.md$/, '/'),
        frontMatter: match[1],
        body: match[2],
      };
    });
}

/** Markdown headings of a body (ATX style), outside fenced code. */
export function headings(body) {
  const out = [];
  let fenced = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const match = !fenced && line.match(/^(#{1,6})\s+(.*?)\s*#*\s*$/);
    if (match) out.push({ level: match[1].length, text: match[2] });
  }
  return out;
}

/** Folds Vietnamese like docs/search-index.md: lowercase, no tone marks, đ → d. */
export function fold(text) {
  return text
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .normalize('NFC');
}

/**
 * The items of a top-level list of a plan's front matter (`targets:`, `tasks:`), as objects of
 * their scalar fields (strings, quotes removed; nested lists are skipped). A small reader for the
 * block-style YAML the example plans use: an item starts with "  - key: value" (or "- key: value"),
 * its fields continue at the item's indentation plus two; keys may be quoted ('no': '1').
 */
export function frontMatterList(frontMatter, key) {
  const lines = frontMatter.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trimEnd() === `${key}:`);
  if (start < 0) return [];
  const unquote = (value) => {
    const v = value.trim();
    if (/^".*"$/.test(v)) return JSON.parse(v);
    if (/^'.*'$/.test(v)) return v.slice(1, -1).replace(/''/g, "'");
    return v;
  };
  const field = (text) => text.match(/^(['"]?)([\w-]+)\1:\s*(.*)$/);
  const items = [];
  let fieldIndent = -1;
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break; // the next top-level key
    const item = line.match(/^( *)- (.*)$/);
    if (item && (fieldIndent < 0 || item[1].length === fieldIndent - 2)) {
      fieldIndent = item[1].length + 2;
      items.push({});
      const f = field(item[2]);
      if (f) items.at(-1)[f[2]] = unquote(f[3]);
      continue;
    }
    const indent = line.match(/^ */)[0].length;
    const f = indent === fieldIndent && field(line.trim());
    if (f && items.length) items.at(-1)[f[2]] = unquote(f[3]);
  }
  return items;
}
