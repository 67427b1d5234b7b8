// The browser's reader of the search index (themes/default/static/search-index.js) and
// the build's writer agree, on every word of the built site: each word of each page,
// cut into keys by the browser's rules (words, folding, English stems), is in the index
// with that page among its postings. Runs in Node on the built site, no browser needed.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, publicDir } from './lib.mjs';

const engine = await import(path.join(repoRoot, 'themes/default/static/search-index.js'));

/** The index as the browser opens it, read from the built site's files. */
async function openIndex() {
  assert.ok(fs.existsSync(path.join(publicDir, 'search/index.bin')), `no search/index.bin in ${publicDir}: build the site first`);
  const load = async (url) => {
    const file = fs.readFileSync(path.join(publicDir, decodeURIComponent(new URL(url).pathname)));
    return file.buffer.slice(file.byteOffset, file.byteOffset + file.length);
  };
  return engine.SearchIndex.open('http://site.invalid/search/index.bin', load);
}

test('every word of every page finds that page through the index', async () => {
  const index = await openIndex();
  assert.ok(index.pages >= 8, `${index.pages} pages in the index`);
  const postings = new Map();
  const docsOf = async (key) => {
    if (!postings.has(key)) {
      const hit = await index.exact(key);
      postings.set(key, new Set(hit ? hit[1].map((p) => p.doc) : []));
    }
    return postings.get(key);
  };
  let checked = 0;
  const missing = [];
  for (let doc = 0; doc < index.pages; doc++) {
    const f = await index.fragment(doc);
    const texts = [f.t, f.d, ...f.s.flatMap(([, heading, text]) => [heading, text])];
    for (const text of texts) {
      for (const [start, end] of engine.words(text)) {
        const word = text.slice(start, end);
        for (const key of engine.indexKeys(engine.fold(word))) {
          checked++;
          if (!(await docsOf(key)).has(doc)) missing.push(`${f.u}: ${word} -> ${key}`);
        }
      }
    }
  }
  assert.ok(checked > 1000, `only ${checked} keys checked`);
  assert.deepEqual(missing.slice(0, 20), []);
});

test('the browser finds stems, codes, host names and prefixes as the build indexed them', async () => {
  const index = await openIndex();
  const urls = async (query) => {
    const found = await index.search(query);
    return Promise.all(found.hits.map(async (h) => (await index.fragment(h.doc)).u));
  };
  const both = async (a, b) => assert.deepEqual(await urls(a), await urls(b), `${a} vs ${b}`);
  await both('5.7.26', '5726');
  await both('throttled ', 'throttling ');
  await both('Spamhaus ', 'SPAMHAUS ');
  assert.ok((await urls('zen.spamhaus.org')).length > 0);
  const typed = await urls('spamha');
  assert.ok(typed.length > 0 && (await urls('spamhaus ')).every((u) => typed.includes(u)), 'a prefix finds the pages of the whole word');
  assert.deepEqual(await urls('qqzzxxj'), []);
  assert.deepEqual(await urls('spamhaus qqzzxxj'), [], 'every word must match');
});

test('the stemmer and the tokenizer on words of our own', () => {
  const { stem, parseQuery, indexKeys, fold, excerpt } = engine;
  for (const [word, want] of [['throttling', 'throttl'], ['throttled', 'throttl'], ['deliveries', 'deliveri'],
    ['generously', 'generous'], ['skies', 'sky'], ['by', 'by'], ['bounced', 'bounc'], ['relational', 'relat']]) {
    assert.equal(stem(word), want, word);
  }
  assert.deepEqual(parseQuery('550-5.7.26 zen.spamhaus.org').map((t) => t.key), ['550', '5726', 'zenspamhausorg']);
  assert.equal(parseQuery('5.7').at(-1).prefix, '57');
  assert.equal(parseQuery('spamhaus ').at(-1).prefix, null, 'a finished word is not a prefix');
  assert.equal(fold('Zürich’s'), "zurich's");
  assert.ok(indexKeys('zen.spamhaus.org').includes('spamhausorg'));
  const pieces = excerpt('One two <b>five</b> 5.7.26 here.', new Set(['5726']));
  assert.deepEqual(pieces.filter((p) => p.mark).map((p) => p.text), ['5.7.26']);
  assert.equal(pieces.map((p) => p.text).join(''), 'One two <b>five</b> 5.7.26 here.');
});
