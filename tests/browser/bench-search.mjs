// Budgets of the site search, measured on a built site in headless Chromium (a bench
// run on demand, not a test):
//
//   node bench-search.mjs [query ...]        GUIDE_PUBLIC=<built site> (default <repo>/public)
//
//   search data per query   <= 300 KB downloaded for a one-word query typed into a fresh
//                           browser (no cache), first query included: the entry file,
//                           the term chunks and the fragments of the results shown, for
//                           every keystroke of the word (search-index.js, the reader, is
//                           code and counted apart)
//   first result            <= 100 ms from the keystroke to the results on screen once
//                           the first chunk is loaded (search.js's `search-results`
//                           performance measures, for the keystrokes after the first)
//
// The 5,000-page synthetic guide: KEEP=/tmp/guides tests/bench/bench.sh 5000, then
// GUIDE_PUBLIC=/tmp/guides/public-5000 node tests/browser/bench-search.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, open, publicDir } from './lib.mjs';

const KB = 1024;
const ownGuide = fs.existsSync(path.join(publicDir, 'incident-response'));
const queries = process.argv.slice(2).length ? process.argv.slice(2)
  : ownGuide ? ['spamhaus', '5.7.26', 'throttling', 'greylisting', 'unauthenticated']
    : ['bounces', 'suppression', 'greylisting', 'webhook', '5.7.1', 'retention'];
const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const server = await serve();
const browser = await launch();
const rows = [];
try {
  for (const query of queries) {
    // A fresh page in a context without cache for every query: the first query of a reader.
    const { page } = await open(browser.context, `${server.origin}/`, { origin: server.origin });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.locator('.search').waitFor({ state: 'visible' });
    await page.focus('#search-q');
    await page.keyboard.type(query, { delay: 120 });
    await page.waitForFunction((q) => document.getElementById('search-results').dataset.query === q, query);
    await page.waitForLoadState('networkidle');
    const measured = await page.evaluate(() => ({
      resources: performance.getEntriesByType('resource').map((r) => ({ name: r.name, size: r.transferSize })),
      results: performance.getEntriesByName('search-results').map((m) => m.duration),
      shown: document.querySelectorAll('#search-results li:not(.offer):not(.none)').length,
      status: document.getElementById('search-status').textContent,
    }));
    const data = measured.resources.filter((r) => new URL(r.name).pathname.startsWith('/search/'));
    const code = measured.resources.filter((r) => /\/search-index\.[0-9a-f]+\.js$/.test(new URL(r.name).pathname));
    const sum = (rs) => rs.reduce((n, r) => n + r.size, 0);
    rows.push({
      query, data: sum(data), files: data.length, code: sum(code), shown: measured.shown, status: measured.status,
      first: measured.results[0] ?? NaN, after: measured.results.slice(1),
    });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`site: ${publicDir}\n`);
console.log('query            data (files)        reader     first results   later keystrokes (median / max)   found');
for (const r of rows) {
  console.log(`${r.query.padEnd(16)} ${kb(r.data).padStart(9)} (${String(r.files).padStart(2)})   ${kb(r.code).padStart(9)}   ${ms(r.first).padStart(10)}      ${ms(median(r.after)).padStart(9)} / ${ms(Math.max(...r.after)).padEnd(12)}   ${r.status}`);
}
const worstData = Math.max(...rows.map((r) => r.data));
const worstLater = Math.max(...rows.flatMap((r) => r.after));
console.log(`\n${worstData <= 300 * KB ? 'ok  ' : 'OVER'}  most search data for one query: ${kb(worstData)} (budget 300 KB)`);
console.log(`${worstLater <= 100 ? 'ok  ' : 'OVER'}  slowest keystroke to results once loaded: ${ms(worstLater)} (budget 100 ms)`);
