// Measures what the first search query costs a reader, planportal's index against Pagefind's, on
// the same published site: bytes fetched (as served, and gzip-compressed as a compressing web
// server would send them) and time until results are shown, in Debian's headless Chromium.
//
// usage (see docs/benchmarks.md):
//   python3 -m http.server -d SITE 8900 &          # SITE built with --base-url http://127.0.0.1:8900/
//   npx pagefind --site SITE --output-subdir pagefind
//   node bench/search_transfer.mjs http://127.0.0.1:8900/ SITE "cai cach the che" "hai long" …
//
// playwright-core comes from tests/browser/node_modules (npm ci there).

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [base, site, ...queries] = process.argv.slice(2);
if (!base || !site || queries.length === 0) {
  console.error('usage: node bench/search_transfer.mjs BASE_URL SITE_DIR QUERY…');
  process.exit(2);
}

// A page that runs a Pagefind query the way its UI does: search, then load the data (title,
// excerpt) of the first 10 results, which is what planportal's page shows.
writeFileSync(
  join(site, 'pagefind-bench.html'),
  `<!DOCTYPE html><meta charset="utf-8"><title>pagefind</title><script type="module">
  const q = new URLSearchParams(location.search).get('q');
  const start = performance.now();
  const pagefind = await import('./pagefind/pagefind.js');
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  window.benchResult = { count: search.results.length, shown: data.length, ms: performance.now() - start };
  </script>`,
);

/** Bytes of the requests a page made (its workers included) whose URL contains a marker. */
function bytes(urls, markers) {
  let served = 0;
  let gzipped = 0;
  let requests = 0;
  for (const url of urls) {
    if (!markers.some((m) => url.includes(m))) continue;
    const path = decodeURIComponent(new URL(url).pathname).slice(new URL(base).pathname.length);
    const body = readFileSync(join(site, path));
    served += body.length;
    // Files already gzip-compressed on disk do not shrink further; a server sends them as they are.
    const isGzip = body[0] === 0x1f && body[1] === 0x8b;
    gzipped += isGzip ? body.length : Math.min(body.length, gzipSync(body, { level: 6 }).length);
    requests += 1;
  }
  return { served, gzipped, requests };
}

/** A fresh context (empty cache) recording every finished request. */
async function recording(browser) {
  const context = await browser.newContext();
  const urls = [];
  context.on('requestfinished', (request) => urls.push(request.url()));
  return { context, urls, page: await context.newPage() };
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const kb = (n) => (n / 1024).toFixed(1);
console.log('| query | engine | results | requests | served KB | gzip KB | time to results ms |');
console.log('|---|---|---|---|---|---|---|');
for (const query of queries) {
  // planportal: the search page with ?q=, as a shared link opens it.
  {
    const { context, urls, page } = await recording(browser);
    const start = Date.now();
    await page.goto(`${base}tim-kiem/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => {
      const status = document.querySelector('#so-ket-qua');
      return status && (document.querySelector('li.ket-qua a.tieu-de') || /Không tìm thấy/.test(status.textContent));
    }, null, { timeout: 60_000 });
    const ms = Date.now() - start;
    const status = (await page.textContent('#so-ket-qua')).trim();
    const cost = bytes(urls, ['/tim-kiem/chi-muc/', '/assets/search.js']);
    console.log(`| ${query} | planportal | ${status} | ${cost.requests} | ${kb(cost.served)} | ${kb(cost.gzipped)} | ${ms} |`);
    await context.close();
  }
  // Pagefind: its JS, WASM, index chunks and the fragments of the first 10 results.
  {
    const { context, urls, page } = await recording(browser);
    const start = Date.now();
    await page.goto(`${base}pagefind-bench.html?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => window.benchResult, null, { timeout: 120_000 });
    const ms = Date.now() - start;
    const result = await page.evaluate(() => window.benchResult);
    const cost = bytes(urls, ['/pagefind/']);
    console.log(`| ${query} | Pagefind 1.6 | ${result.count} | ${cost.requests} | ${kb(cost.served)} | ${kb(cost.gzipped)} | ${ms} |`);
    await context.close();
  }
}
await browser.close();
