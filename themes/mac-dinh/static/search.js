/* planportal – tìm kiếm ngay trên trình duyệt, không cần máy chủ.
 *
 * Client side of the static search index described in docs/search-index.md (version 1): tokenizing
 * and folding, shard choice (FNV-1a), varint decoding of shards and tiers, tier loading, candidate
 * intersection, BM25 + bigram scoring with exact-tone ordering, filters with counts, document chunks,
 * snippets and highlighting. No dependencies, no build step. Every text shown to citizens is Vietnamese;
 * text from the index only ever reaches the page through DOM text nodes (never innerHTML).
 */
(() => {
  'use strict';

  const app = document.getElementById('tim-kiem-app');
  if (!app) return;

  // ---- Constants of the contract and of the page -------------------------------------------------
  const K1 = 1.2;
  const PAGE_SIZE = 20;           // results rendered at once ("Xem thêm" adds the next 20)
  const ENOUGH = 100;             // stop loading tiers once this many candidates were found …
  const BUDGET = 1024 * 1024;     // … or once 1 MB of tier postings were loaded for the query
  const DEBOUNCE_MS = 150;
  const SLOW_MS = 200;            // show "Đang tải chỉ mục…" only when a search takes longer
  const SNIPPET = 160;            // snippet length in characters
  const AREA_NONE = 31;
  const KIND_VALUES = ['van-ban', 'chi-tieu', 'nhiem-vu', 'trang'];   // kind codes 0..3 in the URL
  const STALE = Symbol('stale');  // thrown to abandon a search overtaken by a newer one

  const indexUrl = new URL(app.dataset.index || 'chi-muc/', location.href);
  const base = app.dataset.base || '/';
  const $ = (id) => document.getElementById(id);
  const form = $('tim-kiem');
  const input = $('q');
  const status = $('so-ket-qua');
  const list = $('ket-qua');
  const more = $('xem-them');
  const selects = { xa: $('loc-xa'), 'linh-vuc': $('loc-linh-vuc'), loai: $('loc-loai'), nam: $('loc-nam') };
  const filterBox = form.querySelector('.bo-loc');
  const number = new Intl.NumberFormat('vi-VN');

  // ---- Tokenizing (identical to src/search, see the contract) ------------------------------------
  const TOKEN = /[\p{L}\p{N}\u0300-\u036f]+/gu;
  /** Exact forms: NFC, lowercase, maximal runs of letters/digits. */
  const tokenize = (text) => text.normalize('NFC').toLowerCase().match(TOKEN) || [];
  /** Folded form: drop tone and vowel marks, đ → d. Keeps the UTF-16 length for Vietnamese. */
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').normalize('NFC');

  /** Query terms: distinct folded unigrams, distinct folded bigrams of adjacent tokens. */
  function parseQuery(text) {
    const exact = tokenize(text);
    const folded = exact.map(fold);
    const bigrams = [];
    for (let i = 1; i < folded.length; i++) {
      const pair = folded[i - 1] + ' ' + folded[i];
      if (!bigrams.includes(pair)) bigrams.push(pair);
    }
    return { exact, folded, unigrams: [...new Set(folded)], bigrams, wanted: new Set(folded) };
  }

  // ---- Binary decoding ------------------------------------------------------------------------------
  const utf8 = new TextEncoder();
  const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

  /** 32-bit FNV-1a of the UTF-8 bytes of `text`. */
  function fnv1a(text) {
    let hash = 0x811c9dc5;
    for (const byte of utf8.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    return hash >>> 0;
  }

  /** Sequential reader over a shard or tier file (unsigned LEB128 varints, bytes, UTF-8 strings). */
  class Reader {
    constructor(buffer) { this.bytes = new Uint8Array(buffer); this.pos = 0; }
    u8() {
      if (this.pos >= this.bytes.length) throw new RangeError('chỉ mục bị cắt cụt');
      return this.bytes[this.pos++];
    }
    varint() {
      let value = 0;
      for (let scale = 1, shift = 0; shift < 53; scale *= 128, shift += 7) {
        const byte = this.u8();
        value += (byte & 0x7f) * scale;   // multiplication, not <<, so values above 2^31 stay positive
        if (!(byte & 0x80)) return value;
      }
      throw new RangeError('varint quá dài');
    }
    string() {
      const end = this.pos + this.varint();
      if (end > this.bytes.length) throw new RangeError('chỉ mục bị cắt cụt');
      const text = fromUtf8.decode(this.bytes.subarray(this.pos, end));
      this.pos = end;
      return text;
    }
    /** `count` postings: doc, impact, variant bits, kind << 5 | area, year offsets. */
    postings(count) {
      const out = new Array(count);
      for (let i = 0; i < count; i++) {
        const doc = this.varint(), impact = this.u8(), variants = this.u8(), kindArea = this.u8();
        out[i] = { doc, impact, variants, kind: kindArea >> 5, area: kindArea & 31, from: this.u8(), to: this.u8() };
      }
      return out;
    }
  }

  function addPostings(term, postings) {
    for (const p of postings) {
      term.postings.push(p);
      if (!term.byDoc.has(p.doc)) term.byDoc.set(p.doc, p);
    }
  }

  /** A shard: Map folded term → { key, df, variants, shard, index, tierCount, loadedTiers, … }. */
  function parseShard(buffer, shard) {
    const r = new Reader(buffer);
    const terms = new Map();
    const count = r.varint();
    for (let index = 0; index < count; index++) {
      const key = r.string();
      const df = r.varint();
      const variants = [];
      for (let v = r.u8(); v > 0; v--) variants.push(r.string());
      const tierCount = r.varint();
      const term = { key, df, variants, shard, index, tierCount, loadedTiers: 0, tierBytes: 0,
        postings: [], byDoc: new Map(), pending: [] };
      addPostings(term, r.postings(r.varint()));
      terms.set(key, term);
    }
    return terms;
  }

  // ---- Loading (every file fetched once; a failed fetch is forgotten so it can be retried) ---------
  const files = new Map();
  function fetchFile(path, type) {
    const url = new URL(path, indexUrl).href;
    if (!files.has(url)) {
      const promise = fetch(url).then((res) => {
        if (res.status === 404 && type === 'shard') return null;   // a shard without terms
        if (!res.ok) throw new Error(`HTTP ${res.status} ${url}`);
        return type === 'json' ? res.json() : res.arrayBuffer();
      });
      files.set(url, promise);
      promise.catch(() => files.delete(url));
    }
    return files.get(url);
  }

  let metaPromise = null;
  let meta = null;
  function loadMeta() {
    if (!metaPromise) {
      metaPromise = fetchFile('meta.json', 'json').then((m) => {
        if (m.version !== 1) throw new Error(`phiên bản chỉ mục ${m.version}`);
        meta = m;
        return m;
      });
      metaPromise.catch(() => { metaPromise = null; });
    }
    return metaPromise;
  }

  const shards = new Map();
  function loadShard(n) {
    if (!shards.has(n)) {
      const promise = fetchFile(`s/${n}.bin`, 'shard').then((buf) => (buf ? parseShard(buf, n) : new Map()));
      shards.set(n, promise);
      promise.catch(() => shards.delete(n));
    }
    return shards.get(n);
  }
  const lookup = async (term) => (await loadShard(fnv1a(term) % meta.shards)).get(term);

  /** Loads the next tier file of a term (t/<shard>-<index>-<tier>.bin) and appends its postings. */
  function loadNextTier(term) {
    const k = term.loadedTiers + 1;
    if (!term.pending[k]) {
      term.pending[k] = fetchFile(`t/${term.shard}-${term.index}-${k}.bin`, 'bin').then((buf) => {
        const r = new Reader(buf);
        addPostings(term, r.postings(r.varint()));
        term.loadedTiers = k;
        term.tierBytes += buf.byteLength;
      });
      term.pending[k].catch(() => { term.pending[k] = null; });
    }
    return term.pending[k];
  }

  const chunkOf = (doc) => Math.floor(doc / meta.chunk);
  const loadChunk = (n) => fetchFile(`d/${n}.json`, 'json');

  // ---- Query algorithm ------------------------------------------------------------------------------
  const idf = (df) => Math.log(1 + (meta.docs - df + 0.5) / (df + 0.5));
  const part = (impact) => (impact / 255) * (K1 + 1);

  /** Commune index of a document (communes are contiguous id ranges), or -1. */
  function communeOf(doc) {
    const communes = meta.communes;
    if (doc >= (meta.communeless ?? meta.docs)) return -1;
    let lo = 0, hi = communes.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (communes[mid][1] <= doc) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  /** Postings of the rarest unigram that occur in the loaded postings of every other unigram. */
  const intersect = ([first, ...rest]) => first.postings.filter((p) =>
    first.byDoc.get(p.doc) === p && rest.every((t) => t.byDoc.has(p.doc)));

  /** Runs a query; `alive()` turns false when a newer search started. */
  async function search(query, alive) {
    const check = () => { if (!alive()) throw STALE; };
    await loadMeta();
    check();
    const [uni, bi] = await Promise.all([Promise.all(query.unigrams.map(lookup)), Promise.all(query.bigrams.map(lookup))]);
    check();
    if (uni.some((t) => !t)) return { results: [], complete: true };
    const terms = uni.slice().sort((a, b) => a.df - b.df);
    let found = intersect(terms);
    for (;;) {
      const incomplete = terms.filter((t) => t.loadedTiers < t.tierCount);
      const bytes = terms.reduce((sum, t) => sum + t.tierBytes, 0);
      if (!incomplete.length || found.length >= ENOUGH || bytes >= BUDGET) break;
      await loadNextTier(incomplete[0]);   // the incomplete unigram with the smallest df
      check();
      found = intersect(terms);
    }
    const byKey = new Map(uni.map((t) => [t.key, t]));
    const bigrams = bi.filter(Boolean);
    const results = found.map((p) => {
      let score = 0;
      for (const t of terms) score += idf(t.df) * part(t.byDoc.get(p.doc).impact);
      for (const b of bigrams) {
        const bp = b.byDoc.get(p.doc);
        if (bp) score += 0.5 * idf(b.df) * part(bp.impact);
      }
      let exact = 0;
      query.exact.forEach((token, i) => {
        const t = byKey.get(query.folded[i]);
        const v = t.variants.indexOf(token);
        if (v >= 0 && (t.byDoc.get(p.doc).variants >> v) & 1) exact++;
      });
      return { doc: p.doc, score, exact, kind: p.kind, area: p.area, from: p.from, to: p.to, commune: communeOf(p.doc) };
    });
    results.sort((a, b) => b.exact - a.exact || b.score - a.score || a.doc - b.doc);
    return { results, complete: terms.every((t) => t.loadedTiers >= t.tierCount) };
  }

  // ---- Filters --------------------------------------------------------------------------------------
  const filters = { xa: '', 'linh-vuc': '', loai: '', nam: '' };

  /** The filter menus' possible values: [value, label, test(result)]. */
  function filterValues(name) {
    if (name === 'xa') return meta.communes.map(([label], i) => [String(i), label, (r) => r.commune === i]);
    if (name === 'linh-vuc') return meta.areas.map((a, i) => [a.id, a.name, (r) => i < AREA_NONE && r.area === i]);
    if (name === 'loai') return meta.kinds.map((label, i) => [KIND_VALUES[i] || String(i), label, (r) => r.kind === i]);
    const values = [];
    for (let y = meta.years[1]; y >= meta.years[0]; y--) {
      const offset = y - meta.year_base;
      values.push([String(y), String(y), (r) => r.from <= offset && offset <= r.to]);
    }
    return values;
  }

  /** Rebuilds the menus: with counts among the unfiltered candidates, or every value when idle. */
  function fillMenus(results) {
    for (const [name, select] of Object.entries(selects)) {
      const options = [new Option('Tất cả', '')];
      for (const [value, label, test] of filterValues(name)) {
        if (!results) { options.push(new Option(label, value)); continue; }
        const count = results.reduce((n, r) => n + (test(r) ? 1 : 0), 0);
        if (count > 0 || value === filters[name]) options.push(new Option(`${label} (${number.format(count)})`, value));
      }
      select.replaceChildren(...options);
      select.value = filters[name];
      if (select.value !== filters[name]) filters[name] = select.value = '';
    }
  }

  function applyFilters(results) {
    const tests = Object.keys(selects).filter((name) => filters[name] !== '')
      .map((name) => filterValues(name).find(([value]) => value === filters[name])[2]);
    return results.filter((r) => tests.every((test) => test(r)));
  }

  // ---- Snippets and highlighting -------------------------------------------------------------------
  /** Token matches of the query in `text`: [{start, end, key}] (compared folded, on token boundaries). */
  function matches(text, wanted) {
    const out = [];
    for (const m of text.matchAll(TOKEN)) {
      const key = fold(m[0].toLowerCase());
      if (wanted.has(key)) out.push({ start: m.index, end: m.index + m[0].length, key });
    }
    return out;
  }

  /** The window of about SNIPPET characters with the most matches (distinct words first). */
  function snippet(text, wanted) {
    if (text.length <= SNIPPET) return text;
    const hits = matches(text, wanted);
    let best = null;
    for (let i = 0; i < hits.length; i++) {
      const keys = new Set();
      let j = i;
      for (; j < hits.length && hits[j].end - hits[i].start <= SNIPPET; j++) keys.add(hits[j].key);
      const score = keys.size * 1000 + (j - i);
      if (!best || score > best.score) best = { score, from: hits[i].start, to: hits[Math.max(i, j - 1)].end };
    }
    let start = 0;
    if (best) start = Math.max(0, Math.min(best.from - Math.floor((SNIPPET - (best.to - best.from)) / 2), text.length - SNIPPET, best.from));
    let end = Math.min(text.length, start + SNIPPET);
    // Do not cut words: move the edges to the nearest space, never past a highlighted match.
    if (start > 0) {
      const space = text.indexOf(' ', start);
      if (space !== -1 && space < (best ? best.from : start + 30)) start = space + 1;
    }
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > (best ? best.to : end - 30)) end = space;
    }
    return (start > 0 ? '… ' : '') + text.slice(start, end).trim() + (end < text.length ? ' …' : '');
  }

  /** A fragment of text nodes with every query-token match wrapped in <mark>. */
  function highlight(text, wanted) {
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const { start, end } of matches(text, wanted)) {
      if (start > last) fragment.append(text.slice(last, start));
      const mark = document.createElement('mark');
      mark.textContent = text.slice(start, end);
      fragment.append(mark);
      last = end;
    }
    fragment.append(text.slice(last));
    return fragment;
  }

  function element(tag, className, ...children) {
    const node = document.createElement(tag);
    node.className = className;
    node.append(...children);
    return node;
  }

  function renderResult(doc, wanted) {
    const [title, url, text, kind, , commune] = doc;
    const link = element('a', 'tieu-de', highlight(title.normalize('NFC'), wanted));
    link.href = base + String(url).replace(/^\/+/, '');
    const item = element('li', 'ket-qua', link);
    if (text) item.append(element('p', 'trich', highlight(snippet(text.normalize('NFC'), wanted), wanted)));
    const source = [meta.kinds[kind], commune >= 0 && meta.communes[commune] ? meta.communes[commune][0] : null];
    item.append(element('p', 'nguon', source.filter(Boolean).join(' · ')));
    return item;
  }

  // ---- Page state and rendering ---------------------------------------------------------------------
  let searchSeq = 0;      // increases with every new search: results of older searches are dropped
  let renderSeq = 0;      // increases with every new rendering (search, filter change, clearing)
  let current = null;     // { text, query, results, complete, shown, rendered, busy }
  let debounce = 0;

  const quoted = (text) => `“${text.trim()}”`;

  function say(message) {
    status.textContent = message;
  }

  function sayCount() {
    const { text, results, shown, complete } = current;
    const total = number.format(results.length);
    if (!results.length) {
      say(`Không tìm thấy kết quả nào cho ${quoted(text)}. Hãy thử từ khóa khác, ngắn hơn hoặc kiểm tra chính tả.`);
      return;
    }
    const filtered = Object.values(filters).some((v) => v !== '');
    if (!shown.length) {
      say(`Không có kết quả nào cho ${quoted(text)} khớp với bộ lọc đã chọn. Chọn “Tất cả” ở các bộ lọc để xem ${complete ? '' : 'hơn '}${total} kết quả.`);
      return;
    }
    const count = `${complete ? '' : 'hơn '}${number.format(shown.length)}`;
    let message = `Tìm thấy ${count} kết quả cho ${quoted(text)}${filtered ? ` theo bộ lọc đã chọn (trong tổng số ${complete ? '' : 'hơn '}${total})` : ''}.`;
    if (current.rendered < shown.length) message += ` Đang hiển thị ${number.format(current.rendered)} kết quả đầu tiên.`;
    say(message);
  }

  function writeUrl() {
    const params = new URLSearchParams();
    const text = input.value.trim();
    if (text) params.set('q', text);
    for (const [name, value] of Object.entries(filters)) if (value !== '') params.set(name, value);
    const search = params.toString();
    history.replaceState(history.state, '', location.pathname + (search ? `?${search}` : ''));
  }

  /** Renders the next PAGE_SIZE results of `current.shown`; focuses the first new one if asked. */
  async function showMore(focus) {
    if (current.busy) return;   // a second click while the previous batch loads
    const my = renderSeq;
    const batch = current.shown.slice(current.rendered, current.rendered + PAGE_SIZE);
    current.busy = true;
    let chunks;
    try {
      chunks = await Promise.all([...new Set(batch.map((r) => chunkOf(r.doc)))].map(async (n) => [n, await loadChunk(n)]));
    } finally {
      if (my === renderSeq) current.busy = false;
    }
    if (my !== renderSeq) return;
    const byChunk = new Map(chunks);
    const items = batch.map((r) => {
      const doc = byChunk.get(chunkOf(r.doc))[r.doc % meta.chunk];
      return doc ? renderResult(doc, current.query.wanted) : null;
    }).filter(Boolean);
    list.append(...items);
    current.rendered += batch.length;
    more.hidden = current.rendered >= current.shown.length;
    list.hidden = list.children.length === 0;
    sayCount();
    if (focus && items.length) items[0].querySelector('a').focus();
  }

  /** Applies the filters to the current results and renders the first page. */
  async function render() {
    const my = ++renderSeq;
    current.shown = applyFilters(current.results);
    current.rendered = 0;
    current.busy = false;
    list.replaceChildren();
    list.hidden = true;
    more.hidden = true;
    writeUrl();
    try {
      await showMore(false);
    } catch (error) {
      if (my === renderSeq) failed(error);
    }
  }

  function clear() {
    ++searchSeq;
    ++renderSeq;
    current = null;
    list.replaceChildren();
    list.hidden = true;
    more.hidden = true;
    list.removeAttribute('aria-busy');
    say('');
    if (meta) fillMenus(null);
    writeUrl();
  }

  function failed(error) {
    if (error === STALE) return;
    console.error('planportal – tìm kiếm:', error);
    list.removeAttribute('aria-busy');
    say(meta
      ? 'Không tải được dữ liệu tìm kiếm. Vui lòng kiểm tra kết nối mạng rồi thử lại.'
      : 'Không tải được chỉ mục tìm kiếm. Vui lòng tải lại trang hoặc thử lại sau.');
  }

  /** Starts a search for the input's text; results of older searches are ignored. */
  async function run() {
    clearTimeout(debounce);
    const text = input.value;
    const query = parseQuery(text);
    if (!query.unigrams.length) { clear(); return; }
    const my = ++searchSeq;
    const slow = setTimeout(() => { if (my === searchSeq) say('Đang tải chỉ mục…'); }, SLOW_MS);
    list.setAttribute('aria-busy', 'true');
    try {
      const { results, complete } = await search(query, () => my === searchSeq);
      if (my !== searchSeq) return;
      current = { text, query, results, complete, shown: [], rendered: 0 };
      fillMenus(results);
      await render();
    } catch (error) {
      if (my === searchSeq) failed(error);
    } finally {
      clearTimeout(slow);
      if (my === searchSeq) list.removeAttribute('aria-busy');
    }
  }

  // ---- Events ---------------------------------------------------------------------------------------
  input.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(run, DEBOUNCE_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();   // the page itself is the search page: search in place
    run();
  });
  for (const [name, select] of Object.entries(selects)) {
    select.addEventListener('change', () => {
      filters[name] = select.value;
      if (current) render(); else writeUrl();
    });
  }
  more.addEventListener('click', () => {
    showMore(true).catch(failed);
  });

  // ---- Start: read the query and filters from the address, load the index description --------------
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  for (const name of Object.keys(filters)) filters[name] = params.get(name) || '';
  list.hidden = true;
  loadMeta().then(() => {
    if (!current) fillMenus(null);
    if (filterBox) filterBox.hidden = false;
  }, (error) => failed(error));
  if (input.value.trim()) run();
})();
