// The search index reader: words, keys and stems by the same rules as the build
// (crates/guide/src/site/search/tokens.rs: a page word and a query word must give the same
// keys), the sharded index loaded a piece at a time, ranking and excerpts. No DOM here:
// search.js draws the results, and the tests run this module in Node too.
//
// The index (README.md, "Search index"): an entry file (page count, the first key and
// file of every term chunk, a hash per fragment pack), term chunks (keys in order with
// their postings) and packs of a few pages' fragments (URL, title, description, section
// texts). Every file is gzip, inflated here by DecompressionStream.

const WORD = /[\p{Alphabetic}\p{N}\p{M}]+(?:[.\-_@'\u2019][\p{Alphabetic}\p{N}\p{M}]+)*/gu;
const MAX_KEY_CHARS = 64;
const MAX_RUN_PARTS = 8;
/** Index format this reader understands (the entry file's `v`). */
const VERSION = 1;
/** A prefix typed at the end of a query loads at most this many term chunks. */
const MAX_PREFIX_CHUNKS = 3;
/** Word endings a reader may be in the middle of typing (`throttli` -> `throttl`). */
const SUFFIXES = ['ing', 'ed', 'es', 'er', 'ers', 'ion', 'ions', 'ly', 'ies', 'ied', 'ation', 'ations',
  'ment', 'ments', 'ness', 'able', 'ity', 'ive', 'al', 'ance', 'ence'];

// ---- Words and keys -------------------------------------------------------------------

/** The words of `text` as `[start, end]` offsets, in order. */
export function words(text) {
  const out = [];
  for (const m of text.matchAll(WORD)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** NFKD without combining marks, `’` as `'`, lower case; only word characters and connectors. */
export function fold(word) {
  const s = /^[\x00-\x7f]*$/.test(word) ? word.toLowerCase()
    : word.normalize('NFKD').replace(/\p{M}/gu, '').replace(/\u2019/g, "'").toLowerCase();
  return s.replace(/[^\p{Alphabetic}\p{N}\p{M}.\-_@']/gu, '');
}

function withoutApostrophes(word) {
  return (word.endsWith("'s") ? word.slice(0, -2) : word).replace(/'/g, '');
}

const tooLong = (key) => key.length > MAX_KEY_CHARS && [...key].length > MAX_KEY_CHARS;
const allDigits = (parts) => parts.every((p) => /^[0-9]+$/.test(p));

/** Every index key of a folded word (as the build indexes it). */
export function indexKeys(folded) {
  const word = withoutApostrophes(folded);
  const out = [];
  const send = (key) => { if (key && !tooLong(key)) out.push(key); };
  if (!/[.\-_@]/.test(word)) { send(stem(word)); return out; }
  let joined = '';
  let pieces = 0;
  for (const piece of word.split(/[-_@]/).filter(Boolean)) {
    pieces++;
    const parts = piece.split('.').filter(Boolean);
    const whole = parts.join('');
    joined += whole;
    if (parts.length === 1) { send(stem(whole)); continue; }
    send(whole);
    if (allDigits(parts)) continue;
    if (parts.length <= MAX_RUN_PARTS) {
      for (let from = 0; from < parts.length; from++) {
        for (let to = from + 2; to <= parts.length; to++) {
          if (to - from < parts.length) send(parts.slice(from, to).join(''));
        }
      }
    }
    for (const part of parts) send(stem(part));
  }
  if (pieces > 1) send(joined);
  return out;
}

/** The pieces of a folded query word: `{ key, raw }` (raw: the piece without dots, unstemmed). */
function queryPieces(folded) {
  const out = [];
  for (const piece of withoutApostrophes(folded).split(/[-_@]/)) {
    const parts = piece.split('.').filter(Boolean);
    if (!parts.length) continue;
    const raw = parts.join('');
    const key = parts.length === 1 ? stem(raw) : raw;
    if (!tooLong(key)) out.push({ key, raw });
  }
  return out;
}

/**
 * The terms of a typed query, all of which must match: `{ key, prefix }` per word piece.
 * The last piece, while it is being typed (no space after it), also matches the keys
 * that start with it (`prefix`).
 */
export function parseQuery(text) {
  const terms = [];
  for (const [start, end] of words(text)) {
    for (const { key, raw } of queryPieces(fold(text.slice(start, end)))) terms.push({ key, raw, prefix: null });
  }
  const last = terms[terms.length - 1];
  if (last && !/\s$/.test(text)) {
    const digits = /^[0-9]+$/.test(last.raw);
    if (last.raw.length >= 3 || (digits && last.raw.length >= 2)) last.prefix = last.raw;
  }
  return terms;
}

// ---- English stemmer ------------------------------------------------------------------
// Snowball's English (Porter2) stemmer, as the build's rust-stemmers runs it: applied to
// words of three or more ASCII letters; anything else is its own key.

const isV = (c) => c !== undefined && 'aeiouy'.includes(c);
const EXCEPTIONS = new Map(Object.entries({
  skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl', gently: 'gentl',
  ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl', sky: 'sky', news: 'news', howe: 'howe',
  atlas: 'atlas', cosmos: 'cosmos', bias: 'bias', andes: 'andes',
}));
const INVARIANT_AFTER_1A = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);
const STEP2 = [['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'],
  ['entli', 'ent'], ['izer', 'ize'], ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'],
  ['aliti', 'al'], ['alli', 'al'], ['fulness', 'ful'], ['ousli', 'ous'], ['ousness', 'ous'], ['iveness', 'ive'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['bli', 'ble'], ['ogi', 'og'], ['fulli', 'ful'], ['lessli', 'less'], ['li', '']]
  .sort((a, b) => b[0].length - a[0].length);
const STEP3 = [['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'],
  ['ical', 'ic'], ['ful', ''], ['ness', ''], ['ative', '']].sort((a, b) => b[0].length - a[0].length);
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ism', 'ate',
  'iti', 'ous', 'ive', 'ize', 'ion'].sort((a, b) => b.length - a.length);

/** After the first vowel then the first non-vowel from `from`: the start of a region. */
function regionAfter(s, from) {
  let i = from;
  while (i < s.length && !isV(s[i])) i++;
  while (i < s.length && isV(s[i])) i++;
  return i < s.length ? i + 1 : s.length;
}

/** The word ends in a short syllable. */
function shortSyllable(s) {
  const n = s.length;
  if (n >= 3 && !'aeiouywxY'.includes(s[n - 1]) && isV(s[n - 2]) && !isV(s[n - 3])) return true;
  return n === 2 && isV(s[0]) && !isV(s[1]);
}

const longest = (s, list) => list.find((entry) => s.endsWith(Array.isArray(entry) ? entry[0] : entry));

/** The English stem of a folded word. */
export function stem(word) {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return word;
  if (EXCEPTIONS.has(word)) return EXCEPTIONS.get(word);
  // Prelude: y at the start or after a vowel is a consonant (Y).
  let s = word[0] === 'y' ? 'Y' + word.slice(1) : word;
  for (let i = 1; i < s.length; i++) if (s[i] === 'y' && isV(s[i - 1])) s = s.slice(0, i) + 'Y' + s.slice(i + 1);
  const special = /^(gener|commun|arsen)/.exec(s);
  const p1 = special ? special[0].length : regionAfter(s, 0);
  const p2 = regionAfter(s, p1);
  const inR1 = (suffix) => s.length - suffix.length >= p1;
  const inR2 = (suffix) => s.length - suffix.length >= p2;
  const cut = (n) => s.slice(0, s.length - n);

  // Step 1a.
  if (s.endsWith('sses')) s = cut(2);
  else if (s.endsWith('ied') || s.endsWith('ies')) s = cut(3) + (s.length > 4 ? 'i' : 'ie');
  else if (s.endsWith('us') || s.endsWith('ss')) { /* kept */ }
  else if (s.endsWith('s') && /[aeiouy]/.test(s.slice(0, -2))) s = cut(1);
  if (!INVARIANT_AFTER_1A.has(s)) {
    // Step 1b.
    const b = longest(s, ['eedly', 'ingly', 'edly', 'eed', 'ing', 'ed']);
    if (b === 'eed' || b === 'eedly') {
      if (inR1(b)) s = cut(b.length) + 'ee';
    } else if (b && /[aeiouy]/.test(cut(b.length))) {
      s = cut(b.length);
      if (/(at|bl|iz)$/.test(s)) s += 'e';
      else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(s)) s = cut(1);
      else if (s.length === p1 && shortSyllable(s)) s += 'e';
    }
    // Step 1c.
    if (/[yY]$/.test(s) && s.length > 2 && !isV(s[s.length - 2])) s = cut(1) + 'i';
    // Step 2.
    const two = longest(s, STEP2);
    if (two && inR1(two[0])) {
      const before = s[s.length - two[0].length - 1];
      if (two[0] === 'ogi') { if (before === 'l') s = cut(3) + 'og'; }
      else if (two[0] === 'li') { if (before !== undefined && 'cdeghkmnrt'.includes(before)) s = cut(2); }
      else s = cut(two[0].length) + two[1];
    }
    // Step 3.
    const three = longest(s, STEP3);
    if (three && inR1(three[0]) && (three[0] !== 'ative' || inR2('ative'))) s = cut(three[0].length) + three[1];
    // Step 4.
    const four = longest(s, STEP4);
    if (four && inR2(four)) {
      if (four !== 'ion') s = cut(four.length);
      else if (/[st]ion$/.test(s)) s = cut(3);
    }
    // Step 5.
    if (s.endsWith('e')) {
      if (inR2('e') || (inR1('e') && !shortSyllable(cut(1)))) s = cut(1);
    } else if (s.endsWith('l') && inR2('l') && s[s.length - 2] === 'l') s = cut(1);
  }
  return s.replace(/Y/g, 'y');
}

// ---- The index -------------------------------------------------------------------------

/** The bytes of a gzip file (as they are when a host already inflated them). */
async function inflate(buffer) {
  const bytes = new Uint8Array(buffer);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const utf8 = new TextDecoder();

/** A term chunk: its keys in order and where each key's postings start. */
function readChunk(bytes) {
  const keys = [];
  const at = [];
  let pos = 0;
  let prev = new Uint8Array(0);
  const varint = () => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[pos++];
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
      shift += 7;
    }
  };
  while (pos < bytes.length) {
    const shared = bytes[pos++];
    const rest = varint();
    const key = new Uint8Array(shared + rest);
    key.set(prev.subarray(0, shared));
    key.set(bytes.subarray(pos, pos + rest), shared);
    pos += rest;
    prev = key;
    keys.push(utf8.decode(key));
    at.push(pos);
    const count = varint();
    for (let i = 0; i < count; i++) { varint(); pos++; varint(); }
  }
  const postings = (i) => {
    pos = at[i];
    const count = varint();
    const out = new Array(count);
    let doc = 0;
    for (let j = 0; j < count; j++) {
      doc += varint();
      const weight = bytes[pos++];
      out[j] = { doc, weight, section: varint() };
    }
    return out;
  };
  return { keys, postings };
}

/** Binary search: the last index whose value is <= key (-1 when none). */
function lastAtMost(sorted, key, get) {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (get(sorted[mid]) <= key) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** A posting's score: title > heading > description > body, then how often; exact matches count double. */
const score = (weight, exact) => ((weight >> 6) * 64 + (weight & 63)) * (exact ? 2 : 1);

export class SearchIndex {
  /**
   * Opens the index whose entry file is at `url`. `load(url, fresh)` returns the bytes of
   * a file (an ArrayBuffer); by default it fetches. The entry has a fixed name and is
   * asked for `fresh` (revalidated); chunks and fragments are named by their content.
   */
  static async open(url, load = fetchBytes) {
    const entry = JSON.parse(utf8.decode(await inflate(await load(url, true))));
    if (entry.v !== VERSION) throw new Error(`search index version ${entry.v}, expected ${VERSION}`);
    return new SearchIndex(new URL('.', url).href, entry, load);
  }

  constructor(base, entry, load) {
    this.base = base;
    this.entry = entry;
    this.load = load;
    this.chunks = new Map();
    this.fragments = new Map();
  }

  get pages() { return this.entry.pages; }

  chunk(i) {
    const name = this.entry.chunks[i][1];
    if (!this.chunks.has(name)) {
      const loading = this.load(`${this.base}t/${name}.bin`).then(inflate).then(readChunk);
      loading.catch(() => this.chunks.delete(name));
      this.chunks.set(name, loading);
    }
    return this.chunks.get(name);
  }

  chunkOf(key) { return lastAtMost(this.entry.chunks, key, (c) => c[0]); }

  /** `[key, postings]` of an exact key, or null. */
  async exact(key) {
    const i = this.chunkOf(key);
    if (i < 0) return null;
    const chunk = await this.chunk(i);
    const k = lastAtMost(chunk.keys, key, (x) => x);
    return k >= 0 && chunk.keys[k] === key ? [key, chunk.postings(k)] : null;
  }

  /** `[key, postings]` of every key starting with `prefix` (within a few chunks). */
  async withPrefix(prefix) {
    const out = [];
    const first = Math.max(0, this.chunkOf(prefix));
    const end = prefix + '\uffff';
    for (let i = first; i < this.entry.chunks.length && i < first + MAX_PREFIX_CHUNKS; i++) {
      if (i > first && this.entry.chunks[i][0] >= end) break;
      const chunk = await this.chunk(i);
      chunk.keys.forEach((key, k) => { if (key.startsWith(prefix)) out.push([key, chunk.postings(k)]); });
    }
    return out;
  }

  /** Every `[key, postings, exact]` a term matches. */
  async matches(term) {
    const found = [];
    const seen = new Set();
    const add = (hit, exact) => {
      if (hit && !seen.has(hit[0])) { seen.add(hit[0]); found.push([hit[0], hit[1], exact]); }
    };
    add(await this.exact(term.key), true);
    if (term.prefix) {
      for (const hit of await this.withPrefix(term.prefix)) add(hit, false);
      // A word being finished: `throttli` is on its way from `throttl` to `throttling`.
      for (let n = term.prefix.length - 1; n >= Math.max(3, term.prefix.length - 4); n--) {
        const tail = term.prefix.slice(n);
        if (SUFFIXES.some((s) => s.length > tail.length && s.startsWith(tail))) add(await this.exact(term.prefix.slice(0, n)), false);
      }
    }
    return found;
  }

  /**
   * Searches `text`: `{ total, hits: [{ doc, score, section }], keys }`, hits best first;
   * `keys` are the index keys that matched (to mark them in excerpts).
   */
  async search(text) {
    const terms = parseQuery(text);
    if (!terms.length) return { total: 0, hits: [], keys: new Set() };
    const perTerm = await Promise.all(terms.map((t) => this.matches(t)));
    const keys = new Set();
    const docMaps = perTerm.map((matches) => {
      const docs = new Map();
      for (const [key, postings, exact] of matches) {
        keys.add(key);
        for (const p of postings) {
          const s = score(p.weight, exact);
          const had = docs.get(p.doc);
          if (!had || s > had.score) docs.set(p.doc, { score: s, field: p.weight >> 6, section: p.section, size: 0 });
        }
      }
      for (const hit of docs.values()) hit.size = docs.size;
      return docs;
    });
    docMaps.sort((a, b) => a.size - b.size);
    const hits = [];
    for (const [doc, first] of docMaps[0] || []) {
      let total = first.score;
      let best = first;
      let everywhere = true;
      for (let t = 1; t < docMaps.length && everywhere; t++) {
        const hit = docMaps[t].get(doc);
        if (!hit) { everywhere = false; break; }
        total += hit.score;
        if (hit.field > best.field) best = hit;
      }
      if (everywhere) hits.push({ doc, score: total, section: best.section });
    }
    hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return { total: hits.length, hits, keys };
  }

  /** Page `doc`'s fragment: `{ u: url, t: title, d: description, s: [[id, heading, text]] }`. */
  async fragment(doc) {
    const pack = Math.floor(doc / this.entry.pack);
    if (!this.fragments.has(pack)) {
      const hash = this.entry.fragments.slice(pack * 8, pack * 8 + 8);
      const loading = this.load(`${this.base}f/${pack}-${hash}.bin`).then(inflate)
        .then((bytes) => JSON.parse(utf8.decode(bytes)));
      loading.catch(() => this.fragments.delete(pack));
      this.fragments.set(pack, loading);
    }
    return (await this.fragments.get(pack))[doc % this.entry.pack];
  }
}

async function fetchBytes(url, fresh = false) {
  const response = await fetch(url, fresh ? { cache: 'no-cache' } : {});
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return response.arrayBuffer();
}

// ---- Excerpts --------------------------------------------------------------------------

/**
 * About `size` words of `text` around the best cluster of matches: `[{ text, mark }]`
 * pieces (mark: one of `keys` matched there), with `…` where the text was cut.
 */
export function excerpt(text, keys, size = 28) {
  const spans = words(text);
  const marked = spans.map(([s, e]) => indexKeys(fold(text.slice(s, e))).some((k) => keys.has(k)));
  let from = 0;
  let best = 0;
  marked.forEach((m, i) => {
    if (!m) return;
    const start = Math.max(0, i - 6);
    let count = 0;
    for (let j = start; j < Math.min(spans.length, start + size); j++) if (marked[j]) count++;
    if (count > best) { best = count; from = start; }
  });
  const to = Math.min(spans.length, from + size);
  const pieces = [];
  if (from > 0) pieces.push({ text: '… ', mark: false });
  let pos = spans.length ? spans[from][0] : 0;
  for (let i = from; i < to; i++) {
    const [s, e] = spans[i];
    if (s > pos) pieces.push({ text: text.slice(pos, s), mark: false });
    pieces.push({ text: text.slice(s, e), mark: marked[i] });
    pos = e;
  }
  if (to < spans.length) pieces.push({ text: ' …', mark: false });
  else if (pos < text.length) pieces.push({ text: text.slice(pos), mark: false });
  return pieces.filter((p) => p.text);
}
