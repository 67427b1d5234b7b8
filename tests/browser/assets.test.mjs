// Cache busting of the widget: the page refers to the widget's files (its
// modules and the module they share, the wasm-bindgen glue, the wasm, the accounting
// worker and its glue and wasm) only by content-hashed URLs, the modules load exactly those, and they work:
// after a deploy a browser can never mix a new module with a stale glue or wasm.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, open, assertClean, pageWith, publicDir } from './lib.mjs';

/** `name.<8 hex>.ext`, as `asset()` writes it. */
const HASHED = /\/[^/]+\.[0-9a-f]{8}\.(js|css|wasm)$/;

let server;
let browser;
let pageUrl;
let html;
const log = [];

before(async () => {
  const page = pageWith('id="acct"');
  html = page.html;
  server = await serve(publicDir, { log });
  browser = await launch();
  pageUrl = `${server.origin}${page.url}`;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Every URL under /widget/ the page's markup names, by attribute. */
const widgetRefs = () => [...html.matchAll(/\s([a-z-]+)="(\/widget\/[^"]*)"/g)].map((m) => ({ attr: m[1], url: m[2] }));

test('the page names the widget files by content-hashed URLs only', () => {
  const refs = widgetRefs();
  assert.ok(refs.length > 0, 'no widget URL in the page');
  assert.deepEqual(refs.filter((r) => !HASHED.test(r.url)), [], 'unhashed widget URLs');
  // The glue and the wasm of both modules, and the worker, are among them.
  const named = (attr, stem, ext) => refs.find((r) => r.attr === attr && r.url.startsWith(`/widget/${stem}.`) && r.url.endsWith(ext));
  for (const [attr, stem, ext] of [
    ['data-dom', 'dom', '.js'], ['data-glue', 'pkg/widget', '.js'], ['data-wasm', 'pkg/widget_bg', '.wasm'],
    ['data-worker', 'acct-worker', '.js'], ['data-worker-glue', 'pkg/acct', '.js'],
    ['data-worker-wasm', 'pkg/acct_bg', '.wasm'], ['href', 'pkg/widget_bg', '.wasm'],
  ]) {
    assert.ok(named(attr, stem, ext), `no hashed ${stem}${ext} in ${attr}`);
  }
  // Each hashed file is a copy of the file it names.
  for (const { url } of refs) {
    const hashed = path.join(publicDir, url);
    const plain = hashed.replace(/\.[0-9a-f]{8}(\.[a-z]+)$/, '$1');
    assert.ok(fs.existsSync(hashed), `${url} is not in ${publicDir}`);
    assert.ok(fs.readFileSync(hashed).equals(fs.readFileSync(plain)), `${url} differs from ${path.relative(publicDir, plain)}`);
  }
  // The plain pkg names appear nowhere in the markup (no derived or hand-built URL).
  assert.doesNotMatch(html, /pkg\/(widget|acct)(_bg)?\.(js|wasm)["'?]/);
});

test('the widget and the accounting worker load only the hashed glue and wasm, and work', async () => {
  log.length = 0;
  const { page, problems } = await open(browser.context, pageUrl, { origin: server.origin });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assets-test-'));
  try {
    await page.waitForSelector('#diagnose[data-dg-ready]', { timeout: 10000 });
    await page.waitForSelector('#acct[data-acct-ready]', { timeout: 10000 });
    await page.fill('#diagnose textarea[name=bounce]', 'smtp;550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus.');
    await page.waitForFunction(() => document.querySelector('#diagnose [data-severity]').getAttribute('data-severity') === 'P2');

    // The worker (hashed URL) loads the accounting reader (hashed glue and wasm).
    const file = path.join(dir, 'acct.csv');
    fs.writeFileSync(file, 'type,timeLogged,orig,rcpt,dsnAction,dsnStatus,dsnDiag,dsnMta,bounceCat\n'
      + 'd,2026-09-21 12:00:00+0000,b@news.example.net,u@gmail.com,relayed,2.0.0 (success),smtp;250 2.0.0 OK,gmail-smtp-in.l.google.com,\n');
    await page.setInputFiles('#acct input[data-acct-file]', file);
    await page.waitForFunction(() => document.querySelector('#acct [data-acct-severity]')?.getAttribute('data-severity'), null, { timeout: 20000 });

    const widget = log.filter((p) => p.startsWith('/widget/'));
    assert.deepEqual(widget.filter((p) => !HASHED.test(p)), [], 'plain widget files were requested');
    const refs = new Set(widgetRefs().map((r) => r.url));
    assert.deepEqual(widget.filter((p) => !refs.has(p)), [], 'widget files the page does not name were requested');
    for (const attr of ['dom', 'glue', 'wasm', 'worker', 'worker-glue', 'worker-wasm']) {
      const url = await page.getAttribute('#acct', `data-${attr}`);
      assert.ok(widget.includes(url), `${url} (data-${attr}) was not loaded`);
    }
    // The preload is the request the glue uses: the widget wasm is fetched once.
    const wasm = await page.getAttribute('#diagnose', 'data-wasm');
    assert.equal(widget.filter((p) => p === wasm).length, 1, `${wasm} fetched more than once: ${widget.join(' ')}`);

    assertClean(problems);
  } finally {
    await page.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('if the glue cannot load, the fallback stays and the console stays clean', async () => {
  // A glue that fails to evaluate (a broken deploy, a proxy's error page).
  const setup = (p) => p.route(/\/widget\/pkg\/widget\.[0-9a-f]{8}\.js$/, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new Error("broken glue");' }));
  const { page, problems } = await open(browser.context, pageUrl, { origin: server.origin, setup });
  try {
    await page.waitForSelector('#diagnose[data-dg-failed]', { state: 'attached' });
    await page.waitForSelector('#acct[data-acct-failed]', { state: 'attached' });
    assert.equal(await page.locator('#diagnose [data-dg-fallback]').isVisible(), true);
    assert.equal(await page.locator('#diagnose form').isVisible(), false);
    assert.equal(await page.locator('#acct').isVisible(), false);
    assertClean(problems);
  } finally {
    await page.close();
  }
});
