/* planportal – tìm kiếm ngay trên trình duyệt, không cần máy chủ.
 *
 * Client side of the static search index described in docs/search-index.md (version 2): tokenizing
 * and folding, shard choice (FNV-1a), gzip inflating, varint decoding of shards and tiers, tier
 * loading, candidate intersection, BM25 + bigram scoring with exact-tone ordering, filters with counts
 * (commune table and year blocks loaded only when those filters are used), document chunks, snippets
 * and highlighting; a delta segment (a preview's edits since the index was built) merged in when
 * meta.json points at one. No dependencies, no build step. Every text shown to citizens is Vietnamese;
 * text from the index only ever reaches the page through DOM text nodes (never innerHTML).
 */
(() => {
  'use strict';

  const app = document.getElementById('tim-kiem-app');
  if (!app) return;

  // ---- Constants of the contract and of the page -------------------------------------------------
  const K1 = 1.2;
  const PAIR_WEIGHT = 2;          // syllables adjacent as typed ("địa bàn") outrank the same syllables apart
  const VERSION = 2;              // the index format this client reads
  const PAGE_SIZE = 10;           // results rendered at once ("Xem thêm" adds the next 10)
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
  const TOKEN = /[\p{Alphabetic}\p{N}\u0300-\u036f]+/gu;   // Rust: char::is_alphanumeric + marks
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
      const length = this.varint();   // read first: it advances this.pos
      if (this.pos + length > this.bytes.length) throw new RangeError('chỉ mục bị cắt cụt');
      return fromUtf8.decode(this.bytes.subarray(this.pos, (this.pos += length)));
    }
    /** A posting list: count, then postings by increasing doc id (delta-coded), impact, variant
     *  bits (unigrams only), kind << 5 | area. */
    postings(withVariants) {
      const out = new Array(this.varint());
      for (let i = 0, doc = 0; i < out.length; i++) {
        doc += this.varint();
        const impact = this.u8(), variants = withVariants ? this.u8() : 0, kindArea = this.u8();
        out[i] = { doc, impact, variants, kind: kindArea >> 5, area: kindArea & 31 };
      }
      return out;
    }
  }

  /** Adds postings to a term, leaving out the base documents a delta replaced (each one left out
   *  no longer counts in the term's df). */
  function addPostings(term, postings) {
    for (const p of postings) {
      if (dead(p.doc)) term.df--;
      else if (!term.byDoc.has(p.doc)) { term.postings.push(p); term.byDoc.set(p.doc, p); }
    }
  }

  /** A shard: Map folded term → { key, df, variants, shard, index, tierCount, loadedTiers, … }.
   *  In a delta shard, document ids are offset by the base's meta.docs and each posting keeps the
   *  delta term's exact forms (`forms`), which its variant bits refer to. */
  function parseShard(buffer, shard, inDelta) {
    const r = new Reader(buffer);
    const terms = new Map();
    for (let index = 0, count = r.varint(); index < count; index++) {
      const key = r.string(), df = r.varint(), variants = [];
      for (let v = r.u8(); v > 0; v--) variants.push(r.string());
      const tierCount = r.varint();
      const term = { key, df, variants, shard, index, tierCount, loadedTiers: 0, tierBytes: 0,
        postings: [], byDoc: new Map(), pending: new Map(), inDelta };
      const postings = r.postings(variants.length > 0);
      if (inDelta) for (const p of postings) { p.doc += meta.docs; p.forms = variants; }
      addPostings(term, postings);
      terms.set(key, term);
    }
    return terms;
  }

  // ---- Loading (every file fetched once; a failed fetch is forgotten so it can be retried) ---------
  // Every file but meta.json is gzip-compressed at build time, whatever the server does. The body is
  // read to the end before inflating: piping the network stream itself lets Chromium cancel the
  // request once the gzip trailer is seen (reported as net::ERR_ABORTED). Files are small.
  const gunzip = async (res) => new Response(
    new Blob([await res.arrayBuffer()]).stream().pipeThrough(new DecompressionStream('gzip')));

  /** The promise `make()` cached under `key`; a failed one is forgotten, so it is retried later. */
  function once(cache, key, make) {
    if (!cache.has(key)) {
      const promise = make();
      cache.set(key, promise);
      promise.catch(() => cache.delete(key));
    }
    return cache.get(key);
  }

  const files = new Map();
  /** type: 'meta' (plain JSON), 'json' (gzip JSON), 'bin' (gzip bytes), 'shard' (same, 404 = empty). */
  function fetchFile(path, type) {
    const url = new URL(path, indexUrl).href;
    return once(files, url, () => fetch(url).then(async (res) => {
      // Read error bodies to the end: an unread body would leave the request aborted, not finished.
      if (res.status === 404 && type === 'shard') return res.arrayBuffer().then(() => null);   // no terms
      if (!res.ok) {
        await res.arrayBuffer();
        throw new Error(`HTTP ${res.status} ${url}`);
      }
      if (type === 'meta') return res.json();
      const inflated = await gunzip(res);
      return type === 'json' ? inflated.json() : inflated.arrayBuffer();
    }));
  }

  let meta = null;
  // The delta segment when meta.json names one (a preview's edits): its meta.json, with
  // `tombstones` as [from, to) ranges of base ids. Its files are fetched with ?v=<version>, so a
  // browser never mixes two deltas.
  let delta = null;
  let docCount = 0;   // N of the idf: base documents not replaced, plus delta documents
  const deltaPath = (path) => `delta/${path}?v=${encodeURIComponent(meta.delta)}`;
  const loaded = new Map();
  const loadMeta = () => once(loaded, 'meta', () => fetchFile('meta.json', 'meta').then(async (m) => {
    if (m.version !== VERSION) throw new Error(`phiên bản chỉ mục ${m.version}, cần ${VERSION}`);
    meta = m;
    docCount = m.docs;
    if (m.delta) {
      const d = await fetchFile(deltaPath('meta.json'), 'meta');
      docCount += d.docs - d.tombstoned;
      if (d.years) meta.years = m.years ? [Math.min(m.years[0], d.years[0]), Math.max(m.years[1], d.years[1])] : d.years;
      delta = d;
    }
  }));
  /** Whether base document `doc` was replaced by the delta (binary search of the tombstones). */
  function dead(doc) {
    if (!delta || doc >= meta.docs) return false;
    let lo = 0, hi = delta.tombstones.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [from, to] = delta.tombstones[mid];
      if (doc < from) hi = mid - 1; else if (doc >= to) lo = mid + 1; else return true;
    }
    return false;
  }
  const loadShard = (n) => once(loaded, `s${n}`, () =>
    fetchFile(`s/${n}.bin`, 'shard').then((buf) => (buf ? parseShard(buf, n, false) : new Map())));
  const loadDeltaShard = (n) => once(loaded, `delta-s${n}`, () =>
    fetchFile(deltaPath(`s/${n}.bin`), 'shard').then((buf) => (buf ? parseShard(buf, n, true) : new Map())));
  /** A term of the base index with its delta postings merged in (once), or the delta's term. */
  async function lookup(term) {
    const [own, added] = await Promise.all([loadShard(fnv1a(term) % meta.shards).then((m) => m.get(term)),
      delta ? loadDeltaShard(fnv1a(term) % delta.shards).then((m) => m.get(term)) : null]);
    if (!own || !added) return own || added;
    if (!own.merged) {
      own.merged = true;
      own.df += added.df;
      addPostings(own, added.postings);
    }
    return own;
  }

  /** Loads the next tier file of a term (t/<shard>-<index>-<tier>.bin) and appends its postings. */
  function loadNextTier(term) {
    const k = term.loadedTiers + 1;
    return once(term.pending, k, () => fetchFile(`t/${term.shard}-${term.index}-${k}.bin`, 'bin').then((buf) => {
      addPostings(term, new Reader(buf).postings(term.variants.length > 0));
      term.loadedTiers = k;
      term.tierBytes += buf.byteLength;
    }));
  }

  /** Where a document's record is among files of `size` records each (`<dir>/<n>.bin`): base ids
   *  in the base index, ids from meta.docs on in the delta segment. */
  function place(doc, size, dir) {
    const local = doc < meta.docs ? doc : doc - meta.docs;
    const file = `${dir}/${Math.floor(local / size)}.bin`;
    return { file: doc < meta.docs ? file : deltaPath(file), at: local % size };
  }

  // Commune table and year blocks: only needed by the commune and year filters.
  let communes = null;   // [[name, first id], …] once c.bin is loaded
  const loadCommunes = () => fetchFile('c.bin', 'json').then((table) => { communes = table; });
  const yearBlocks = new Map();   // file → Uint8Array (first, last year offset per document)
  const loadYears = (docs) => Promise.all([...new Set(docs.map((d) => place(d, meta.year_block, 'y').file))]
    .map((file) => fetchFile(file, 'bin').then((buf) => { yearBlocks.set(file, new Uint8Array(buf)); })));

  // ---- Query algorithm ------------------------------------------------------------------------------
  const idf = (df) => Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
  const part = (impact) => (impact / 255) * (K1 + 1);

  /** The last entry of `ranges` ([value, first id], by first id) whose first id is ≤ `doc`. */
  function rangeOf(ranges, doc) {
    let lo = 0, hi = ranges.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid][1] <= doc) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  /** Commune index of a document (communes are contiguous id ranges), or -1. Needs c.bin. A delta
   *  document's commune comes from the delta's own ranges (communes new to the delta follow those
   *  of c.bin). */
  function communeOf(doc) {
    if (doc >= meta.docs) {
      const found = rangeOf(delta.communes, doc - meta.docs);
      return found < 0 ? -1 : delta.communes[found][0];
    }
    return doc >= meta.communeless ? -1 : rangeOf(communes, doc);
  }

  /** Postings of the rarest term of `lists` that occur in the loaded postings of every other one. */
  const intersect = ([first, ...rest]) => first.postings.filter((p) => rest.every((t) => t.byDoc.has(p.doc)));
  const tierBytes = (lists) => lists.reduce((sum, t) => sum + t.tierBytes, 0);

  /**
   * Intersects `lists` (sorted by df), loading further tiers of the rarest incomplete list until
   * there are ENOUGH documents, every list is complete, or `budget` bytes of tiers were loaded.
   */
  async function gather(lists, budget, check) {
    let found = intersect(lists);
    for (;;) {
      const incomplete = lists.filter((t) => t.loadedTiers < t.tierCount);
      if (!incomplete.length || found.length >= ENOUGH || tierBytes(lists) >= budget) break;
      await loadNextTier(incomplete[0]);
      check();
      found = intersect(lists);
    }
    return found;
  }

  /** Runs a query; `alive()` turns false when a newer search started. */
  async function search(query, alive) {
    const check = () => { if (!alive()) throw STALE; };
    await loadMeta();
    check();
    const [uni, bi] = await Promise.all([Promise.all(query.unigrams.map(lookup)), Promise.all(query.bigrams.map(lookup))]);
    check();
    if (uni.some((t) => !t)) return { results: [], complete: true, atLeast: 0 };
    const terms = uni.slice().sort((a, b) => a.df - b.df);
    // Cheapest first: the bigrams of the query that exist (far shorter lists than common syllables:
    // "cải cách" against "cải", "cách"), with the syllables no such bigram covers. Documents in all
    // of them hold every syllable, mostly adjacent as typed: the best results. Then, if that found
    // too few, documents holding every syllable anywhere.
    const pairs = bi.filter(Boolean);
    const covered = new Set(pairs.flatMap((b) => b.key.split(' ')));
    const cover = [...pairs, ...terms.filter((t) => !covered.has(t.key))].sort((a, b) => a.df - b.df);
    const near = pairs.length ? await gather(cover, BUDGET / 2, check) : [];
    const spread = await gather(terms, near.length >= ENOUGH ? 0 : BUDGET, check);
    const found = new Map();
    for (const p of [...near, ...spread]) if (!found.has(p.doc)) found.set(p.doc, p);
    const complete = terms.every((t) => t.loadedTiers >= t.tierCount);
    // A known lower bound when the lists are not all loaded: a one-syllable query matches exactly
    // its df; a two-syllable one at least the documents holding the pair.
    const atLeast = Math.max(found.size, terms.length === 1 ? terms[0].df : 0,
      terms.length === 2 && pairs.length === 1 ? pairs[0].df : 0);
    const byKey = new Map(uni.map((t) => [t.key, t]));
    const bigrams = bi.filter(Boolean);
    const results = [...found.values()].map((p) => {
      let score = 0;
      // A syllable known only through a bigram that contains it scores with that bigram's weight.
      const viaPair = (t) => Math.max(0, ...bigrams.filter((b) => b.key.split(' ').includes(t.key))
        .map((b) => (b.byDoc.get(p.doc) || { impact: 0 }).impact));
      for (const t of terms) {
        const own = t.byDoc.get(p.doc);
        score += idf(t.df) * part(own ? own.impact : viaPair(t));
      }
      for (const b of bigrams) {
        const bp = b.byDoc.get(p.doc);
        if (bp) score += PAIR_WEIGHT * idf(b.df) * part(bp.impact);
      }
      let exact = 0;
      query.exact.forEach((token, i) => {
        const t = byKey.get(query.folded[i]);
        const own = t.byDoc.get(p.doc);
        const v = ((own && own.forms) || t.variants).indexOf(token);   // a delta posting has its own forms
        if (own && v >= 0 && (own.variants >> v) & 1) exact++;
      });
      return { doc: p.doc, score, exact, kind: p.kind, area: p.area };
    });
    results.sort((a, b) => b.exact - a.exact || b.score - a.score || a.doc - b.doc);
    return { results, complete, atLeast };
  }

  // ---- Filters --------------------------------------------------------------------------------------
  const filters = { xa: '', 'linh-vuc': '', loai: '', nam: '' };
  // Kind and area come with every posting. The commune and year filters need c.bin and the year blocks:
  // they are loaded once the reader turns to that filter (pointer over it, focus, a choice) or the
  // address asks for it, and from then on for every search.
  const wanted = { xa: false, nam: false };

  const hasYears = (results) => results.every((r) => yearBlocks.has(place(r.doc, meta.year_block, 'y').file));
  /** First and last year of a document, as offsets from year_base. Needs its year block. */
  function yearsOf(doc) {
    const { file, at } = place(doc, meta.year_block, 'y');
    const block = yearBlocks.get(file);
    return [block[at * 2], block[at * 2 + 1]];
  }

  /** Loads what the wanted filters need: c.bin, and the year blocks of `results` (if any). */
  const loadFilterData = (results) => Promise.all([
    wanted.xa && !communes ? loadCommunes() : null,
    wanted.nam && results ? loadYears(results.map((r) => r.doc)) : null,
  ]);

  /** The values of a filter menu: [value, label, test(result)]. */
  function filterValues(name) {
    if (name === 'xa') {
      const labels = communes ? [...communes.map(([label]) => label), ...(delta ? delta.new_communes : [])] : [];
      return labels.map((label, i) => [String(i), label, (r) => communeOf(r.doc) === i]);
    }
    if (name === 'linh-vuc') return meta.areas.map((a, i) => [a.id, a.name, (r) => i < AREA_NONE && r.area === i]);
    if (name === 'loai') return meta.kinds.map((label, i) => [KIND_VALUES[i] || String(i), label, (r) => r.kind === i]);
    const values = [];
    const [first, last] = meta.years || [1, 0];   // years is null when no document has one
    for (let y = first; y <= last; y++) {
      const offset = y - meta.year_base;
      values.push([String(y), String(y), (r) => { const [from, to] = yearsOf(r.doc); return from <= offset && offset <= to; }]);
    }
    return values;
  }

  /** Rebuilds one menu: the values present among the unfiltered candidates with their counts, or every
   *  value (without counts) when there is no search or the counts need files not loaded. */
  function fillMenu(name, results) {
    const counted = results && (name === 'xa' ? communes !== null : name === 'nam' ? hasYears(results) : true);
    const options = [new Option('Tất cả', '')];
    for (const [value, label, test] of filterValues(name)) {
      if (!counted) { options.push(new Option(label, value)); continue; }
      const count = results.reduce((n, r) => n + (test(r) ? 1 : 0), 0);
      if (count > 0 || value === filters[name]) options.push(new Option(`${label} (${number.format(count)})`, value));
    }
    const select = selects[name];
    select.replaceChildren(...options);
    select.value = filters[name];
    if (select.value !== filters[name]) filters[name] = select.value = '';   // unknown value in the URL
  }
  const fillMenus = (results) => Object.keys(selects).forEach((name) => fillMenu(name, results));

  function applyFilters(results) {
    const tests = Object.keys(selects).filter((name) => filters[name] !== '')
      .map((name) => filterValues(name).find(([value]) => value === filters[name])?.[2]).filter(Boolean);
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

  const element = (tag, className, ...children) => {
    const node = Object.assign(document.createElement(tag), { className });
    node.append(...children);
    return node;
  };

  function renderResult(doc, wanted) {
    const [title, url, text, kind, , , communeName] = doc;
    const link = element('a', 'tieu-de', highlight(title.normalize('NFC'), wanted));
    link.href = base + String(url).replace(/^\/+/, '');
    const item = element('li', 'ket-qua', link);
    const body = String(text || '').normalize('NFC').trim();
    if (body) item.append(element('p', 'trich', highlight(snippet(body, wanted), wanted)));
    item.append(element('p', 'nguon', [meta.kinds[kind], communeName].filter(Boolean).join(' · ')));
    return item;
  }

  // ---- Page state and rendering ---------------------------------------------------------------------
  let searchSeq = 0;      // increases with every new search: results of older searches are dropped
  let renderSeq = 0;      // increases with every new rendering (search, filter change, clearing)
  let current = null;     // { text, query, results, complete, shown, rendered, busy }
  let debounce = 0;

  const quoted = (text) => `“${text.trim()}”`;

  const say = (message) => { status.textContent = message; };

  function sayCount() {
    const { text, results, shown, complete, atLeast } = current;
    const total = number.format(complete ? results.length : Math.max(atLeast, results.length));
    if (!results.length) {
      say(`Không tìm thấy kết quả nào cho ${quoted(text)}. Hãy thử từ khóa khác, ngắn hơn hoặc kiểm tra chính tả.`);
      return;
    }
    const filtered = Object.values(filters).some((v) => v !== '');
    if (!shown.length) {
      say(`Không có kết quả nào cho ${quoted(text)} khớp với bộ lọc đã chọn. Chọn “Tất cả” ở các bộ lọc để xem ${complete ? '' : 'hơn '}${total} kết quả.`);
      return;
    }
    const count = filtered ? `${complete ? '' : 'hơn '}${number.format(shown.length)}` : `${complete ? '' : 'hơn '}${total}`;
    let message = `Tìm thấy ${count} kết quả cho ${quoted(text)}${filtered ? ` theo bộ lọc đã chọn (trong tổng số ${complete ? '' : 'hơn '}${total})` : ''}.`;
    if (current.rendered < shown.length) message += ` Đang hiển thị ${number.format(current.rendered)} kết quả đầu tiên.`;
    say(message);
  }

  /** Puts the query and filters in the address (replaceState: typing does not fill the history). */
  function writeUrl(text = input.value) {
    const params = new URLSearchParams();
    if (text.trim()) params.set('q', text.trim());
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
      chunks = await Promise.all([...new Set(batch.map((r) => place(r.doc, meta.chunk, 'd').file))]
        .map(async (file) => [file, await fetchFile(file, 'json')]));
    } finally {
      if (my === renderSeq) current.busy = false;
    }
    if (my !== renderSeq) return;
    const byChunk = new Map(chunks);
    const items = batch.map((r) => {
      const { file, at } = place(r.doc, meta.chunk, 'd');
      const doc = byChunk.get(file)[at];
      return doc ? renderResult(doc, current.query.wanted) : null;
    }).filter(Boolean);
    list.append(...items);
    current.rendered += batch.length;
    more.hidden = current.rendered >= current.shown.length;
    list.hidden = list.children.length === 0;
    sayCount();
    if (focus && items.length) items[0].querySelector('a').focus();
  }

  function emptyList() {
    list.replaceChildren();
    list.hidden = more.hidden = true;
  }

  /** Applies the filters to the current results and renders the first page. */
  async function render() {
    const my = ++renderSeq;
    current.shown = applyFilters(current.results);
    current.rendered = 0;
    current.busy = false;
    emptyList();
    writeUrl(current.text);
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
    emptyList();
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
    const my = ++searchSeq;   // also abandons a search still running
    if (current && current.query.exact.join(' ') === query.exact.join(' ')) {
      list.removeAttribute('aria-busy');   // same words as shown: keep the results and "Xem thêm" progress
      sayCount();
      return;
    }
    const slow = setTimeout(() => { if (my === searchSeq) say('Đang tải chỉ mục…'); }, SLOW_MS);
    list.setAttribute('aria-busy', 'true');
    try {
      const { results, complete, atLeast } = await search(query, () => my === searchSeq);
      if (my !== searchSeq) return;
      await loadFilterData(results);
      if (my !== searchSeq) return;
      current = { text, query, results, complete, atLeast, shown: [], rendered: 0 };
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
    select.addEventListener('change', async () => {
      filters[name] = select.value;
      if (name in wanted) wanted[name] = true;
      if (!current) { writeUrl(); return; }
      const shown = current;
      try {
        await loadFilterData(shown.results);   // normally loaded already, when the menu was approached
        if (shown === current) render();
      } catch (error) {
        failed(error);
      }
    });
  }
  for (const name of Object.keys(wanted)) {
    const want = () => {
      if (wanted[name] || !meta) return;
      wanted[name] = true;
      loadFilterData(current && current.results)
        .then(() => fillMenu(name, current && current.results), failed);
    };
    selects[name].addEventListener('pointerenter', want);
    selects[name].addEventListener('focus', want);
  }
  more.addEventListener('click', () => showMore(true).catch(failed));

  // ---- Start: read the query and filters from the address, load the index description --------------
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  for (const name of Object.keys(filters)) filters[name] = params.get(name) || '';
  for (const name of Object.keys(wanted)) wanted[name] = filters[name] !== '';
  list.hidden = true;
  if (!('DecompressionStream' in window)) {
    say('Trình duyệt này chưa hỗ trợ chức năng tìm kiếm. Vui lòng dùng phiên bản mới của Chrome, Edge, Firefox hoặc Safari.');
    return;
  }
  loadMeta().then(() => loadFilterData(null)).then(() => {
    if (!current) fillMenus(null);
    if (filterBox) filterBox.hidden = false;
  }, failed);
  if (input.value.trim()) run();
})();
