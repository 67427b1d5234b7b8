// The theme in headless Chromium: the P1 emergency contact on screen at 360 px on every
// page, no console errors, no 404 (favicon), no request leaving the site, the search box
// absent without JavaScript (search itself: search.test.mjs), dark mode, the print view without navigation,
// the guide page's weight; and screenshots at 360 / 1280 px, light / dark, and print,
// written to tests/browser/artifacts/ for a person to look at.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch, open, htmlFiles, publicDir, repoRoot, urlOf } from './lib.mjs';

const artifacts = path.join(repoRoot, 'tests/browser/artifacts');
const pages = fs.existsSync(publicDir) ? htmlFiles() : [];
const GUIDE = '/incident-response/';

let server;
let browser;
test.before(async () => {
  server = await serve();
  browser = await launch();
  fs.mkdirSync(artifacts, { recursive: true });
});
test.after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page of the site (`url` is a path) with lib.mjs's `open`. */
const visit = (url, opts = {}) => open(browser.context, `${server.origin}${url}`, { origin: server.origin, ...opts });

test('a built site exists', () => {
  assert.ok(pages.length >= 8, `expected the built site in ${publicDir}, found ${pages.length} pages`);
});

test('every page: emergency contact visible without scrolling at 360 px, clean console, no foreign request', async () => {
  for (const rel of pages) {
    const url = urlOf(rel);
    const { page, problems } = await visit(url, { viewport: { width: 360, height: 640 } });
    try {
      // Chromium fetches a favicon after the load event, and only once per browser:
      // fetch the page's icons here instead of waiting for it.
      const icons = await page.locator('link[rel~="icon"]').evaluateAll((ls) => ls.map((l) => l.href));
      assert.ok(icons.length > 0, `${url}: no favicon link`);
      for (const icon of icons) assert.equal((await page.request.get(icon)).status(), 200, `${url}: favicon ${icon}`);
      for (const sel of ['.emergency a[href^="mailto:"][href*="subject=URGENT"]', '.emergency a[href^="tel:"]']) {
        const link = page.locator(sel).first();
        assert.ok(await link.isVisible(), `${url}: ${sel} not visible`);
        const box = await link.boundingBox();
        assert.ok(box && box.y >= 0 && box.y + box.height <= 640, `${url}: ${sel} is not on the first screen (${JSON.stringify(box)})`);
      }
      // Nothing is wider than the phone's screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${url}: the page is ${overflow}px wider than 360 px`);
      assert.deepEqual(problems.failedResponses, [], `${url}: failed requests`);
      assert.deepEqual([...problems.consoleErrors, ...problems.pageErrors], [], `${url}: console errors`);
      assert.deepEqual(problems.foreignRequests, [], `${url}: requests leaving the site`);
    } finally {
      await page.close();
    }
  }
});

test('landmarks, skip link, nav, table of contents, heading anchors, last updated', async () => {
  const { page } = await visit(GUIDE, { viewport: { width: 1280, height: 900 } });
  try {
    for (const sel of ['body > header', 'main#main', 'nav#site-nav', 'body > footer', 'nav.toc']) {
      assert.equal(await page.locator(sel).count(), 1, `one ${sel}`);
    }
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip');
    assert.equal(await skip.evaluate((a) => a === document.activeElement), true, 'the first Tab reaches the skip link');
    assert.ok(await skip.isVisible(), 'the focused skip link is visible');
    assert.equal(await page.locator('nav#site-nav a[aria-current="page"]').getAttribute('href'), GUIDE);
    const tocLinks = await page.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(tocLinks.length >= 5, `TOC has ${tocLinks.length} links`);
    for (const href of tocLinks) assert.equal(await page.locator(href).count(), 1, `TOC target ${href} exists`);
    const anchors = await page.locator('main h2 a.anchor').count();
    assert.ok(anchors >= 5, `${anchors} heading anchors`);
    // From the front matter or the page's last git commit.
    const updated = page.locator('.updated time');
    assert.equal(await updated.count(), 1, 'no "last updated" line');
    assert.match(await updated.getAttribute('datetime'), /^\d{4}-\d{2}-\d{2}/);
  } finally {
    await page.close();
  }
});

test('without JavaScript the search box is absent and the guide reads fully', async () => {
  const page = await browser.context.newPage();
  try {
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.goto(`${server.origin}${GUIDE}`);
    assert.equal(await page.locator('.search').isVisible(), false, 'search hidden without JS');
    const text = await page.locator('main').innerText();
    for (const fact of ['P1', 'URGENT', 'What to Include in an Incident Report', 'Post-Incident Report', 'Emergency Contact']) {
      assert.ok(text.includes(fact), `guide lacks ${fact} without JS`);
    }
  } finally {
    await page.close();
  }
});

test('keyboard focus is visible', async () => {
  const { page } = await visit(GUIDE, { viewport: { width: 1280, height: 900 } });
  try {
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      const style = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement);
        return { tag: document.activeElement.tagName, outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      });
      assert.equal(style.tag, 'A');
      assert.ok(style.outline !== 'none' && style.width >= 2, `focused link without a visible outline: ${JSON.stringify(style)}`);
    }
  } finally {
    await page.close();
  }
});

test('no web fonts and no third-party URLs in the theme\'s CSS', () => {
  const dir = path.join(publicDir);
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.css'))) {
    const css = fs.readFileSync(path.join(dir, f), 'utf8');
    assert.doesNotMatch(css, /@font-face|@import|url\(\s*['"]?(https?:)?\/\//i, f);
  }
});

test('dark mode follows prefers-color-scheme', async () => {
  const { page } = await visit(GUIDE);
  try {
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await bg();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await bg();
    assert.notEqual(light, dark);
    const lum = (c) => c.match(/\d+/g).slice(0, 3).reduce((a, b) => a + Number(b), 0);
    assert.ok(lum(dark) < lum(light), `dark ${dark} is not darker than light ${light}`);
  } finally {
    await page.close();
  }
});

test('print view: the guide and the contacts, without navigation or search', async () => {
  const { page } = await visit(GUIDE);
  try {
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['nav#site-nav', '.search', 'nav.toc', 'a.skip', '#diagnose', '#acct']) {
      if (!(await page.locator(sel).count())) continue;
      assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} printed`);
    }
    for (const sel of ['main', 'footer .contacts', '.emergency']) {
      assert.ok(await page.locator(sel).first().isVisible(), `${sel} not printed`);
    }
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(artifacts, 'guide-print.pdf'), pdf);
    await page.screenshot({ path: path.join(artifacts, 'guide-print.png'), fullPage: true });
  } finally {
    await page.close();
  }
});

test('the guide page weighs at most 30 KB gzipped (HTML + CSS, widget excluded)', () => {
  const htmlPath = path.join(publicDir, 'incident-response/index.html');
  const html = fs.readFileSync(htmlPath, 'utf8');
  const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)]
    .map((m) => m[1])
    .filter((href) => !href.includes('/widget/'))
    .map((href) => fs.readFileSync(path.join(publicDir, href.split('?')[0]), 'utf8'));
  assert.ok(css.length >= 1, 'the guide links a stylesheet');
  // The whole HTML counts (the widget's form markup included: stricter than the budget);
  // the widget's own CSS, JS and wasm are excluded.
  const bytes = zlib.gzipSync(html).length + css.reduce((n, c) => n + zlib.gzipSync(c).length, 0);
  console.log(`guide page: HTML + CSS = ${(bytes / 1024).toFixed(1)} KB gzipped`);
  assert.ok(bytes <= 30 * 1024, `${bytes} bytes gzipped`);
});

test('screenshots: 360 and 1280 px, light and dark', async () => {
  const shots = [['home', '/'], ['guide', GUIDE], ['sla', '/sla/'], ['gmail', '/incidents/gmail-rejections/']];
  for (const [name, url] of shots) {
    for (const width of [360, 1280]) {
      for (const scheme of ['light', 'dark']) {
        const { page } = await visit(url, { viewport: { width, height: width === 360 ? 740 : 900 } });
        try {
          await page.emulateMedia({ colorScheme: scheme });
          const file = path.join(artifacts, `${name}-${width}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          await page.screenshot({ path: path.join(artifacts, `${name}-${width}-${scheme}-top.png`) });
          assert.ok(fs.statSync(file).size > 1000);
        } finally {
          await page.close();
        }
      }
    }
  }
});
