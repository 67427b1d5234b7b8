// Site search in headless Chromium on the built site: full text (a word found only in a
// page's body), SMTP codes with and without dots, English stems, nothing for a word that
// is nowhere, excerpts with the match marked (as text, never HTML), the keyboard, the
// count for screen readers, the bounce-code offer, 360 px, and no request leaving the
// site. Expected pages are found from the built HTML, not listed by hand.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, open, assertClean, htmlFiles, publicDir, urlOf } from './lib.mjs';

let server;
let browser;
test.before(async () => {
  server = await serve();
  browser = await launch();
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

const visit = (url, opts = {}) => open(browser.context, `${server.origin}${url}`, { origin: server.origin, ...opts });

/**
 * Built pages: URL path -> { main, heads }: the text of the page's own article (title,
 * description, body; without the cards and navigation the theme adds) and of its headings.
 */
const pages = new Map(htmlFiles().filter((f) => f !== '404.html').map((file) => {
  const html = fs.readFileSync(path.join(publicDir, file), 'utf8');
  const main = html.slice(html.indexOf('<article'), html.indexOf('</article>'))
    .replace(/<ul class="cards">[\s\S]*?<\/ul>/g, '').replace(/<nav[\s\S]*?<\/nav>/g, '');
  const text = (s) => s.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ').replace(/\s+/g, ' ');
  const heads = [...main.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/g)].map((m) => text(m[1])).join(' ');
  return [urlOf(file), { main: text(main), heads }];
}));
const pagesWith = (re) => [...pages].filter(([, p]) => re.test(p.main)).map(([url]) => url);

/** Types `query` into the box and waits for the list to answer it; returns the results. */
async function search(page, query) {
  await page.fill('#search-q', query);
  await page.waitForFunction((q) => {
    const list = document.getElementById('search-results');
    return !list.hidden && list.dataset.query === q;
  }, query);
  return page.locator('#search-results li:not(.offer) a').evaluateAll((as) => as.map((a) => ({
    href: a.getAttribute('href'),
    title: a.querySelector('.title')?.textContent,
    heading: a.querySelector('.in')?.textContent || '',
    excerpt: a.querySelector('.excerpt')?.textContent,
    marks: [...a.querySelectorAll('mark')].map((m) => m.textContent),
  })));
}
const paths = (hits) => hits.map((h) => h.href.replace(/#.*/, ''));

test('a word found only in a page body finds that page, with the word marked in the excerpt', async () => {
  const word = 'unauthenticated';
  // The pages that say it in their body only (a reference page may name it in its title).
  const expected = pagesWith(new RegExp(`\\b${word}\\b`, 'i')).filter((url) => !new RegExp(word, 'i').test(pages.get(url).heads));
  assert.ok(expected.length > 0, `no page says ${word} in its body only`);
  const { page, problems } = await visit('/');
  try {
    const hits = await search(page, word);
    for (const url of expected) assert.ok(paths(hits).includes(url), `${word}: ${url} not in ${JSON.stringify(hits)}`);
    const hit = hits.find((h) => h.href.startsWith(expected[0]));
    assert.ok(hit.title, 'a result shows its page title');
    assert.ok(hit.marks.some((m) => m.toLowerCase() === word), `${word} not marked: ${JSON.stringify(hit)}`);
    assert.ok(hit.excerpt.toLowerCase().includes(word), hit.excerpt);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('SMTP codes match with and without their dots, and offer the self-diagnosis widget', async () => {
  const expected = pagesWith(/\b5\.7\.26\b/);
  assert.ok(expected.length > 0);
  const { page, problems } = await visit('/');
  try {
    for (const query of ['5.7.26', '5726']) {
      const hits = await search(page, query);
      for (const url of expected) assert.ok(paths(hits).includes(url) || hits.length === 8, `${query}: ${url} not in ${JSON.stringify(hits)}`);
      assert.ok(hits[0].marks.some((m) => m.includes('5.7.26')), `${query}: ${JSON.stringify(hits[0])}`);
      const offer = page.locator('#search-results li.offer a');
      assert.equal(await offer.count(), 1, `${query}: no widget offer`);
      assert.match(await offer.getAttribute('href'), /#diagnose$/);
    }
    for (const code of ['550', 'S3150', '4.7.28']) {
      const hits = await search(page, code);
      assert.ok(hits.length > 0, `${code}: nothing`);
      const re = new RegExp(`\\b${code.replace(/\./g, '\\.')}\\b`, 'i');
      assert.ok(pagesWith(re).includes(paths(hits)[0]), `${code}: first hit ${hits[0].href} does not say it`);
    }
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('a stemmed word finds the other forms; a word that is nowhere finds nothing', async () => {
  const { page, problems } = await visit('/');
  try {
    // "throttled" is not in the guide; "throttling" is.
    assert.deepEqual(pagesWith(/\bthrottled\b/i), []);
    const expected = pagesWith(/\bthrottl(e|es|ing)\b/i);
    assert.ok(expected.length > 0);
    const hits = await search(page, 'throttled');
    assert.equal(hits.length, Math.min(8, expected.length), JSON.stringify(hits));
    assert.ok(paths(hits).every((url) => expected.includes(url)), JSON.stringify(hits));
    assert.ok(hits.every((h) => h.marks.some((m) => /^throttl(e|es|ing)$/i.test(m))), JSON.stringify(hits));

    const none = await search(page, 'zqxjvw');
    assert.deepEqual(none, []);
    assert.equal(await page.locator('#search-results .none').textContent(), 'No match');
    assert.equal(await page.locator('#search-status').textContent(), 'No match');
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('results as you type: a prefix, the count read out, the keyboard', async () => {
  const { page, problems } = await visit('/incident-response/');
  try {
    const hits = await search(page, 'spamha');
    assert.ok(paths(hits).includes('/incidents/blacklisting/'), JSON.stringify(hits));
    const status = await page.locator('#search-status').textContent();
    assert.match(status, /^\d+ pages? found/);
    assert.equal(await page.locator('#search-status').getAttribute('aria-live'), 'polite');

    await page.keyboard.press('ArrowDown');
    const first = await page.evaluate(() => document.activeElement.getAttribute('href'));
    assert.equal(first, hits[0].href, 'ArrowDown moves to the first result');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), first);
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q', 'ArrowUp from the first result returns to the box');
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL(`**${hits[0].href}`), page.keyboard.press('Enter')]);

    await page.focus('#search-q');
    await search(page, 'spamhaus');
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue('#search-q'), '');
    assert.equal(await page.locator('#search-results').isHidden(), true);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('at 360 px the results fit the screen; page text is shown as text', async () => {
  const { page, problems } = await visit('/', { viewport: { width: 360, height: 640 } });
  try {
    const hits = await search(page, 'bounce');
    assert.ok(hits.length > 0);
    const box = await page.locator('#search-results').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 360, `results overflow: ${JSON.stringify(box)}`);
    // Only the elements search.js makes: no markup from the index reaches the page.
    const tags = await page.locator('#search-results *').evaluateAll((els) => [...new Set(els.map((e) => e.tagName))]);
    assert.deepEqual(tags.filter((t) => !['LI', 'A', 'SPAN', 'MARK'].includes(t)), []);
    assertClean(problems);
  } finally {
    await page.close();
  }
});

test('every request of a search stays on the site', async () => {
  const { page, problems } = await visit('/severity/');
  try {
    for (const q of ['gmail', 'zen.spamhaus.org', 'P1 outage']) await search(page, q);
    await page.keyboard.press('ArrowDown');
    assertClean(problems);
    assert.deepEqual(problems.failedResponses, []);
  } finally {
    await page.close();
  }
});
